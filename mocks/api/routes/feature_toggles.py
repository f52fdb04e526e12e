"""GET /v0/feature_toggles: Flipper-evaluated toggles for the session's user (sm-api.md §3.1)."""

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mocks.api.http import session_of
from mocks.api.toggles import camel, underscore


async def feature_toggles(request: Request) -> JSONResponse:
    session = session_of(request)
    # The signed-in user is the actor; without one (staging-like, signed out) the cookie_id is.
    signed_in = request.scope.get("mock.signed_in", True)
    actor = session.patient.user.flipper_id if signed_in else (request.query_params.get("cookie_id") or None)
    asked = request.query_params.get("features")
    if asked is not None:
        names = [n.strip() for n in asked.split(",") if n.strip()]
        features = [{"name": n, "value": session.toggle_enabled(underscore(n), actor)} for n in names]
    else:
        features = []
        for name in session.gates:
            value = session.toggle_enabled(name, actor)
            features += [{"name": camel(name), "value": value}, {"name": name, "value": value}]
    return JSONResponse({"data": {"type": "feature_toggles", "features": features}})


routes = [Route("/v0/feature_toggles", feature_toggles, methods=["GET"], name="feature_toggles")]
