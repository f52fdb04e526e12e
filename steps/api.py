"""What reached the API, read from the mock's journal and dashboard metrics."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Page
from pytest_bdd import then

from mocks.client import Session as MockSession
from steps.state import ScenarioState, record_evidence, wait_until


def _body(entry: dict[str, Any]) -> dict[str, Any]:
    body = entry.get("body")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return {}
    if isinstance(body, dict) and isinstance(body.get("message"), str):  # multipart: JSON in `message`
        return json.loads(body["message"])
    return body if isinstance(body, dict) else {}


def _query(entry: dict[str, Any]) -> dict[str, str]:
    query = entry.get("query") or {}
    if isinstance(query, str):
        return {k: v[-1] for k, v in parse_qs(query.lstrip("?")).items()}
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in query.items()}


def calls(session: MockSession, endpoint: str, status: int | None = None) -> list[dict[str, Any]]:
    return [
        e for e in session.journal()
        if e.get("endpoint") == endpoint and (status is None or int(e.get("status", 0)) == status)
    ]


def wait_for_call(
    page: Page, session: MockSession, endpoint: str, status: int | None = None
) -> dict[str, Any]:
    found = wait_until(page, lambda: calls(session, endpoint, status), f"a {endpoint} call ({status})")
    return found[-1]


def _record(request: pytest.FixtureRequest, session: MockSession) -> None:
    evidence = record_evidence(request)
    if evidence is not None:
        evidence.add_api(session.journal(), session.metrics())


@then("a draft is created")
def draft_created(page: Page, mock_session: MockSession, scenario_state: ScenarioState) -> None:
    entry = wait_for_call(page, mock_session, "draft_create", 201)
    body = _body(entry)
    assert body.get("subject") == scenario_state["subject"], f"draft subject: {body}"
    assert body.get("body") == scenario_state["body"], f"draft body: {body}"
    assert int(body.get("recipientId") or body.get("recipient_id")) == scenario_state.team.id
    drafts = mock_session.patient()["drafts"]
    assert drafts, "the mock holds no draft after a 201"
    scenario_state["draft_id"] = drafts[-1]["messageId"]


@then("the draft is updated")
def draft_updated(page: Page, mock_session: MockSession, scenario_state: ScenarioState) -> None:
    entry = wait_for_call(page, mock_session, "draft_update", 204)
    assert str(scenario_state["draft_id"]) in entry["path"], f"updated {entry['path']}, not the draft"
    assert _body(entry).get("body") == scenario_state["body"]


@then("no draft is saved")
def no_draft(mock_session: MockSession) -> None:
    assert not calls(mock_session, "draft_create", 201), "a draft was created"
    assert not mock_session.patient()["drafts"]


@then("the draft is deleted")
def draft_deleted(page: Page, mock_session: MockSession, scenario_state: ScenarioState) -> None:
    entry = wait_for_call(page, mock_session, "draft_delete")
    assert int(entry["status"]) in (200, 204), f"delete answered {entry['status']}"
    assert str(scenario_state["draft_id"]) in entry["path"]
    assert not mock_session.patient()["drafts"], "the draft is still stored"


@then("the message reached the care team they chose")
def message_reached(
    page: Page, mock_session: MockSession, scenario_state: ScenarioState, request: pytest.FixtureRequest
) -> None:
    entry = wait_for_call(page, mock_session, "send", 200)
    body, query, team = _body(entry), _query(entry), scenario_state.team
    assert int(body.get("recipient_id")) == team.id, f"recipient_id in {body}"
    assert body.get("category") == scenario_state["category"], f"category in {body}"
    assert body.get("subject") == scenario_state["subject"], f"subject in {body}"
    assert body.get("body", "").startswith(scenario_state["body"]), f"body in {body}"
    if team.oracle_health:
        assert query.get("is_oh_triage_group") == "true", f"OH send without is_oh_triage_group: {entry}"
    else:
        assert "is_oh_triage_group" not in query, f"VistA send flagged as OH: {entry}"
    if "draft_id" in scenario_state:
        assert int(body.get("draft_id") or 0) == scenario_state["draft_id"], f"draft_id missing: {body}"
        assert not mock_session.patient()["drafts"], "the sent draft was left behind"
    sent = mock_session.patient()["sentMessages"]
    assert any(m["subject"] == scenario_state["subject"] for m in sent), "the message is not in Sent"
    _record(request, mock_session)


@then("exactly one message was sent")
def exactly_one(page: Page, mock_session: MockSession, scenario_state: ScenarioState) -> None:
    wait_for_call(page, mock_session, "send", 200)
    sends = calls(mock_session, "send")
    assert len(sends) == 1, f"{len(sends)} send requests for one message: {[e['status'] for e in sends]}"
    sent = [m for m in mock_session.patient()["sentMessages"] if m["subject"] == scenario_state["subject"]]
    assert len(sent) == 1, f"the message was sent {len(sent)} times"


@then("no message was sent")
def nothing_sent(mock_session: MockSession) -> None:
    assert not calls(mock_session, "send", 200), "a message was sent"


@then("the dashboard counts the failed send")
def metrics_count_failure(mock_session: MockSession, scenario_state: ScenarioState) -> None:
    metrics = mock_session.metrics()
    failed = {k: v for k, v in metrics["messages_sent"].items() if not k.startswith("2")}
    assert sum(failed.values()) >= 1, f"no failed send in {metrics['messages_sent']}"
    assert metrics["send_error_rate"] > 0


@then("the dashboard counts the drafts and the send")
def metrics_count(mock_session: MockSession, request: pytest.FixtureRequest) -> None:
    metrics = mock_session.metrics()
    assert metrics["drafts_created"].get("201", 0) >= 1, metrics
    assert metrics["messages_sent"].get("200", 0) >= 1, metrics
    assert metrics["latency_ms"]["send"]["count"] >= 1, metrics
    _record(request, mock_session)
