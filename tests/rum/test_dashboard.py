"""The report's dashboard section, computed from RUM with the journal beside it, and the DD collection
criterion in the verdict."""

from __future__ import annotations

from typing import Any, cast

import contract
from harness.evidence import criteria, dashboard
from harness.evidence.recorder import ScenarioEvidence
from harness.evidence.schema import ScenarioJSON
from harness.evidence.summary import Facts

START = contract.START_MESSAGE
LEGACY = contract.INTERSTITIAL  # the legacy compose form is where the interstitial is
SEND = "/my_health/v1/messaging/messages"
DRAFTS = "/my_health/v1/messaging/message_drafts"
REQUIRED = [
    ["Update your contact list"],
    ["Can't find your care team", "Learn what to do if you can’t find your care team"],
]


def _event(kind: str, **fields: Any) -> dict[str, Any]:
    view = fields.pop("view", START)
    return {"kind": kind, "view": {"path": view, "url": f"http://x{view}"}, **fields}


def _scenario(curated: str, events: list[dict[str, Any]], calls: list[dict[str, Any]],
              clicked: tuple[str, ...] = ()) -> ScenarioJSON:  # fmt: skip
    record = ScenarioEvidence(f"features/x.feature::{curated}-{len(events)}", "s")
    record.add_tracked_clicks(list(clicked))
    record.add_rum_events(events)
    record.add_api(calls)
    record.set_context(toggles={contract.CURATED_LIST_FLOW: curated})
    return record.record.as_json()


def _send(status: int, view: str, ms: float) -> dict[str, Any]:
    return _event("resource", path=SEND, method="POST", status=status, duration_ms=ms, view=view)


def _call(endpoint: str, status: int, ms: float) -> dict[str, Any]:
    return {"endpoint": endpoint, "method": "POST", "path": SEND, "status": status, "latency_ms": ms}


def test_the_dashboard_comes_from_rum_with_the_journal_beside_it() -> None:
    new = _scenario("on", [
        _event("action", name="Learn what to do if you can’t find your care team", type="click"),
        _event("resource", path=DRAFTS, method="POST", status=201, duration_ms=30.0),
        _send(200, START, 50.0), _send(502, START, 70.0),
    ], [_call("draft_create", 201, 5.0), _call("send", 200, 10.0), _call("send", 502, 12.0)],
        clicked=("Learn what to do if you can’t find your care team",))  # fmt: skip
    legacy = _scenario("off", [_send(200, LEGACY, 40.0)], [_call("send", 200, 8.0)])
    board = dashboard.rum_dashboard([new, legacy], REQUIRED)

    clicks = {r["action"]: r for r in board["clicks"]}
    help_link = clicks["Can't find your care team"]
    assert (help_link["rum"], help_link["clicked"]) == (1, 1)
    assert clicks["Update your contact list"]["rum"] == 0 and not clicks["Update your contact list"]["flags"]
    assert board["latency_ms"]["send"]["rum"] == {"p50": 60.0, "p95": 69.0, "count": 2}
    draft = board["latency_ms"]["draft"]
    assert draft["rum"]["count"] == 1 and draft["journal"]["count"] == 1 and not draft["flags"]
    rates = board["send_error_rate"]
    assert rates["new"]["rum"] == {"errors": 1, "total": 2, "rate": 0.5} == rates["new"]["journal"]
    assert rates["legacy"]["rum"]["rate"] == 0.0 and not rates["legacy"]["flags"]


def test_disagreements_are_flagged() -> None:
    twice = _scenario("on", [
        _event("action", name="Update your contact list", type="click", id="1"),
        _event("action", name="Update your contact list", type="custom", id="2"),
        _send(200, START, 5.0),  # RUM saw a success where the journal has a failure
    ], [_call("send", 500, 10.0)], clicked=("Update your contact list",))  # fmt: skip
    board = dashboard.rum_dashboard([twice], REQUIRED)
    row = next(r for r in board["clicks"] if r["action"] == "Update your contact list")
    assert row["rum"] == 2 and row["clicked"] == 1
    flags = " | ".join(row["flags"])
    assert "1 of them are not click actions" in flags and "the scenarios clicked 1" in flags
    assert board["send_error_rate"]["new"]["flags"] == ["RUM 0/1 vs journal 1/1"]
    assert "the browser measured less time than the server spent" in board["latency_ms"]["send"]["flags"]


def _collection_facts(pages: list[dict[str, Any] | None]) -> dict[str, Any]:
    record = ScenarioEvidence("n", "s")
    named = list(dashboard.NEW_FLOW_PAGE_PATHS.items())  # each row recorded on the page it names
    for index, config in enumerate(pages):
        name, path = named[index % len(named)]
        record.add_rum_collection(name, f"http://x{path}", config)
    return {"dashboard": {"collection": dashboard.collection([record.record.as_json()])}}


def _judge(facts: dict[str, Any]) -> criteria.Criterion:
    conf = {"stages": {"A": {"rum_collection": True}}, "defaults": {}}
    # Partial facts on purpose: only what the stage rules read, and only the dashboard's collection.
    base: dict[str, Any] = {
        "scenarios": [], "traceability": [], "a11y": {"open_by_impact": {}, "findings": [], "scans": 0},
        "manual_checks": [], "api": {"send_error_rate_fault_free": 0.0},
    }  # fmt: skip
    judged = criteria.evaluate_stage(conf, "A", cast(Facts, {**base, **facts}))
    return next(c for c in judged if c.id == "rum_collection")


def test_dd_collection_at_100_percent_is_a_criterion() -> None:
    good = {"service": "va.gov-mhv-secure-messaging", "sessionSampleRate": 100, "sessionReplaySampleRate": 50}
    assert _judge(_collection_facts([good, good])).passed
    lowered = _judge(_collection_facts([good, {**good, "sessionSampleRate": 50}]))
    assert not lowered.passed and lowered.actual == "1/2 pages"
    assert "sessionSampleRate 50" in lowered.details[0]
    assert not _judge(_collection_facts([None])).passed  # RUM not initialised on a page
    unchecked = _judge(_collection_facts([]))
    assert not unchecked.passed and unchecked.actual == "not checked"
