"""The verdict rules: GO, NO-GO, GO WITH RISK, cumulative stages, waiver and risk expiry, readiness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest

from harness.accessibility.waivers import Waiver
from harness.evidence import aggregate
from harness.evidence.criteria import CriteriaError, load_criteria, readiness, verdict
from harness.evidence.schema import ScenarioJSON
from harness.evidence.staging import StagingCoverage
from harness.evidence.summary import Facts

TODAY = dt.date(2026, 11, 27)
SEND_OK = {"calls": [{"endpoint": "send", "method": "POST", "path": "/m", "status": 200, "latency_ms": 4.0}]}
SEND_FAIL = {
    "calls": [{"endpoint": "send", "method": "POST", "path": "/m", "status": 500, "latency_ms": 9.0}]
}
CRITERIA: dict[str, Any] = {
    "defaults": {
        "max_failed": 0,
        "max_a11y": {"critical": 0, "serious": 0},
        "max_send_error_rate_fault_free": 0.0,
    },
    "stages": {
        "A": {"percentage": 5, "tags": ["smoke"]},
        "B": {"percentage": 25, "rum_actions": True},
        "C": {"percentage": 50, "matrix": True},
    },
    "rum": {"required": [["Can't find your care team", "Learn what to do if you can’t find your care team"]]},
    "matrix": {
        "profiles": ["mixed", "vista_only"],
        "toggle_states": [{"name": "on", "toggles": {"curated": "on"}}],
    },
    "accepted_risk": [],
}


def scenario(
    name: str, status: str = "passed", tags: tuple[str, ...] = ("smoke",), **extra: Any
) -> ScenarioJSON:
    # A partial record on purpose: only the keys the aggregates and the rules read.
    record: dict[str, Any] = {
        "nodeid": f"features/x.feature::{name}",
        "name": name,
        "kind": "scenario",
        "status": status,
        "tags": list(tags),
        "requirements": [],
        "context": {"profile": "mixed", "toggles": {"curated": "on"}},
        "a11y": [],
        "links": [],
        "rum_actions": [],
        "api": SEND_OK,
        "rollout": [],
        "steps": [],
        **extra,
    }
    return cast(ScenarioJSON, record)


def facts(scenarios: list[ScenarioJSON], waivers: list[Waiver] | None = None) -> Facts:
    # Partial facts on purpose: only what the stage rules under test read.
    judged: dict[str, Any] = {
        "scenarios": scenarios,
        "api": aggregate.api_metrics(scenarios, "errors"),
        "matrix": aggregate.coverage_matrix(scenarios, CRITERIA["matrix"]),
        "traceability": [],
        "a11y": aggregate.accessibility(scenarios, waivers or [], TODAY),
        "links": aggregate.links_and_rum(scenarios, CRITERIA["rum"]["required"]),
        "rollout": {},
        "manual_checks": [],
    }
    return cast(Facts, judged)


def contrast_scan(target: str = "#continue") -> dict[str, Any]:
    rule = {
        "id": "color-contrast",
        "impact": "serious",
        "help": "contrast",
        "help_url": "u",
        "wcag": [],
        "tags": ["wcag143"],
        "nodes": [{"target": target, "html": "<b>", "summary": ""}],
    }
    return {"state": "select care team", "url": "/x", "violations": [rule], "incomplete": [], "passes": 3}


def test_all_criteria_met_is_go() -> None:
    result = verdict(CRITERIA, "A", facts([scenario("one")]), TODAY)
    assert result["verdict"] == "GO"
    assert result["rule"] == "all 6 criteria for stage A (5%) met"


def test_a_failed_scenario_is_no_go_naming_the_rule() -> None:
    result = verdict(CRITERIA, "A", facts([scenario("one"), scenario("two", "failed")]), TODAY)
    assert result["verdict"] == "NO-GO"
    assert result["rule"].startswith("failures: Failed or erroring scenarios and tests: needs <= 0, got 1")


def test_an_empty_run_is_never_go() -> None:
    result = verdict(CRITERIA, "A", facts([]), TODAY)
    assert result["verdict"] == "NO-GO"
    assert "scenarios_ran" in result["blocking"]


def test_required_tag_must_have_run() -> None:
    result = verdict(CRITERIA, "A", facts([scenario("one", tags=("send",))]), TODAY)
    assert result["blocking"] == ["tag:smoke"]


def test_send_errors_count_only_outside_fault_scenarios() -> None:
    injected = scenario("fault", tags=("smoke", "errors"), api=SEND_FAIL)
    assert verdict(CRITERIA, "A", facts([scenario("one"), injected]), TODAY)["verdict"] == "GO"
    unexpected = scenario("bad", api=SEND_FAIL)
    result = verdict(CRITERIA, "A", facts([scenario("one"), unexpected]), TODAY)
    assert result["blocking"] == ["send_error_rate"]


def test_no_sends_observed_cannot_pass_the_error_rate() -> None:
    result = verdict(CRITERIA, "A", facts([scenario("one", api=None)]), TODAY)
    assert result["blocking"] == ["send_error_rate"]


def test_stages_are_cumulative_and_readiness_names_what_is_missing() -> None:
    run = facts([scenario("one")])
    stage_b = verdict(CRITERIA, "B", run, TODAY)
    assert {c["id"] for c in stage_b["criteria"]} >= {"tag:smoke", "rum_actions"}
    ready = readiness(CRITERIA, run, TODAY)
    assert ready["ready_for"] == "A"
    assert ready["next_stage"] == "B"
    assert ready["missing_for_next"] == ["rum_actions: needs all 1, got 0/1"]


def test_rum_action_accepts_the_real_link_text_with_curly_apostrophe() -> None:
    clicked = scenario("one", rum_actions=[{"name": "Learn what to do if you can’t find your care team"}])
    assert verdict(CRITERIA, "B", facts([clicked]), TODAY)["verdict"] == "GO"


def test_matrix_gap_is_reported_per_cell() -> None:
    result = verdict(
        CRITERIA, "C", facts([scenario("one", rum_actions=[{"name": "Can't find your care team"}])]), TODAY
    )
    matrix = next(c for c in result["criteria"] if c["id"] == "matrix")
    assert matrix["actual"] == "1/2"
    assert matrix["details"] == ["not covered: on x vista_only"]


def test_serious_violation_is_no_go_unless_waived_until_a_later_date() -> None:
    run = [scenario("one", a11y=[contrast_scan()])]
    assert verdict(CRITERIA, "A", facts(run), TODAY)["blocking"] == ["a11y:serious"]
    active = Waiver("color-contrast", "#cont*", "team", "T-1", TODAY + dt.timedelta(days=30))
    assert verdict(CRITERIA, "A", facts(run, [active]), TODAY)["verdict"] == "GO"


def test_expired_waiver_no_longer_excuses_the_finding() -> None:
    run = [scenario("one", a11y=[contrast_scan()])]
    expired = Waiver("color-contrast", "#continue", "team", "T-1", TODAY - dt.timedelta(days=1))
    judged = facts(run, [expired])
    assert judged["a11y"]["findings"][0]["status"] == "expired waiver"
    assert judged["a11y"]["waivers"][0]["status"] == "expired"
    assert verdict(CRITERIA, "A", judged, TODAY)["blocking"] == ["a11y:serious"]


def test_accepted_risk_gives_go_with_risk_until_it_expires() -> None:
    risk = {
        "id": "RISK-1",
        "criterion": "a11y:*",
        "owner": "QA lead",
        "reason": "fix in flight",
        "expires": TODAY + dt.timedelta(days=3),
        "stages": ["A"],
    }
    criteria = {**CRITERIA, "accepted_risk": [risk]}
    run = facts([scenario("one", a11y=[contrast_scan()])])
    result = verdict(criteria, "A", run, TODAY)
    assert result["verdict"] == "GO WITH RISK"
    assert "RISK-1" in result["rule"]
    later = verdict(criteria, "A", run, TODAY + dt.timedelta(days=4))
    assert later["verdict"] == "NO-GO"
    assert verdict(criteria, "B", run, TODAY)["verdict"] == "NO-GO"  # the risk was accepted for stage A only


def test_malformed_criteria_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "go-no-go.toml"
    path.write_text("[stages.F]\npercentage = 1\n")
    with pytest.raises(CriteriaError, match="unknown stage 'F'"):
        load_criteria(path)
    path.write_text(
        '[stages.A]\n[[accepted_risk]]\nid = "R"\ncriterion = "x"\nowner = "o"\nreason = "r"\n'
        'expires = "soon"\n'
    )
    with pytest.raises(CriteriaError, match="not a date"):
        load_criteria(path)


def test_project_criteria_file_loads() -> None:
    criteria = load_criteria(Path(__file__).resolve().parents[2] / "go-no-go.toml")
    assert [criteria["stages"][s]["percentage"] for s in "ABCDE"] == [5, 25, 50, 75, 100]
    coverage = [criteria["stages"][s]["min_staging_coverage"] for s in "ABCDE"]
    assert coverage == sorted(coverage), "a later stage never asks for less staging coverage"
    # Below the read-only ceiling (104 of 143 scenarios are @staging_safe): a threshold above it would be
    # a NO-GO no staging pool could ever lift.
    assert coverage[-1] < 104 / 143


def test_a_staging_run_marks_what_only_the_mock_run_can_meet_instead_of_failing() -> None:
    criteria = {**CRITERIA, "staging": {"needs_mock_run": ["send_error_rate", "matrix"]}}
    read_only = [scenario("one", api=None)]  # staging sends nothing, so no send rate and no matrix
    on_mock = verdict(criteria, "C", facts(read_only), TODAY)
    assert on_mock["verdict"] == "NO-GO"
    staged = verdict(criteria, "C", {**facts(read_only), "env": "staging"}, TODAY)
    waiting = {c["id"] for c in staged["criteria"] if c["needs_mock_run"]}
    assert waiting == {"send_error_rate", "matrix"}
    assert staged["verdict"] == "NO-GO"  # the RUM actions were not observed: that is the staging run's own
    assert staged["blocking"] == ["rum_actions"]
    assert "need the mock run" not in staged["rule"]
    clicked = [{"type": "click", "name": "Can't find your care team"}]
    passing = [scenario("one", api=None, rum_actions=clicked)]
    assert verdict(criteria, "C", {**facts(passing), "env": "staging"}, TODAY)["rule"].endswith(
        "2 need the mock run (matrix, send_error_rate)"
    )


def test_staging_coverage_never_fails_a_mock_run_nor_counts_in_its_rule() -> None:
    criteria = {**CRITERIA, "stages": {"A": {**CRITERIA["stages"]["A"], "min_staging_coverage": 0.5}}}
    run: Facts = {**facts([scenario("one")]), "staging_coverage": {"collected": None}}
    result = verdict(criteria, "A", run, TODAY)
    assert result["verdict"] == "GO"
    assert result["rule"] == "all 6 criteria for stage A (5%) met"  # the one that does not apply is not met
    coverage = next(c for c in result["criteria"] if c["id"] == "staging_coverage")
    assert (coverage["actual"], coverage["applies"]) == ("does not apply (mock run)", False)


def test_staging_coverage_judges_a_staging_run_against_all_scenarios_collected() -> None:
    criteria = {**CRITERIA, "stages": {"A": {**CRITERIA["stages"]["A"], "min_staging_coverage": 0.5}}}
    for passed, collected, verdict_expected in ((2, 4, "GO"), (1, 4, "NO-GO")):
        cov: StagingCoverage = {
            "collected": collected,
            "passed": passed,
            "not_run": collected - 1,
            "skipped": 0,
            "not_passed": 0,
        }
        run: Facts = {**facts([scenario("one")]), "env": "staging", "staging_coverage": cov}
        result = verdict(criteria, "A", run, TODAY)
        assert result["verdict"] == verdict_expected, result["rule"]
        coverage = next(c for c in result["criteria"] if c["id"] == "staging_coverage")
        assert coverage["actual"] == f"{passed / collected:.1%} ({passed}/{collected})"
