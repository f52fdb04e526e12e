"""The OpenAPI document describes every route the mock serves (so it cannot silently drift)."""

import re

from starlette.routing import Route

from contract import APP_ROOT
from mocks.api import MockConfig, create_app
from tests.mock.conftest import OPENAPI

UNDOCUMENTED = {"/", APP_ROOT, "/v0/maintenance_windows"}


def _normalise(path: str) -> str:
    return re.sub(r"\{[^}:]+(:[a-z]+)?\}", "{}", path)


def test_every_route_is_documented() -> None:
    documented = {_normalise(p): {m.upper() for m in ops} for p, ops in OPENAPI["paths"].items()}
    app = create_app(MockConfig())
    missing = []
    for route in app.routes:
        if not isinstance(route, Route) or route.path in UNDOCUMENTED:
            continue
        path = _normalise(route.path)
        for method in (route.methods or set()) - {"HEAD"}:
            if method not in documented.get(path, set()):
                missing.append(f"{method} {route.path}")
    assert missing == []


def test_fault_endpoints_are_the_route_names() -> None:
    from mocks.api.session import FAULT_ENDPOINTS

    names = {r.name for r in create_app(MockConfig()).routes if isinstance(r, Route)}
    assert set(FAULT_ENDPOINTS) <= names
    documented = OPENAPI["components"]["schemas"]["Fault"]["properties"]["endpoint"]["enum"]
    assert documented == list(FAULT_ENDPOINTS)
