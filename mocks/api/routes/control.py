"""The control plane under /_mock/ (CONTRACTS.md §3): sessions, profile, toggles, faults, defects, clock,
read-outs (patient, journal, metrics, RUM events from the intake). Absent with --no-control, except health.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from mocks.api.errors import ApiError, not_found
from mocks.api.flipper import parse_value
from mocks.api.http import json_object
from mocks.api.readouts import metrics, patient_view
from mocks.api.session import Fault, Session, SessionError, SessionRegistry, SessionSettings
from mocks.rum_format import KINDS, legacy_action

OPENAPI = Path(__file__).resolve().parents[2] / "openapi.yaml"


def _registry(request: Request) -> SessionRegistry:
    return cast(SessionRegistry, request.app.state.registry)  # set by mocks.api.app.create_app


def _session(request: Request) -> Session:
    session = _registry(request).get(request.path_params["session_id"])
    if session is None:
        raise not_found(request.path_params["session_id"])
    return session


def _invalid(exc: Exception) -> ApiError:
    return ApiError.generic(422, str(exc), title="Invalid mock setting", code="MOCK_INVALID")


def _int(value: Any, name: str, default: int | None) -> int | None:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(ValueError(f"{name} must be an integer"))
    return value


def _bool(value: Any, name: str, default: bool = True) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _invalid(ValueError(f"{name} must be true or false"))
    return value


def _moment(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _invalid(ValueError("now must be an ISO 8601 date-time string"))
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise _invalid(ValueError(f"now: {exc}")) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if not 1900 <= moment.year <= 9000:  # history reaches back years from "now"; keep dates representable
        raise _invalid(ValueError("now must be between the years 1900 and 9000"))
    return moment.astimezone(UTC)


def _apply_toggles(session: Session, toggles: Any) -> None:
    if toggles is None:
        return
    if not isinstance(toggles, dict):
        raise _invalid(ValueError("toggles must be an object of name -> value"))
    for name, value in toggles.items():
        try:
            session.gates[name] = parse_value(value)
        except ValueError as exc:
            raise _invalid(exc) from None


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def openapi(request: Request) -> Response:
    return FileResponse(OPENAPI, media_type="application/yaml")


def _settings_from(body: dict[str, Any], fallback: SessionSettings) -> SessionSettings:
    """Profile, seed and recent-team count from a request body; profile and seed default to `fallback`."""
    profile = body.get("profile", fallback.profile)
    if not isinstance(profile, str):
        raise _invalid(ValueError("profile must be a string"))
    return SessionSettings(
        profile,
        _int(body.get("seed"), "seed", fallback.seed) or 0,
        _int(body.get("recent_teams"), "recent_teams", None),
    )


async def create_session(request: Request) -> JSONResponse:
    body = await json_object(request)
    registry = _registry(request)
    default = registry.get(None)
    assert default is not None
    settings = _settings_from(body, default.settings)
    try:
        replay = _bool(body.get("rum_replay"), "rum_replay")
        session = registry.create(settings, _moment(body.get("now")), replay)
    except SessionError as exc:
        raise _invalid(exc) from None
    try:
        _apply_toggles(session, body.get("toggles"))
    except ApiError:
        registry.delete(session.id)
        raise
    return JSONResponse({"id": session.id, "patient": patient_view(session)}, status_code=201)


async def delete_session(request: Request) -> Response:
    if not _registry(request).delete(request.path_params["session_id"]):
        raise not_found(request.path_params["session_id"])
    return Response(status_code=204)


async def set_profile(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    settings = _settings_from(body, session.settings)
    try:
        session.rebuild(settings)
    except SessionError as exc:
        raise _invalid(exc) from None
    return JSONResponse(patient_view(session))


async def get_patient(request: Request) -> JSONResponse:
    return JSONResponse(patient_view(_session(request)))


async def get_toggles(request: Request) -> JSONResponse:
    session = _session(request)
    return JSONResponse({name: gates.describe() for name, gates in session.gates.items()})


async def set_toggle(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    if "value" not in body:
        raise _invalid(ValueError("body needs a value: on, off, true, false or a percentage"))
    try:
        gates = parse_value(body["value"], body.get("gate") or "percentage_of_actors")
    except ValueError as exc:
        raise _invalid(exc) from None
    name = request.path_params["name"]
    previous = session.gates.get(name)
    if previous is not None and not isinstance(body["value"], bool) and body["value"] not in ("on", "off"):
        gates.actors = previous.actors  # a percentage change keeps the actor gate, as Flipper does
    session.gates[name] = gates
    return JSONResponse(gates.describe())


async def set_toggle_actors(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    actors = body.get("actors")
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        raise _invalid(ValueError("actors must be a list of flipper ids (strings)"))
    gates = session.gates.setdefault(request.path_params["name"], parse_value("off"))
    gates.actors = set(actors)
    return JSONResponse(gates.describe())


async def add_fault(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    try:
        fault = Fault(
            endpoint=str(body.get("endpoint")),
            status=_int(body.get("status"), "status", None),
            code=body.get("code"),
            latency_ms=float(body.get("latency_ms") or 0),
            drop=bool(body.get("drop", False)),
            times=_int(body.get("times"), "times", None),
        )
        if fault.code is not None and not isinstance(fault.code, str):
            raise SessionError("code must be a string such as SM119")
        session.add_fault(fault)
    except (SessionError, TypeError, ValueError) as exc:
        raise _invalid(exc) from None
    return JSONResponse(fault.describe(), status_code=201)


async def faults(request: Request) -> Response:
    """One route for the three methods, so a fourth gets 405 with the whole Allow list."""
    if request.method == "POST":
        return await add_fault(request)
    session = _session(request)
    if request.method == "DELETE":
        session.faults.clear()
        return Response(status_code=204)
    return JSONResponse([f.describe() for f in session.faults])


async def set_defects(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    names = body.get("defects")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _invalid(ValueError("defects must be a list of names from mocks/defects.py"))
    try:
        session.set_defects(names)
    except SessionError as exc:
        raise _invalid(exc) from None
    return JSONResponse({"defects": session.defects})


async def set_clock(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    session.set_clock(_moment(body.get("now")))
    return JSONResponse({"now": session.now().isoformat().replace("+00:00", "Z")})


async def set_access(request: Request) -> JSONResponse:
    session = _session(request)
    body = await json_object(request)
    if not isinstance(body.get("messaging"), bool):
        raise _invalid(ValueError("messaging must be true or false"))
    session.messaging_access = body["messaging"]
    return JSONResponse({"messaging": session.messaging_access})


async def set_tooltips(request: Request) -> JSONResponse:
    """Which in-product hints the patient has seen and how often (e.g. counter 3: a fourth view)."""
    session = _session(request)
    body = await json_object(request)
    try:
        session.set_tooltips(body.get("tooltips"))
    except SessionError as exc:
        raise _invalid(exc) from None
    return JSONResponse({"tooltips": list(session.store.tooltips.values())})


async def journal(request: Request) -> Response:
    session = _session(request)
    if request.method == "DELETE":
        session.journal.clear()
        return Response(status_code=204)
    return JSONResponse(list(session.journal))


async def get_metrics(request: Request) -> JSONResponse:
    return JSONResponse(metrics(_session(request)))


async def get_rum(request: Request) -> JSONResponse:
    """The RUM actions, in the original read-out shape (name, type, context, url, ts) plus view and id."""
    return JSONResponse([legacy_action(e) for e in _session(request).rum.events("action")])


async def rum_events(request: Request) -> Response:
    """Every RUM event the intake kept (actions, views, resources, errors), with the batch count."""
    store = _session(request).rum
    if request.method == "DELETE":
        store.clear()
        return Response(status_code=204)
    kind = request.query_params.get("kind")
    if kind is not None and kind not in KINDS:
        raise _invalid(ValueError(f"kind must be one of {', '.join(KINDS)}"))
    return JSONResponse({**store.summary(), "events": store.events(kind)})


S = "/_mock/sessions/{session_id}"
health_routes = [Route("/_mock/health", health, methods=["GET"], name="mock_health")]
routes = [
    Route("/_mock/openapi.yaml", openapi, methods=["GET"], name="mock_openapi"),
    Route("/_mock/sessions", create_session, methods=["POST"], name="mock_create_session"),
    Route(S, delete_session, methods=["DELETE"], name="mock_delete_session"),
    Route(f"{S}/profile", set_profile, methods=["PUT"], name="mock_profile"),
    Route(f"{S}/patient", get_patient, methods=["GET"], name="mock_patient"),
    Route(f"{S}/toggles", get_toggles, methods=["GET"], name="mock_toggles"),
    Route(f"{S}/toggles/{{name}}", set_toggle, methods=["PUT"], name="mock_toggle"),
    Route(f"{S}/toggles/{{name}}/actors", set_toggle_actors, methods=["PUT"], name="mock_toggle_actors"),
    Route(f"{S}/faults", faults, methods=["GET", "POST", "DELETE"], name="mock_faults"),
    Route(f"{S}/defects", set_defects, methods=["PUT"], name="mock_defects"),
    Route(f"{S}/clock", set_clock, methods=["PUT"], name="mock_clock"),
    Route(f"{S}/access", set_access, methods=["PUT"], name="mock_access"),
    Route(f"{S}/tooltips", set_tooltips, methods=["PUT"], name="mock_tooltips"),
    Route(f"{S}/journal", journal, methods=["GET", "DELETE"], name="mock_journal"),
    Route(f"{S}/metrics", get_metrics, methods=["GET"], name="mock_metrics"),
    Route(f"{S}/rum", get_rum, methods=["GET"], name="mock_rum_read"),
    Route(f"{S}/rum/events", rum_events, methods=["GET", "DELETE"], name="mock_rum_events"),
]
