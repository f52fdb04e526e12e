"""Care teams: GET allrecipients (all, blocked included; sm-api.md §1.1) and the legacy recipients list."""

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from contract import MESSAGING
from mocks.api.errors import ApiError
from mocks.api.http import session_of
from mocks.api.serializers import legacy_team_resource, team_resource

BASE = MESSAGING


async def allrecipients(request: Request) -> JSONResponse:
    session = session_of(request)
    teams = session.teams()
    raw = session.patient.raw.get("recipients")
    if raw is not None:  # fixture folder: verbatim order and meta, live contact-list choices
        return JSONResponse({**raw, "data": [team_resource(t) for t in teams]})
    if not teams:
        # vets-api answers an empty upstream list with RecordNotFound (sm-api.md §1.1).
        raise ApiError.generic(
            404,
            f"Triage teams for user ID {session.patient.user.user_profile_id} not found",
            title="Record not found",
        )
    ordered = sorted(teams, key=lambda t: t.name)
    meta = {
        "sort": {"name": "ASC"},
        "associatedTriageGroups": len(teams),
        "associatedBlockedTriageGroups": sum(1 for t in teams if t.blocked),
    }
    return JSONResponse({"data": [team_resource(t) for t in ordered], "meta": meta})


async def recipients(request: Request) -> JSONResponse:
    teams = [t for t in session_of(request).teams() if t.preferred]
    return JSONResponse(
        {
            "data": [legacy_team_resource(t) for t in sorted(teams, key=lambda t: t.name)],
            "meta": {"sort": {"name": "ASC"}},
        }
    )


routes = [
    Route(f"{BASE}/allrecipients", allrecipients, methods=["GET"], name="allrecipients"),
    Route(f"{BASE}/recipients", recipients, methods=["GET"], name="recipients"),
]
