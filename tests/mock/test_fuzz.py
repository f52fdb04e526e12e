"""Property test: whatever a client sends, the mock answers a VA-shaped 4xx (or success), never a 5xx."""

import json
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mocks.client import MockClient, Session
from mocks.server import RunningServer
from tests.mock.conftest import assert_shape, http_client

MSG = "/my_health/v1/messaging"
BODY_ENDPOINTS = [
    ("POST", f"{MSG}/message_drafts"),
    ("PUT", f"{MSG}/message_drafts/{{id}}"),
    ("POST", f"{MSG}/messages"),
    ("POST", f"{MSG}/messages?is_oh_triage_group=true"),
    ("POST", f"{MSG}/folders/{{id}}/search"),
    ("POST", f"{MSG}/preferences/recipients"),
    ("DELETE", f"{MSG}/messages/{{id}}"),
    ("GET", f"{MSG}/folders/{{id}}/threads?pageSize={{id}}&pageNumber={{id}}"),
    ("GET", f"{MSG}/folders/{{id}}"),
    ("POST", "/_mock/sessions"),
    ("PUT", "/_mock/sessions/{session}/toggles/{id}"),
    ("POST", "/_mock/sessions/{session}/faults"),
    ("PUT", "/_mock/sessions/{session}/profile"),
    ("PUT", "/_mock/sessions/{session}/clock"),
    ("PUT", "/_mock/sessions/{session}/defects"),
    ("POST", "/rum-intake?ddforward=%2Fapi%2Fv2%2Frum%3Fddsource%3Dbrowser"),
]
FIELDS = [
    "recipient_id",
    "recipientId",
    "category",
    "subject",
    "body",
    "draft_id",
    "fromDate",
    "toDate",
    "updatedTriageTeams",
    "triageTeamId",
    "preferredTeam",
    "message",
    "message_draft",
    "profile",
    "seed",
    "recent_teams",
    "toggles",
    "now",
    "value",
    "gate",
    "endpoint",
    "status",
    "code",
    "latency_ms",
    "times",
    "drop",
    "defects",
    "actions",
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["OTHER", "-1", "0", "on", "25%", "SM119"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=12,
)
ids = st.sampled_from(["-1", "0", "-2", "abc", "99999999999999999999", "1.5", "%20", "7"]) | st.integers(
    min_value=-(2**40), max_value=2**40
).map(str)
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        None,
    ]
)
raw_bodies = (
    json_values.map(lambda v: json.dumps(v).encode())
    | st.binary(max_size=200)
    # Python's json accepts these constants; the mock must not store what it cannot echo back.
    | st.sampled_from(
        [
            b'{"body": NaN}',
            b'{"actions": [{"name": Infinity}]}',
            b'{"now": "0001-01-01T00:00:00Z"}',
            b'{"now": "9999-12-31T23:59:59Z"}',
            b'{"latency_ms": -Infinity, "endpoint": "send"}',
        ]
    )
)


@pytest.fixture(scope="module")
def fuzz_session(control: MockClient) -> Iterator[Session]:
    # One session for all examples: bad input must not break it, and creating one per example is slow.
    session = control.create_session(profile="mixed", seed=1)
    yield session
    session.delete()


@pytest.fixture(scope="module")
def client(mock_api_server: RunningServer, transport: httpx.HTTPTransport) -> httpx.Client:
    return http_client(mock_api_server, transport)


def _check(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.request.method, response.request.url, response.text)
    if response.status_code >= 400:
        assert_shape(response.json(), "Errors")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(endpoint=st.sampled_from(BODY_ENDPOINTS), item_id=ids, body=raw_bodies, content_type=content_types)
def test_bad_input_never_yields_a_5xx(
    client: httpx.Client,
    fuzz_session: Session,
    endpoint: tuple[str, str],
    item_id: str,
    body: bytes,
    content_type: str | None,
) -> None:
    method, template = endpoint
    path = template.replace("{id}", item_id).replace("{session}", fuzz_session.id)
    headers = {"X-Mock-Session": fuzz_session.id}
    if content_type:
        headers["content-type"] = content_type
    _check(client.request(method, path, content=body, headers=headers))


@settings(max_examples=100, deadline=None)
@given(
    message=json_values,
    uploads=st.lists(st.tuples(st.text(max_size=20), st.binary(max_size=64)), max_size=6),
    oh=st.booleans(),
)
def test_bad_multipart_sends_never_yield_a_5xx(
    client: httpx.Client, fuzz_session: Session, message: object, uploads: list[tuple[str, bytes]], oh: bool
) -> None:
    files = [("uploads[]", (name or "f", data, "application/octet-stream")) for name, data in uploads]
    response = client.post(
        f"{MSG}/messages",
        params={"is_oh_triage_group": str(oh).lower()},
        data={"message": json.dumps(message)},
        files=files or None,
        headers=fuzz_session.headers,
    )
    _check(response)


@settings(max_examples=100, deadline=None)
@given(
    path=st.text(alphabet=st.characters(codec="ascii", exclude_characters="#?"), max_size=40),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
)
def test_unknown_paths_answer_va_errors(client: httpx.Client, path: str, method: str) -> None:
    try:
        response = client.request(method, f"{MSG}/{path}")
    except httpx.InvalidURL:
        return
    _check(response)
