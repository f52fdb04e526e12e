"""The mock's RUM intake: takes the SDK's batches as sent (plain or deflated), keeps them per session,
answers garbage with a VA-shaped 400 (never a 5xx), and works without the control plane."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mocks.client import MockClient, Session
from mocks.server import RunningServer, build_config, start_server
from tests.mock.conftest import assert_va_error
from tests.rum.events import DEFLATE_URL, REPLAY_URL, RUM_URL, action, batch, deflated, resource, view


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    running = start_server()
    yield running
    running.stop()


@pytest.fixture
def sess(server: RunningServer) -> Iterator[Session]:
    with MockClient(server.url) as client:
        session = client.create_session(profile="mixed", seed=7)
        yield session
        session.delete()


def _post(server: RunningServer, session: Session | None, url: str, body: bytes) -> httpx.Response:
    cookies = {"mock_session": session.id} if session else {}
    return httpx.post(server.url + url, content=body, cookies=cookies, headers={"Content-Type": "text/plain"})


def test_plain_and_deflated_batches_land_in_the_session_journal(server: RunningServer, sess: Session) -> None:
    first = batch(action("Update your contact list", action_id="1"))
    assert _post(server, sess, RUM_URL, first).status_code == 202
    assert _post(server, sess, DEFLATE_URL, deflated(action("Care System Radio button", action_id="2"),
                                                     view(1))).status_code == 202  # fmt: skip
    assert [(a["name"], a["type"]) for a in sess.rum_actions()] == [
        ("Update your contact list", "click"), ("Care System Radio button", "click")]  # fmt: skip
    summary = sess.rum_events()
    assert summary["batches"] == 2 and {e["kind"] for e in summary["events"]} == {"action", "view"}
    assert [e["kind"] for e in sess.rum_events("view")["events"]] == ["view"]


def test_resources_keep_method_status_and_duration(server: RunningServer, sess: Session) -> None:
    send = resource("/my_health/v1/messaging/messages", "POST", 502, 2_000_000, "r")
    _post(server, sess, RUM_URL, batch(send))
    (sent,) = sess.rum_events("resource")["events"]
    assert (sent["method"], sent["status"], sent["duration_ms"]) == ("POST", 502, 2.0)


def test_replay_segments_are_counted_not_parsed(server: RunningServer, sess: Session) -> None:
    assert _post(server, sess, REPLAY_URL, b"--boundary\r\nsegment").status_code == 202
    assert sess.rum_events()["replay_segments"] == 1 and sess.rum_actions() == []


@pytest.mark.parametrize("url, body", [
    (RUM_URL, b""), (RUM_URL, b"<html>"), (RUM_URL, b'{"type": 3}'), (DEFLATE_URL, b"\x78\x9cnope"),
    ("/rum-intake", batch(action("x"))), ("/rum-intake?ddforward=%2Fsomewhere", batch(action("x"))),
    (RUM_URL, b"\xff\xfe{"),
])  # fmt: skip
def test_garbage_gets_a_va_shaped_400(server: RunningServer, sess: Session, url: str, body: bytes) -> None:
    assert_va_error(_post(server, sess, url, body), 400)
    assert sess.rum_events()["events"] == []


def test_the_reads_refuse_an_unknown_kind_and_clear(server: RunningServer, sess: Session) -> None:
    assert_va_error(httpx.get(f"{server.url}/_mock/sessions/{sess.id}/rum/events?kind=nope"), 422)
    _post(server, sess, RUM_URL, batch(action("x")))
    sess.clear_rum()
    assert sess.rum_events() == {"batches": 0, "replay_segments": 0, "events": []}


def test_the_intake_works_without_the_control_plane() -> None:
    running = start_server(build_config(control=False, require_sign_in=True))
    try:
        assert _post(running, None, RUM_URL, batch(action("x"))).status_code == 202
        assert_va_error(_post(running, None, RUM_URL, b"garbage"), 400)
    finally:
        running.stop()
