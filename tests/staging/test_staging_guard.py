"""The write guard's policy (pure) and the guard on a real browser context against the mock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

import pytest
from playwright.sync_api import Browser

from harness.staging.guard import WriteGuard, WritePolicy

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam

    from mocks.client import Session
    from mocks.server import RunningServer

DRAFTS = "/my_health/v1/messaging/message_drafts"
SEND = "/my_health/v1/messaging/messages"
SEARCH = "/my_health/v1/messaging/folders/-1/search"


def body(recipient: int) -> str:
    return json.dumps({"recipient_id": recipient, "category": "OTHER", "subject": "s", "body": "b"})


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", DRAFTS),
        ("PUT", f"{DRAFTS}/12"),
        ("DELETE", f"{SEND}/12"),
        ("POST", SEND),
        ("POST", "/my_health/v1/messaging/preferences/recipients"),
        ("POST", "/my_health/v1/aal"),
        ("PATCH", "/my_health/v1/tooltips/1"),
    ],
)
def test_a_read_only_run_blocks_every_write(method: str, path: str) -> None:
    allowed, reason = WritePolicy().decide(method, path, body(7))
    assert not allowed
    assert "read-only" in reason


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/my_health/v1/messaging/allrecipients"), ("POST", SEARCH), ("HEAD", SEND)]
)
def test_reads_pass_including_the_sent_search(method: str, path: str) -> None:
    assert WritePolicy().decide(method, path, None) == (True, "read")


def test_sending_goes_only_to_the_test_care_team() -> None:
    policy = WritePolicy(test_care_team="7")
    assert policy.decide("POST", SEND, body(7))[0]
    assert policy.decide("POST", DRAFTS, body(7))[0]
    assert not policy.decide("POST", SEND, body(8))[0]
    assert not policy.decide("POST", SEND, "--multipart--")[0]  # cannot be checked, so not allowed
    assert not policy.decide("POST", "/my_health/v1/messaging/preferences/recipients", body(7))[0]


def test_only_drafts_this_run_created_may_change() -> None:
    policy = WritePolicy(test_care_team="7")
    assert not policy.decide("PUT", f"{DRAFTS}/55", body(7))[0]
    assert not policy.decide("DELETE", f"{SEND}/55", None)[0]
    policy.own_drafts.add(55)
    assert policy.decide("PUT", f"{DRAFTS}/55", body(7))[0]
    assert policy.decide("DELETE", f"{SEND}/55", None)[0]


def test_a_care_team_named_is_resolved_from_allrecipients() -> None:
    policy = WritePolicy(test_care_team="Test Team SLC")
    assert not policy.decide("POST", SEND, body(7))[0]
    policy.learn_recipients(
        {
            "data": [
                {"attributes": {"triageTeamId": 7, "name": "TEST TEAM SLC"}},
                {"attributes": {"triageTeamId": 9, "name": "Other"}},
            ]
        }
    )
    assert policy.team_ids == {7}
    assert policy.decide("POST", SEND, body(7))[0]


@pytest.fixture
def mock_with_session() -> Iterator[tuple[RunningServer, Session]]:
    from mocks.client import MockClient
    from mocks.server import build_config, start_server

    server = start_server(build_config(profile="vista_only"))
    client = MockClient(server.url)
    session = client.create_session(profile="vista_only", seed=5)
    try:
        yield server, session
    finally:
        session.delete()
        client.close()
        server.stop()


def test_the_guard_aborts_writes_in_the_browser_and_records_them(
    browser: Browser, mock_with_session: tuple[RunningServer, Session]
) -> None:
    server, session = mock_with_session
    context = browser.new_context()
    try:
        context.add_cookies([cast("SetCookieParam", session.cookie)])
        guard = WriteGuard(WritePolicy())
        guard.install(context)
        page = context.new_page()
        page.goto(f"{server.url}/_mock/health")
        script = """async ([url, method, body]) => {
            try { const r = await fetch(url, {method, body, headers: {'Content-Type': 'application/json'}});
                  return r.status; } catch (e) { return 'aborted'; } }"""
        draft = page.evaluate(script, [f"{server.url}{DRAFTS}", "POST", body(1)])
        search = page.evaluate(script, [f"{server.url}{SEARCH}", "POST", json.dumps({})])
    finally:
        context.close()
    assert draft == "aborted"
    assert search != "aborted"
    assert [(a.method, a.path, a.allowed) for a in guard.attempts] == [("POST", DRAFTS, False)]
    endpoints = [entry["endpoint"] for entry in session.journal()]
    assert "draft_create" not in endpoints
    assert "sent_search" in endpoints


def test_with_a_test_care_team_only_its_drafts_and_sends_go_through(
    browser: Browser, mock_with_session: tuple[RunningServer, Session]
) -> None:
    server, session = mock_with_session
    teams = [t["triageTeamId"] for t in session.patient()["allowedCareTeams"]]
    test_team, other_team = teams[0], teams[1]
    context = browser.new_context()
    try:
        context.add_cookies([cast("SetCookieParam", session.cookie)])
        guard = WriteGuard(WritePolicy(test_care_team=str(test_team)))
        guard.install(context)
        page = context.new_page()
        page.goto(f"{server.url}/_mock/health")
        script = """async ([url, method, body]) => {
            try { const r = await fetch(url, {method, body, headers: {'Content-Type': 'application/json'}});
                  const text = await r.text();
                  return {status: r.status, body: text ? JSON.parse(text) : null};
            } catch (e) { return {status: 'aborted'}; } }"""
        created = page.evaluate(script, [f"{server.url}{DRAFTS}", "POST", body(test_team)])
        draft_id = created["body"]["data"]["attributes"]["messageId"]
        updated = page.evaluate(script, [f"{server.url}{DRAFTS}/{draft_id}", "PUT", body(test_team)])
        elsewhere = page.evaluate(script, [f"{server.url}{DRAFTS}", "POST", body(other_team)])
        foreign = page.evaluate(script, [f"{server.url}{SEND}/{draft_id + 1000}", "DELETE", None])
    finally:
        context.close()
    assert created["status"] == 201
    assert guard.policy.own_drafts == {draft_id}
    assert updated["status"] == 204
    assert elsewhere["status"] == "aborted"
    assert foreign["status"] == "aborted"
    assert [a.allowed for a in guard.attempts] == [True, True, False, False]
    assert [d["recipientId"] for d in session.patient()["drafts"]] == [test_team]
