"""The mock vets-api as one Starlette app: routers per resource, middleware for the cross-cutting parts."""

from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match

from mocks.api.errors import ApiError
from mocks.api.flipper import Gates
from mocks.api.middleware import CatchAll, EndpointNames, Faults, Guard, Journal, SessionSelect
from mocks.api.routes import (
    control,
    drafts,
    feature_toggles,
    folders,
    messages,
    preferences,
    recipients,
    rum,
    static,
    tooltips,
    user,
    vamc_ehr,
)
from mocks.api.session import SessionError, SessionRegistry, SessionSettings


@dataclass
class MockConfig:
    profile: str = "mixed"
    seed: int = 0
    recent_teams: int | None = None
    fixtures_dir: Path | None = None
    toggles: dict[str, Gates] = field(default_factory=dict)
    control: bool = True
    require_sign_in: bool = False
    defects: list[str] = field(default_factory=list)  # seeded defects on in every session (manual exploring)
    # `--fixtures-user NAME=DIR`: each name's own session from its folder, chosen by the vagov_session cookie
    fixtures_users: dict[str, Path] = field(default_factory=dict)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "Request failed"
    if exc.status_code == 404:
        detail = f"No route matches {request.method} {request.url.path}"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # A path served by several routes (one per method, each its own journal name): allow them all.
        headers["Allow"] = ", ".join(sorted(_methods_for(request)))
    body = ApiError.generic(exc.status_code, detail).errors
    return JSONResponse({"errors": body}, status_code=exc.status_code, headers=headers)


def _methods_for(request: Request) -> set[str]:
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return methods


def create_app(config: MockConfig) -> Starlette:
    """Build the app; raises SessionError (a ValueError) if the default profile or fixtures are bad."""
    if config.fixtures_users and config.fixtures_dir:
        raise SessionError("fixtures_users (a pool of users) cannot be combined with fixtures_dir (one user)")
    if config.fixtures_users and not config.require_sign_in:
        raise SessionError("fixtures_users chooses the user by the sign-in cookie: it needs require_sign_in")
    registry = SessionRegistry(
        SessionSettings(config.profile, config.seed, config.recent_teams),
        config.fixtures_dir,
        config.control,
        config.toggles,
        config.defects,
        config.fixtures_users,
    )
    api: list[BaseRoute] = [
        *user.routes,
        *feature_toggles.routes,
        *vamc_ehr.routes,
        *recipients.routes,
        *folders.routes,
        *drafts.routes,
        *preferences.routes,
        *messages.routes,
        *tooltips.routes,
    ]
    plane = control.health_routes + (control.routes if config.control else [])
    routes = api + rum.routes + plane + static.routes
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(CatchAll),
            Middleware(SessionSelect, registry=registry, require_sign_in=config.require_sign_in),
            Middleware(Journal, names=EndpointNames(api)),
            Middleware(Guard),
            Middleware(Faults),
        ],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
    )
    app.state.registry = registry
    app.state.config = config
    return app
