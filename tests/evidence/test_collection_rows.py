"""Issue 21 item 3: each row of "DD collection on the new flow" proves what it says. A row names a page of
the new flow; the report counts it only when its address is that page's, so a configuration read on the
interstitial (where a direct load of select care team lands) is not evidence for select care team."""

from __future__ import annotations

from typing import Any, cast

import contract
from harness.evidence import criteria, dashboard
from harness.evidence.recorder import ScenarioEvidence
from harness.evidence.schema import ScenarioJSON
from harness.evidence.summary import Facts

BASE = "http://127.0.0.1:9000"
GOOD = {"service": dashboard.EXPECTED_SERVICE, "sessionSampleRate": 100, "sessionReplaySampleRate": 50}


def scenario(rows: list[tuple[str, str]], config: dict[str, Any] | None = None) -> ScenarioJSON:
    """One recorded scenario whose rows are (page name, address) pairs, each with `config`."""
    evidence = ScenarioEvidence("features/rum.feature::DD", "DD")
    for name, path in rows:
        evidence.add_rum_collection(name, f"{BASE}{path}", GOOD if config is None else config, h1="h1")
    return evidence.record.as_json()


def judge(collected: dashboard.Collection) -> criteria.Criterion:
    conf = {"stages": {"A": {"rum_collection": True}}, "defaults": {}}
    # Partial facts on purpose: only what the stage rules read, and only the dashboard's collection.
    base: dict[str, Any] = {
        "scenarios": [], "traceability": [], "a11y": {"open_by_impact": {}, "findings": [], "scans": 0},
        "manual_checks": [], "api": {"send_error_rate_fault_free": 0.0},
    }  # fmt: skip
    judged = criteria.evaluate_stage(conf, "A", cast(Facts, {**base, "dashboard": {"collection": collected}}))
    return next(c for c in judged if c.id == "rum_collection")


def test_rows_recorded_on_their_own_pages_pass() -> None:
    rows = list(dashboard.NEW_FLOW_PAGE_PATHS.items())
    collected = dashboard.collection([scenario(rows)])
    assert collected["bad"] == []
    assert [p["h1"] for p in collected["pages"]] == ["h1"] * len(rows)
    assert judge(collected).passed


def test_a_row_read_on_the_interstitial_for_select_care_team_is_refused() -> None:
    """The redirect the old check fell for: select care team opened directly shows the interstitial."""
    rows = [("interstitial", contract.INTERSTITIAL), ("select care team", contract.INTERSTITIAL)]
    collected = dashboard.collection([scenario(rows)])
    assert [p["page"] for p in collected["bad"]] == ["select care team"]
    reason = collected["bad"][0]["reason"]
    assert reason == f"recorded on {BASE}{contract.INTERSTITIAL}, not on select care team"
    verdict = judge(collected)
    assert not verdict.passed and verdict.actual == "1/2 pages"
    assert reason in verdict.details[0]


def test_a_row_for_a_page_the_report_does_not_know_is_refused() -> None:
    collected = dashboard.collection([scenario([("somewhere", contract.INBOX)])])
    assert collected["bad"][0]["reason"] == f"recorded on {BASE}{contract.INBOX}, not on somewhere"


def test_the_address_may_lack_its_trailing_slash_or_carry_a_query() -> None:
    """The app's router answers both forms, and a query is not part of the page."""
    rows = [
        ("recent care teams", contract.RECENT_CARE_TEAMS.rstrip("/")),
        ("start message", contract.START_MESSAGE + "?x=1"),
    ]
    assert dashboard.collection([scenario(rows)])["bad"] == []


def test_a_row_at_the_right_page_with_the_wrong_rate_keeps_its_rate_reason() -> None:
    rows = [("care team help", contract.CARE_TEAM_HELP)]
    collected = dashboard.collection([scenario(rows, {**GOOD, "sessionSampleRate": 20})])
    assert collected["bad"][0]["reason"] == f"sessionSampleRate 20, service {dashboard.EXPECTED_SERVICE}"
    not_initialised = dashboard.collection([scenario(rows, {})])
    assert not_initialised["bad"][0]["reason"] == "RUM not initialised"
