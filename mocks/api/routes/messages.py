"""Send (JSON or multipart, sm-api.md §1.7, §5.2), delete a draft, and the message categories."""

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from contract import CERNER_PILOT, LARGE_ATTACHMENTS, MESSAGES
from fixtures.model import Message
from fixtures.profiles import CATEGORIES
from mocks.api import jsonio
from mocks.api.compose import check_can_send, validate
from mocks.api.errors import ApiError, bad_request, error_entry, not_found, sm_error, validation_error
from mocks.api.http import base_url, field, json_object, path_id, session_of
from mocks.api.serializers import attachment_resource, message_resource
from mocks.api.session import Session

BASE = MESSAGES
MB = 1024 * 1024
STANDARD_LIMITS = (4, 6 * MB, 10 * MB)  # files, per file, total (app/models/message.rb)
LARGE_LIMITS = (10, 25 * MB, 25 * MB)
# The web app's accepted file types; the large-attachment path adds the extended ones (sm-api.md §5.2).
STANDARD_TYPES = frozenset(
    ["doc", "docx", "gif", "jpg", "jpeg", "pdf", "png", "rtf", "txt", "xls", "xlsx", "jfif", "pjpeg", "pjp"]
)
EXTENDED_TYPES = frozenset(
    ["bmp", "tiff", "tif", "ppt", "pptx", "pps", "ppsx", "odt", "mp4", "m4v", "mov", "wmv", "mpg"]
)


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def _check_uploads(session: Session, uploads: list[tuple[str, int]], oh_flag: bool) -> None:
    files, per_file, total = STANDARD_LIMITS
    sizes = [s for _, s in uploads]
    over_standard = len(uploads) > files or any(s > per_file for s in sizes) or sum(sizes) > total
    actor = session.patient.user.flipper_id
    large = session.toggle_enabled(LARGE_ATTACHMENTS, actor) or (
        session.toggle_enabled(CERNER_PILOT, actor) and oh_flag
    )
    if over_standard and large:
        files, per_file, total = LARGE_LIMITS
    errors = []
    if len(uploads) > files:
        errors.append(
            error_entry(
                422,
                f"uploads - has too many files (maximum is {files} files)",
                title=f"Uploads has too many files (maximum is {files} files)",
                code="100",
                source={"pointer": "data/attributes/uploads"},
            )
        )
    for name, size in uploads:
        if size > per_file:
            detail = f"The {name} exceeds file size limit of {_mb(per_file)}"
            errors.append(
                error_entry(
                    422,
                    f"base - {detail}",
                    title=detail,
                    code="100",
                    source={"pointer": "data/attributes/base"},
                )
            )
    if sum(sizes) > total:
        detail = f"Total size of uploads exceeds {_mb(total)}"
        errors.append(
            error_entry(
                422, f"base - {detail}", title=detail, code="100", source={"pointer": "data/attributes/base"}
            )
        )
    if errors:
        raise ApiError(422, errors)
    allowed = STANDARD_TYPES | (EXTENDED_TYPES if large else frozenset())
    if any(name.rpartition(".")[2].lower() not in allowed for name, _ in uploads):
        raise sm_error("SM122")


async def _read_send(request: Request) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return await json_object(request, wrapper="message"), []
    try:
        form = await request.form(max_files=100, max_fields=100)
    except Exception as exc:  # python-multipart/starlette raise several types for broken bodies
        raise bad_request(f"The multipart body could not be read: {exc}") from exc
    message = form.get("message")
    if isinstance(message, UploadFile):
        message = (await message.read()).decode("utf-8", "replace")
    try:
        data = jsonio.loads(message) if isinstance(message, str) else {}
    except ValueError as exc:
        raise bad_request(f"The message part is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise bad_request("The message part must be a JSON object")
    uploads = []
    for key in ("uploads[]", "uploads"):
        for item in form.getlist(key):
            if isinstance(item, UploadFile):
                uploads.append((item.filename or "attachment", item.size or 0))
    request.scope["mock.journal_body"] = {
        "message": data,
        "uploads": [{"name": n, "size": s} for n, s in uploads],
    }
    return data, uploads


async def send(request: Request) -> JSONResponse:
    session = session_of(request)
    oh_flag = request.query_params.get("is_oh_triage_group", "").lower() == "true"
    data, uploads = await _read_send(request)
    composed = validate(session, data)
    check_can_send(session, composed.team)
    _check_uploads(session, uploads, oh_flag)
    draft_id: int | None = None
    raw_draft = field(data, "draft_id")
    if raw_draft not in (None, "", "undefined"):
        try:
            draft_id = int(raw_draft)
        except (TypeError, ValueError):
            raise validation_error([("draft_id", "is not a number")]) from None
        if draft_id not in session.store.drafts:
            raise sm_error("SM128")
        del session.store.drafts[draft_id]  # the draft is deleted once sent
    store, user, team = session.store, session.patient.user, composed.team
    message_id = store.new_id()
    attachments = [{"id": store.new_id(), "name": n, "size": s} for n, s in uploads]
    message = Message(
        message_id=message_id,
        recipient_id=team.triage_team_id,
        recipient_name=team.name,
        category=composed.category,
        subject=composed.subject,
        body=composed.body,
        sent_date=session.now(),
        sender_id=user.user_profile_id,
        sender_name=user.sender_name,
        attachment=bool(attachments),
        is_oh=oh_flag,
        suggested_name_display=team.suggested_name_display,
        draft_id=draft_id,
        attachments=attachments,
    )
    store.sent.insert(0, message)
    base = base_url(request)
    resource = message_resource(message, base)
    resource["attributes"]["isOhMessage"] = team.oh
    body: dict[str, Any] = {"data": resource, "meta": {}}
    if attachments:
        body["included"] = [attachment_resource(a, message_id, base) for a in attachments]
    return JSONResponse(body, status_code=200)


async def delete_message(request: Request) -> Response:
    session = session_of(request)
    message_id = path_id(request.path_params["message_id"])
    if session.store.drafts.pop(message_id, None) is not None:
        return Response(status_code=204)
    if any(m.message_id == message_id for m in session.sent_messages() + session.inbox_messages()):
        session.store.deleted.add(message_id)  # moves to Deleted
        return Response(status_code=204)
    raise not_found(message_id)


async def categories(request: Request) -> JSONResponse:
    raw = session_of(request).patient.raw.get("categories")
    if raw is not None:
        return JSONResponse(raw)
    return JSONResponse(
        {"data": {"id": "0", "type": "categories", "attributes": {"messageCategoryType": list(CATEGORIES)}}}
    )


routes = [
    Route(f"{BASE}/categories", categories, methods=["GET"], name="categories"),
    Route(BASE, send, methods=["POST"], name="send"),
    # digits only, so "categories" and "signature" reach their own routes (405 for other methods there)
    Route(f"{BASE}/{{message_id:int}}", delete_message, methods=["DELETE"], name="draft_delete"),
]
