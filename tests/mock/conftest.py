"""Fixtures for the mock's own tests: one real server per worker, a fresh session per test."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml

from mocks.client import MockClient, Session
from mocks.server import RunningServer, build_config, start_server

ROOT = Path(__file__).resolve().parents[2]
VENDORED_FIXTURES = ROOT / "fixtures" / "data" / "vets-website"
SHARED_FIXTURES = ROOT.parent / "shared" / "vets-website-fixtures"
OPENAPI = yaml.safe_load((ROOT / "mocks" / "openapi.yaml").read_text())


@pytest.fixture(scope="session")
def mock_api_server() -> Iterator[RunningServer]:
    server = start_server(build_config(fixtures=VENDORED_FIXTURES))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def control(mock_api_server: RunningServer) -> Iterator[MockClient]:
    with MockClient(mock_api_server.url) as client:
        yield client


@pytest.fixture
def sess(control: MockClient) -> Iterator[Session]:
    session = control.create_session(profile="mixed", seed=1234, recent_teams=2)
    yield session
    session.delete()


@pytest.fixture(scope="session")
def transport() -> Iterator[httpx.HTTPTransport]:
    """One connection pool for all test clients (building a client's TLS context is slow)."""
    with httpx.HTTPTransport() as shared:
        yield shared


def http_client(server: RunningServer, transport: httpx.HTTPTransport, **kwargs: Any) -> httpx.Client:
    return httpx.Client(base_url=server.url, transport=transport, trust_env=False, timeout=10, **kwargs)


@pytest.fixture
def api(mock_api_server: RunningServer, transport: httpx.HTTPTransport, sess: Session) -> httpx.Client:
    """A plain HTTP client bound to the test's session, as a browser with the cookie would be."""
    return http_client(mock_api_server, transport, headers=sess.headers)


def assert_shape(body: Any, schema_name: str) -> None:
    """Validate a response body against the mock's OpenAPI schema (so the document stays true)."""
    schema = {"components": OPENAPI["components"], "$ref": f"#/components/schemas/{schema_name}"}
    jsonschema.Draft202012Validator(schema).validate(body)


def assert_va_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert_shape(body, "Errors")
    first: dict[str, Any] = body["errors"][0]  # the VA error shape, checked above
    assert first["status"] == str(status)
    if code is not None:
        assert first["code"] == code
    return first


@pytest.fixture
def plain(mock_api_server: RunningServer, transport: httpx.HTTPTransport) -> httpx.Client:
    """An HTTP client without a session: the server's default session answers."""
    return http_client(mock_api_server, transport)
