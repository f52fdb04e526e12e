"""The WCAG 2.2 ledger claims only what the run's evidence shows: Supports with passing evidence, Does Not
Support with failing evidence, Not Evaluated with none; the exports carry the same rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from harness.evidence import wcag
from harness.evidence.aggregate import LayoutRow
from harness.evidence.schema import ScenarioJSON


def scan(passed: list[str], violated_tags: list[str] | None = None) -> dict[str, Any]:
    violations = [{"id": "r", "tags": violated_tags, "nodes": [{}]}] if violated_tags else []
    return {"passed_criteria": passed, "violations": violations, "incomplete": []}


def scenario(name: str, status: str = "passed", reqs: list[str] | None = None, steps: list[str] | None = None,
             scans: list[dict[str, Any]] | None = None) -> ScenarioJSON:  # fmt: skip
    # A partial record on purpose: only the keys the ledger reads.
    return cast(ScenarioJSON, {"kind": "scenario", "name": name, "status": status, "requirements": reqs or [],
                               "steps": [{"text": s} for s in steps or []], "a11y": scans or []})  # fmt: skip


def rows_by_number(rows: list[wcag.Row]) -> dict[str, wcag.Row]:
    return {r["criterion"]: r for r in rows}


MANUAL = [{"id": "MC-SR-1", "title": "Screen reader", "result": "not run", "criteria": ["4.1.2", "4.1.3"]}]


def test_every_wcag_22_a_and_aa_criterion_has_a_row() -> None:
    rows = wcag.ledger([], [], [])
    assert len(rows) == 55
    assert {r["level"] for r in rows} == {"A", "AA"}
    assert "4.1.1" not in rows_by_number(rows)  # obsolete in 2.2


def test_supports_needs_passing_evidence_and_nothing_failing() -> None:
    rows = rows_by_number(
        wcag.ledger(
            [
                scenario("Scan", scans=[scan(["1.4.3", "4.1.2"]), scan(["4.1.2"], ["wcag412"])]),
                scenario("Keyboard walk", reqs=["KEYBOARD-1"]),
                scenario("Heard", steps=['they hear "Message sent"']),
            ],
            [],
            MANUAL,
        )
    )
    assert rows["1.4.3"]["result"] == wcag.SUPPORTS and rows["1.4.3"]["how"] == ["axe rules"]
    assert rows["4.1.2"]["result"] == wcag.PARTIAL  # passed on one state, violated on another
    assert rows["2.1.1"]["result"] == wcag.SUPPORTS and "scenarios" in rows["2.1.1"]["how"]
    assert rows["4.1.3"]["result"] == wcag.SUPPORTS
    assert rows["1.3.3"]["result"] == wcag.NOT_EVALUATED
    assert rows["1.2.1"]["result"] == wcag.NA


def test_a_failed_scenario_or_geometry_problem_is_a_failure_and_small_targets_need_review() -> None:
    layout: list[LayoutRow] = [
        {"state": "StartMessage", "zoom": 400, "spacing": False, "measured": 1,
         "problems": ["text clipped: p"], "small_targets": [], "controls": 1},
        {"state": "StartMessage", "zoom": 200, "spacing": True, "measured": 1,
         "problems": [], "small_targets": ["button x"], "controls": 1},
    ]  # fmt: skip
    rows = rows_by_number(wcag.ledger([scenario("Keyboard walk", "failed", ["KEYBOARD-1"])], layout, []))
    assert rows["2.1.1"]["result"] == wcag.FAILS
    assert rows["1.4.10"]["result"] == wcag.FAILS and "text clipped" in rows["1.4.10"]["remarks"]
    assert rows["1.4.12"]["result"] == wcag.SUPPORTS
    assert rows["2.5.8"]["result"] == wcag.REVIEW


def test_manual_progress_splits_what_automation_proved_from_what_is_left() -> None:
    rows = wcag.ledger([scenario("Heard", steps=['they hear "Message sent"'])], [], MANUAL)
    progress = wcag.manual_progress(rows, MANUAL)
    assert progress == [
        {"id": "MC-SR-1", "title": "Screen reader", "result": "not run", "proved": ["4.1.3 Status Messages"],
         "left": ["4.1.2 Name, Role, Value"]}
    ]  # fmt: skip


def test_exports_carry_the_same_rows(tmp_path: Path) -> None:
    rows = wcag.ledger([scenario("Scan", scans=[scan(["1.4.3"])])], [], [])
    wcag.write_exports(tmp_path, rows, {"date": "2026-12-07", "git": {"commit": "a" * 40}, "env": "mock"})
    markdown = (tmp_path / "a11y-staging-review.md").read_text()
    assert "| 1.4.3 Contrast (Minimum) | AA | axe rules | Supports |" in markdown
    acr = json.loads((tmp_path / "acr.json").read_text())
    assert len(acr["criteria"]) == 55
    assert acr["criteria"][0]["conformance_level"] in (wcag.NOT_EVALUATED, wcag.SUPPORTS)
    assert (
        '<th scope="row">1.4.3 Contrast (Minimum) (Level AA)</th><td>Supports</td>'
        in (tmp_path / "acr.html").read_text()
    )
