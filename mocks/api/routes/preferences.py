"""Signature (raw hash, sm-api.md §1.5) and the contact list save (§1.8)."""

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from contract import MESSAGING
from mocks.api.errors import ApiError
from mocks.api.http import field, json_object, session_of

BASE = MESSAGING


async def signature(request: Request) -> JSONResponse:
    session = session_of(request)
    raw = session.patient.raw.get("signature")
    if raw is not None:
        return JSONResponse(raw)
    return JSONResponse({"data": dict(session.patient.signature), "errors": {}, "metadata": {}})


def _bad(detail: str) -> ApiError:
    return ApiError.generic(400, detail, title="Bad request", code="BadRequest")


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


async def save_contact_list(request: Request) -> JSONResponse:
    session = session_of(request)
    data = await json_object(request)
    updates = field(data, "updated_triage_teams")
    if not isinstance(updates, list) or not updates:
        raise _bad("updated_triage_teams must be a non-empty list")
    parsed: dict[int, bool] = {}
    for item in updates:
        if not isinstance(item, dict):
            raise _bad("each updated triage team must be an object")
        team_id, preferred = field(item, "triage_team_id"), _flag(field(item, "preferred_team"))
        if isinstance(team_id, str) and team_id.isdigit():
            team_id = int(team_id)
        if not isinstance(team_id, int) or isinstance(team_id, bool) or preferred is None:
            raise _bad(
                "each updated triage team needs a numeric triage_team_id and a true/false preferred_team"
            )
        if session.team(team_id) is None:
            raise _bad(f"Triage team {team_id} is not associated with this patient")
        parsed[team_id] = preferred
    if not any(parsed.values()):
        raise _bad("At least one triage team must stay on the contact list")
    session.store.preferred.update(parsed)
    return JSONResponse({"status": 200})


routes = [
    Route(f"{BASE}/preferences/signature", signature, methods=["GET"], name="signature"),
    Route(f"{BASE}/messages/signature", signature, methods=["GET"], name="message_signature"),
    Route(f"{BASE}/preferences/recipients", save_contact_list, methods=["POST"], name="contact_list_save"),
]
