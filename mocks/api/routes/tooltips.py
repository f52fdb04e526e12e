"""In-product education tooltips (`/my_health/v1/tooltips`): per-user records that count how often a
hint was shown and whether the patient hid it. The app fetches the list, creates its record on the
first view, increments it on each view (`?increment_counter=true`) and hides it (`{tooltip: {hidden}}`).
"""

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from contract import TOOLTIPS
from mocks.api.errors import bad_request, not_found, validation_error
from mocks.api.http import field, json_object, session_of
from mocks.api.session import Session

BASE = TOOLTIPS


def new_tooltip(session: Session, name: str, hidden: bool = False) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return {
        "id": f"tooltip-{session.store.new_id()}",
        "tooltipName": name,
        "counter": 0,
        "hidden": hidden,
        "lastSignedIn": now,
        "createdAt": now,
        "updatedAt": now,
    }


def _record(session: Session, tooltip_id: str) -> dict[str, Any]:
    record = session.store.tooltips.get(tooltip_id)
    if record is None:
        raise not_found(tooltip_id)
    return record


async def list_tooltips(request: Request) -> JSONResponse:
    return JSONResponse(list(session_of(request).store.tooltips.values()))


async def create_tooltip(request: Request) -> JSONResponse:
    session = session_of(request)
    body = await json_object(request, wrapper="tooltip")
    name = field(body, "tooltip_name")
    if not isinstance(name, str) or not name.strip():
        raise validation_error([("tooltip_name", "can't be blank")])
    if any(t["tooltipName"] == name for t in session.store.tooltips.values()):
        raise validation_error([("tooltip_name", "has already been taken")])
    hidden = field(body, "hidden") if "hidden" in body else False
    if not isinstance(hidden, bool):
        raise validation_error([("hidden", "must be true or false")])
    record = new_tooltip(session, name, hidden=bool(hidden))
    session.store.tooltips[record["id"]] = record
    return JSONResponse(record, status_code=201)


async def update_tooltip(request: Request) -> JSONResponse:
    session = session_of(request)
    record = _record(session, request.path_params["tooltip_id"])
    if request.query_params.get("increment_counter") == "true":
        record["counter"] += 1
    else:
        body = await json_object(request, wrapper="tooltip")
        hidden = field(body, "hidden")
        if not isinstance(hidden, bool):
            raise bad_request("tooltip.hidden must be true or false (or pass increment_counter=true)")
        record["hidden"] = hidden
    record["updatedAt"] = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return JSONResponse(record)


routes = [
    Route(BASE, list_tooltips, methods=["GET"], name="tooltips"),
    Route(BASE, create_tooltip, methods=["POST"], name="tooltip_create"),
    Route(f"{BASE}/{{tooltip_id}}", update_tooltip, methods=["PATCH"], name="tooltip_update"),
]
