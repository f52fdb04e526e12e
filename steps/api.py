"""What reached the API: what the app sent and was answered (the oracle's traffic, in both modes), plus, on
the mock, what only the backend knows (its store, journal and dashboard metrics)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from pytest_bdd import then

from harness.oracle.patient import Exchange, as_int
from mocks.client import Session as MockSession
from steps.state import ScenarioState, record_evidence, required, wait_until


def calls(session: MockSession, endpoint: str, status: int | None = None) -> list[dict[str, Any]]:
    return [
        e
        for e in session.journal()
        if e.get("endpoint") == endpoint and (status is None or int(e.get("status", 0)) == status)
    ]


def _record(request: pytest.FixtureRequest, session: MockSession) -> None:
    evidence = record_evidence(request)
    if evidence is not None:
        evidence.add_api(session.journal(), session.metrics())


def app_calls(scenario_state: ScenarioState, endpoint: str, ok: bool | None = None) -> list[Exchange]:
    """What the app sent to `endpoint` and was answered (ok: only 2xx answers; None: every attempt)."""
    return [e for e in scenario_state.traffic.all(endpoint) if ok is None or e.ok == ok]


def wait_for_app_call(scenario_state: ScenarioState, endpoint: str) -> Exchange:
    found = wait_until(
        scenario_state.page,
        lambda: app_calls(scenario_state, endpoint, ok=True),
        f"a successful {endpoint} request from the app (seen: "
        f"{[e.status for e in app_calls(scenario_state, endpoint)]})",
    )
    return found[-1]


def _sent(exchange: Exchange) -> dict[str, Any]:
    return exchange.request_json if isinstance(exchange.request_json, dict) else {}


def _id_field(body: dict[str, Any], *names: str) -> int | None:
    """The first of `names` the body carries, as a number; None when absent or not a number."""
    return as_int(next((body[n] for n in names if body.get(n) is not None), None))


def _draft_id(exchange: Exchange) -> int:
    data = (exchange.response_json or {}).get("data") or {}
    value = (data.get("attributes") or {}).get("messageId", data.get("id"))
    draft_id = as_int(value)
    assert draft_id is not None, f"the draft answer carries no message id: {exchange.response_json}"
    return draft_id


def _mock(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> MockSession | None:
    """The mock session, for what only the backend knows (its store); None against staging."""
    return None if scenario_state.staging else request.getfixturevalue("mock_session")


@then("a draft is created")
def draft_created(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    exchange = wait_for_app_call(scenario_state, "draft_create")
    body = _sent(exchange)
    assert body.get("subject") == scenario_state.subject, f"draft subject: {body}"
    assert body.get("body") == scenario_state.body, (
        f"the draft saved is not the message as typed (a draft never carries the signature): {body}"
    )
    assert _id_field(body, "recipientId", "recipient_id") == scenario_state.team.id, body
    draft_id = scenario_state.draft_id = _draft_id(exchange)
    session = _mock(request, scenario_state)
    if session is not None:
        stored = [d["messageId"] for d in session.patient()["drafts"]]
        assert draft_id in stored, f"the mock holds drafts {stored} after a 201"


DRAFT_SAVES = ("draft_create", "draft_update")


def _draft_saves(scenario_state: ScenarioState) -> int:
    return sum(len(app_calls(scenario_state, endpoint)) for endpoint in DRAFT_SAVES)


@then("the app saves the draft once for that pause")
def one_save_per_pause(scenario_state: ScenarioState) -> None:
    """Typing then pausing makes one draft save (POST or PUT), not one per keystroke: what the dashboard's
    "Drafts created" and "Drafts updated" count is only meaningful if this holds."""
    before = scenario_state.draft_saves_counted
    wait_until(
        scenario_state.page,
        lambda: _draft_saves(scenario_state) > before,
        "a draft save from the app after the pause",
    )
    scenario_state.traffic.settle(scenario_state.page)  # every save the app started has answered
    saves = Counter(f"{e.endpoint} {e.status}" for n in DRAFT_SAVES for e in app_calls(scenario_state, n))
    made = saves.total() - before
    assert made == 1, (
        f"the app made {made} draft saves for one pause of typing (one expected); all so far: {dict(saves)}"
    )
    scenario_state.draft_saves_counted = saves.total()


@then("the draft is updated")
def draft_updated(scenario_state: ScenarioState) -> None:
    exchange = wait_for_app_call(scenario_state, "draft_update")
    assert exchange.status == 204, f"draft update answered {exchange.status}"
    assert str(required(scenario_state.draft_id, "draft saved")) in exchange.url, (
        f"updated {exchange.url}, not the draft"
    )
    assert _sent(exchange).get("body") == scenario_state.body


@then("no draft is saved")
def no_draft(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    assert not app_calls(scenario_state, "draft_create", ok=True), "a draft was created"
    session = _mock(request, scenario_state)
    if session is not None:
        assert not session.patient()["drafts"]


@then("the draft is deleted")
def draft_deleted(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    exchange = wait_for_app_call(scenario_state, "draft_delete")
    assert str(required(scenario_state.draft_id, "draft saved")) in exchange.url, (
        f"deleted {exchange.url}, not the draft"
    )
    session = _mock(request, scenario_state)
    if session is not None:
        assert not session.patient()["drafts"], "the draft is still stored"


@then("the message reached the care team they chose")
def message_reached(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    exchange = wait_for_app_call(scenario_state, "send")
    body, team = _sent(exchange), scenario_state.team
    query = {k: v[-1] for k, v in parse_qs(urlparse(exchange.url).query).items()}
    assert _id_field(body, "recipient_id") == team.id, f"recipient_id in {body}"
    assert body.get("category") == scenario_state.category, f"category in {body}"
    assert body.get("subject") == scenario_state.subject, f"subject in {body}"
    written = required(scenario_state.body, "message written")
    assert body.get("body", "").startswith(written), f"body in {body}"
    if team.oracle_health:
        assert query.get("is_oh_triage_group") == "true", f"OH send without the OH flag: {exchange.url}"
    else:
        assert "is_oh_triage_group" not in query, f"VistA send flagged as OH: {exchange.url}"
    if scenario_state.draft_id is not None:
        assert _id_field(body, "draft_id") == scenario_state.draft_id, f"draft_id missing: {body}"
    session = _mock(request, scenario_state)
    if session is not None:
        patient = session.patient()
        if scenario_state.draft_id is not None:
            assert not patient["drafts"], "the sent draft was left behind"
        assert any(m["subject"] == scenario_state.subject for m in patient["sentMessages"]), "not in Sent"
        _record(request, session)


# ComposeForm.jsx sends `<message> ` then, for a team that needs a signature, a rule of 50 hyphens, the
# name as typed and "Signed electronically on <YYYY-MM-DD>." (mocks/web/FIDELITY.md, S1).
SIGNATURE_RULE = "-" * 50


@then("the message carries their electronic signature")
def carries_signature(scenario_state: ScenarioState) -> None:
    body = str(_sent(wait_for_app_call(scenario_state, "send")).get("body") or "")
    name = required(scenario_state.signed_as, "electronic signature")
    # The app dates the signature by the browser's calendar; a send just before midnight reads yesterday.
    today = date.fromisoformat(
        scenario_state.page.evaluate(
            "() => { const d = new Date(); const p = (n) => String(n).padStart(2, '0');"
            " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; }"
        )
    )
    signed = f"{scenario_state.body} \n\n{SIGNATURE_RULE}\n\n{name}\nSigned electronically on"
    expected = {f"{signed} {day.isoformat()}." for day in (today, today - timedelta(days=1))}
    assert body in expected, (
        f"the body that reached the API does not end with the electronic signature of {name!r}: {body!r}"
    )


@then("exactly one message was sent")
def exactly_one(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    wait_for_app_call(scenario_state, "send")
    sends = app_calls(scenario_state, "send")
    assert len(sends) == 1, f"the app sent {len(sends)} requests for one message: {[e.status for e in sends]}"
    session = _mock(request, scenario_state)
    if session is not None:
        sent = [m for m in session.patient()["sentMessages"] if m["subject"] == scenario_state.subject]
        assert len(sent) == 1, f"the message was sent {len(sent)} times"


@then("no message was sent")
def nothing_sent(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    assert not app_calls(scenario_state, "send", ok=True), "a message was sent"
    session = _mock(request, scenario_state)
    if session is not None:
        assert not calls(session, "send", 200), "the mock stored a sent message"


@then("the dashboard counts the failed send")
def metrics_count_failure(mock_session: MockSession, scenario_state: ScenarioState) -> None:
    metrics = mock_session.metrics()
    failed = {k: v for k, v in metrics["messages_sent"].items() if not k.startswith("2")}
    assert sum(failed.values()) >= 1, f"no failed send in {metrics['messages_sent']}"
    assert metrics["send_error_rate"] > 0


@then("the dashboard counts the drafts and the send")
def metrics_count(
    mock_session: MockSession, request: pytest.FixtureRequest, scenario_state: ScenarioState
) -> None:
    """The dashboard counts exactly the draft saves and sends the app made, as the app saw them answered."""
    scenario_state.traffic.settle(scenario_state.page)
    metrics = mock_session.metrics()
    for metric, endpoint in (
        ("drafts_created", "draft_create"),
        ("drafts_updated", "draft_update"),
        ("messages_sent", "send"),
    ):
        seen: dict[str, int] = {}
        for exchange in app_calls(scenario_state, endpoint):
            seen[str(exchange.status)] = seen.get(str(exchange.status), 0) + 1
        assert metrics[metric] == seen, f"{metric}: the dashboard says {metrics[metric]}, the app made {seen}"
    assert metrics["drafts_created"].get("201", 0) >= 1, metrics
    assert metrics["messages_sent"].get("200", 0) >= 1, metrics
    assert metrics["latency_ms"]["send"]["count"] >= 1, metrics
    _record(request, mock_session)
