"""The recorder on a synthetic suite: every outcome, steps, failures, redaction, xdist merging, --gate."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from contract import RECENT_RECIPIENTS
from harness.evidence.recorder import ScenarioEvidence
from tests.evidence.synthetic import CRITERIA, write_suite

pytest_plugins = ["pytester"]


def by_name(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["nodeid"].split("::")[-1]: s for s in summary["scenarios"]}


def raw_scenarios(pytester: pytest.Pytester) -> dict[str, dict[str, Any]]:
    out = {}
    for path in (pytester.path / "reports" / "evidence" / "raw").glob("*.json"):
        for scenario in json.loads(path.read_text())["scenarios"]:
            out[scenario["nodeid"].split("::")[-1]] = scenario
    return out


def test_records_each_outcome_and_step(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    result, summary = run_suite("--evidence")
    result.assert_outcomes(passed=3, failed=2, skipped=1, xfailed=1)
    statuses = {name: s["status"] for name, s in by_name(summary).items()}
    assert statuses == {
        "test_passing_scenario": "passed",
        "test_failing_scenario": "failed",
        "test_error_inside_a_step": "failed",
        "test_expected_failure": "xfailed",
        "test_skipped_scenario": "skipped",
        "test_accessibility_and_links": "passed",
        "test_plain_unit_test": "passed",
    }
    raw = raw_scenarios(pytester)
    failing = raw["test_failing_scenario"]
    assert [s["status"] for s in failing["steps"]] == ["passed", "passed", "failed"]
    assert failing["failing_step"] == 'Then the confirmation says "Message sent"'
    assert "AssertionError" in failing["steps"][2]["error"]
    errored = raw["test_error_inside_a_step"]
    assert [s["status"] for s in errored["steps"]] == ["passed", "failed", "not run"]
    assert "RuntimeError" in errored["error"]["message"]
    assert [s["status"] for s in raw["test_skipped_scenario"]["steps"]] == ["passed", "skipped", "not run"]
    assert raw["test_skipped_scenario"]["reason"].endswith("not applicable to this profile")
    passing = raw["test_passing_scenario"]
    assert passing["kind"] == "scenario" and raw["test_plain_unit_test"]["kind"] == "test"
    assert passing["feature"]["name"] == "Synthetic start message"
    assert passing["requirements"] == ["REQ-1"] and "smoke" in passing["tags"]
    assert passing["context"]["profile"] == "mixed"
    assert passing["context"]["toggles"][RECENT_RECIPIENTS] == "on"
    assert passing["rerun"] == '.venv/bin/pytest "test_start.py::test_passing_scenario" --seed ' + str(
        passing["run_seed"]
    )
    assert all(step["duration_s"] >= 0 for step in passing["steps"])


def test_report_numbers_and_failures(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    _, summary = run_suite("--evidence")
    assert summary["verdict"] == "NO-GO"
    assert summary["rule"].startswith("failures:")
    assert summary["api"]["messages_sent"] == {"200": 2}
    assert summary["api"]["drafts_created"] == {"201": 2}
    send_latency = summary["api"]["latency_ms"]["send"]
    assert {k: send_latency[k] for k in ("p50", "p95", "count")} == {"p50": 5.0, "p95": 5.0, "count": 2}
    assert send_latency["histogram"][0] == {"label": "≤ 10 ms", "count": 2}  # both sends took 5 ms
    assert summary["api"]["send_error_rate_fault_free"] == 0.0
    assert summary["identity"]["axe_version"] == "4.10.2"
    assert summary["a11y"]["open_by_impact"]["serious"] == 1
    assert {f["nodeid"].split("::")[-1] for f in summary["failures"]} == {
        "test_failing_scenario",
        "test_error_inside_a_step",
    }
    assert summary["rollout"]["A"][0]["ok"] is True
    trace = {row["id"]: row["result"] for row in summary["traceability"]}
    assert trace == {"REQ-1": "passed", "REQ-2": "failed"}
    out = pytester.path / "reports" / "evidence"
    for name in ("index.html", "junit.xml", "cucumber.json", "summary.md"):
        assert (out / name).stat().st_size > 0
    junit = ET.parse(out / "junit.xml").getroot()  # pytest's own --junitxml, pointed into the bundle
    suite = junit.find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    properties = {
        case.get("name"): {p.get("name"): p.get("value") for p in case.iter("property")}
        for case in junit.iter("testcase")
    }
    failing = properties["test_failing_scenario"]
    rerun = failing["rerun"] or ""
    assert rerun.startswith('.venv/bin/pytest "test_start.py::test_failing_scenario" --seed ')
    assert failing["failing_step"] == 'Then the confirmation says "Message sent"'
    assert properties["test_passing_scenario"]["requirements"] == "REQ-1"
    assert "**NO-GO**" in (out / "summary.md").read_text()


def test_secrets_never_reach_the_evidence(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    run_suite("--evidence")
    for path in (pytester.path / "reports" / "evidence").rglob("*"):
        if path.is_file() and path.suffix in (".json", ".html", ".xml", ".md"):
            text = path.read_text()
            for secret in ("s3cr3t-token", "hunter2", "abc123", "private text"):
                assert secret not in text, f"{secret} leaked into {path.name}"


def test_xdist_workers_are_merged(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    _, serial = run_suite("--evidence")
    result, parallel = run_suite("--evidence", "-n", "2")
    result.assert_outcomes(passed=3, failed=2, skipped=1, xfailed=1)
    workers = sorted(p.stem for p in (pytester.path / "reports" / "evidence" / "raw").glob("*.json"))
    assert [w.split("-")[0] for w in workers] == ["gw0", "gw1"]
    assert len({w.split("-")[1] for w in workers}) == 1  # one run token shared by the workers
    assert {s["nodeid"]: s["status"] for s in parallel["scenarios"]} == {
        s["nodeid"]: s["status"] for s in serial["scenarios"]
    }
    assert parallel["api"]["messages_sent"] == serial["api"]["messages_sent"]
    assert parallel["verdict"] == serial["verdict"]


def test_gate_exit_code_follows_the_verdict(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    passing_only = ("-k", "passing_scenario or plain_unit_test")
    result, summary = run_suite("--gate", *passing_only)
    assert summary["verdict"] == "GO", summary["rule"]
    assert result.ret == 0
    # The same passing run judged at stage B misses REQ-2 and RUM actions: NO-GO, so the gate fails.
    result, summary = run_suite("--gate", "--stage", "B", *passing_only)
    assert summary["verdict"] == "NO-GO"
    assert result.ret == 1
    assert "VERDICT: NO-GO" in result.stdout.str()


def test_rebuild_from_recorded_json_gives_the_same_summary(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    _, first = run_suite("--evidence")
    rebuilt = pytester.run(sys.executable, "-m", "harness.evidence", "build", "--dir", "reports/evidence")
    assert rebuilt.ret == 0, rebuilt.stderr.str()
    second = json.loads((pytester.path / "reports" / "evidence" / "summary.json").read_text())
    for key in ("verdict", "rule", "criteria", "api", "matrix", "traceability", "scenarios"):
        assert second[key] == first[key], key


def test_undefined_step_is_recorded_as_such(pytester: pytest.Pytester, run_suite: Any) -> None:
    pytester.makefile(
        ".feature", undefined="Feature: Gaps\n  Scenario: Missing step\n    Given nobody wrote this step\n"
    )
    pytester.makepyfile(test_undefined='from pytest_bdd import scenarios\n\nscenarios("undefined.feature")\n')
    pytester.makefile(".toml", **{"go-no-go": CRITERIA})
    result, summary = run_suite("--evidence")
    result.assert_outcomes(failed=1)
    [scenario] = raw_scenarios(pytester).values()
    assert scenario["status"] == "failed"
    assert scenario["steps"][0]["status"] == "undefined"
    assert scenario["failing_step"] == "Given nobody wrote this step"
    assert summary["verdict"] == "NO-GO"


def test_set_context_merges_the_new_fields() -> None:
    evidence = ScenarioEvidence("features/x.feature::S", "S")
    evidence.set_context(profile="mixed", premises=["a VistA care team"], shapes=["mixed", "many_systems"])
    evidence.set_context(premises=["recent care teams", "a VistA care team"], staging_user="vista-recent")
    evidence.set_context(shapes=["vista_only"], unmet=["recent care teams"])
    evidence.set_context(unmet=["recent care teams"], toggles={"curated": True})
    context = evidence.record.as_json()["context"]
    assert context == {
        "profile": "mixed",
        "toggles": {"curated": "on"},
        "seed": None,
        "data": None,
        "premises": ["a VistA care team", "recent care teams"],  # added up, each once
        "staging_user": "vista-recent",
        "unmet": ["recent care teams"],
        "shapes": ["vista_only"],  # the latest observed patient's
    }
