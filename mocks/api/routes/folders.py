"""Folders, thread lists and the sent-folder search that feeds "recent care teams" (sm-api.md §1.3)."""

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from contract import MESSAGING
from fixtures.model import Draft, Message
from mocks.api.errors import not_found, validation_error
from mocks.api.http import base_url, field, json_object, path_id, session_of
from mocks.api.readouts import recent_window_messages
from mocks.api.serializers import message_resource, thread_resource
from mocks.api.session import Session

BASE = f"{MESSAGING}/folders"
# In the order vets-api lists them (vets-website `folders-list-response.json` from staging).
SYSTEM_FOLDERS = {0: "Inbox", -2: "Drafts", -1: "Sent", -3: "Deleted"}
SORT_ORDERS = ("ASC", "DESC")  # as vets-website sends them (mocks/openapi.yaml declares the same enum)


def _folder_messages(session: Session, folder_id: int) -> list[Message]:
    if folder_id == -1:
        return session.sent_messages()
    if folder_id == 0:
        return session.inbox_messages()
    if folder_id == -2:
        return [_draft_message(session, d) for d in reversed(session.store.drafts.values())]
    return []


def _draft_message(session: Session, draft: Draft) -> Message:
    team, user = session.team(draft.recipient_id), session.patient.user
    return Message(
        message_id=draft.message_id,
        recipient_id=draft.recipient_id,
        recipient_name=team.name if team else "",
        category=draft.category,
        subject=draft.subject,
        body=draft.body,
        sent_date=draft.saved_at,
        sender_id=user.user_profile_id,
        sender_name=user.sender_name,
        folder_id=-2,
        is_oh=bool(team and team.oh),
    )


def _folder(session: Session, folder_id: int, base: str) -> dict[str, Any]:
    count = len(_folder_messages(session, folder_id))
    return {
        "id": str(folder_id),
        "type": "folders",
        "attributes": {
            "folderId": folder_id,
            "name": SYSTEM_FOLDERS[folder_id],
            "count": count,
            "unreadCount": 0,
            "systemFolder": True,
        },
        "links": {"self": f"{base}{BASE}/{folder_id}"},
    }


def _known_folder(value: str) -> int:
    folder_id = path_id(value)
    if folder_id not in SYSTEM_FOLDERS:
        raise not_found(value)
    return folder_id


async def folders(request: Request) -> JSONResponse:
    session, base = session_of(request), base_url(request)
    data = [_folder(session, f, base) for f in SYSTEM_FOLDERS]
    return JSONResponse({"data": data, "meta": {"count": len(data)}})


async def folder(request: Request) -> JSONResponse:
    folder_id = _known_folder(request.path_params["folder_id"])
    return JSONResponse({"data": _folder(session_of(request), folder_id, base_url(request))})


def _page_param(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 10_000:
        raise validation_error([(name, "must be a whole number between 1 and 10000")])
    return number


async def threads(request: Request) -> JSONResponse:
    session = session_of(request)
    folder_id = _known_folder(request.path_params["folder_id"])
    size = _page_param(request, "pageSize", 10)
    page = _page_param(request, "pageNumber", 1)
    order = request.query_params.get("sortOrder", "DESC")
    if order not in SORT_ORDERS:
        raise validation_error([("sortOrder", "must be ASC or DESC")])
    messages = _folder_messages(session, folder_id)
    if order == "ASC":
        messages = list(reversed(messages))
    chunk = messages[(page - 1) * size : page * size]
    return JSONResponse({"data": [thread_resource(m, folder_id) for m in chunk]})


def _date(body: dict[str, Any], name: str) -> datetime | None:
    value = field(body, name)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise validation_error([(name, "must be an ISO 8601 date")])
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise validation_error([(name, "must be an ISO 8601 date")]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def search(request: Request) -> JSONResponse:
    session = session_of(request)
    folder_id = _known_folder(request.path_params["folder_id"])
    body = await json_object(request)
    since, until = _date(body, "from_date"), _date(body, "to_date")
    if folder_id == -1:
        messages = recent_window_messages(session, since, until)
    else:
        messages = [
            m
            for m in _folder_messages(session, folder_id)
            if not ((since and m.sent_date < since) or (until and m.sent_date > until))
        ]
    recipient = field(body, "recipient")
    if recipient not in (None, ""):
        messages = [m for m in messages if str(m.recipient_id) == str(recipient)]
    for key in ("subject", "category"):
        wanted = body.get(key)
        if isinstance(wanted, str) and wanted:
            messages = [m for m in messages if wanted.lower() in (getattr(m, key) or "").lower()]
    base = base_url(request)
    return JSONResponse({"data": [message_resource(m, base) for m in messages]})


routes = [
    Route(BASE, folders, methods=["GET"], name="folders"),
    Route(f"{BASE}/{{folder_id}}", folder, methods=["GET"], name="folder"),
    Route(f"{BASE}/{{folder_id}}/threads", threads, methods=["GET"], name="threads"),
    Route(f"{BASE}/{{folder_id}}/search", search, methods=["POST"], name="sent_search"),
]
