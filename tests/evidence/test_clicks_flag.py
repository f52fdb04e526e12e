"""The report's "Clicks on the tracked elements" table flags a row only where RUM and the clicks the
scenarios made disagree (issue 21 item 4): every click on a tracked element is counted where the page
objects click (`pages/tracked.py`), asserted or not.

The dashboard function runs on synthetic records; one end-to-end check runs `features/rum.feature` and
`features/tracked_links.feature` with `--evidence` on the mock and expects no click flag.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from contract import SELECT_CARE_TEAM
from harness.evidence import dashboard
from harness.evidence.recorder import ScenarioEvidence
from harness.evidence.schema import ScenarioJSON
from harness.rum import tracked_actions
from pages.tracked import TRACKED, by_rum_name, tracked

ROOT = Path(__file__).resolve().parents[2]
SELECT = SELECT_CARE_TEAM
HELP = "Learn what to do if you can’t find your care team"
CONTACT = "Update your contact list"
RADIO = "Care System Radio button"


def _click(name: str, kind: str = "click") -> dict[str, Any]:
    return {
        "kind": "action",
        "name": name,
        "type": kind,
        "view": {"path": SELECT, "url": f"http://x{SELECT}"},
    }


def _scenario(nodeid: str, actions: list[dict[str, Any]], clicked: list[str]) -> ScenarioJSON:
    record = ScenarioEvidence(nodeid, nodeid)
    record.add_tracked_clicks(clicked)
    record.add_rum_events(actions)
    return record.record.as_json()


def _clean_run() -> list[ScenarioJSON]:
    """Scenarios that click tracked elements without asserting them, and one that asserts."""
    return [
        _scenario("a", [_click(RADIO), _click(RADIO), _click(HELP)], [RADIO, RADIO, HELP]),
        _scenario("b", [_click(CONTACT)], [CONTACT]),
        _scenario("c", [_click(RADIO)], [RADIO]),  # chose a care system on the way, asserted nothing
        _scenario("d", [], []),
    ]


def _flags(scenarios: list[ScenarioJSON]) -> list[str]:
    return [
        f"{row['action']}: {flag}"
        for row in dashboard.clicks(scenarios, tracked_actions())
        for flag in row["flags"]
    ]


def test_a_clean_run_raises_no_flag() -> None:
    rows = {row["action"]: row for row in dashboard.clicks(_clean_run(), tracked_actions())}
    assert _flags(_clean_run()) == []
    assert (rows[RADIO]["rum"], rows[RADIO]["clicked"]) == (3, 3)
    assert (rows["Can't find your care team"]["rum"], rows["Can't find your care team"]["clicked"]) == (1, 1)


def test_one_click_counted_twice_raises_exactly_one_flag() -> None:
    """rum_click_double_counted: the help link also adds a custom action, two per click."""
    run = _clean_run()
    run[0] = _scenario("a", [_click(RADIO), _click(RADIO), _click(HELP), _click(HELP, "custom")],
                       [RADIO, RADIO, HELP])  # fmt: skip
    flags = [f for row in dashboard.clicks(run, tracked_actions()) for f in row["flags"]]
    rows_flagged = [row["action"] for row in dashboard.clicks(run, tracked_actions()) if row["flags"]]
    assert rows_flagged == ["Can't find your care team"]
    assert flags == ["RUM counts 2, the scenarios clicked 1 (1 of them are not click actions)"]


def test_a_click_rum_did_not_count_raises_exactly_one_flag() -> None:
    run = _clean_run()
    run[1] = _scenario("b", [], [CONTACT])  # the link lost its name: the dashboard counts nothing
    flagged = {
        row["action"]: row["flags"] for row in dashboard.clicks(run, tracked_actions()) if row["flags"]
    }
    assert flagged == {CONTACT: ["RUM counts 0, the scenarios clicked 1"]}


def test_a_name_changed_in_case_is_not_the_tracked_name() -> None:
    """Datadog's queries are case-sensitive: "update your contact list" is another action."""
    run = _clean_run()
    run[1] = _scenario("b", [_click(CONTACT.lower())], [CONTACT])
    flagged = {row["action"] for row in dashboard.clicks(run, tracked_actions()) if row["flags"]}
    assert flagged == {CONTACT}


def test_the_table_covers_the_release_plans_tracked_elements() -> None:
    """Each dashboard entry of go-no-go.toml is the RUM name of a row of the table, so clicks on it count."""
    for names in tracked_actions():
        assert any(by_rum_name(name) for name in names), f"no row of pages/tracked.py is tracked as {names}"
    assert len({(row.page, row.element) for row in TRACKED}) == len(TRACKED)
    assert tracked("start message", "Delete draft").rum_name == "Delete Draft Button"


@pytest.mark.skipif(os.environ.get("SM_SKIP_E2E") == "1", reason="SM_SKIP_E2E=1")
@pytest.mark.starts_first
def test_a_clean_run_of_the_rum_scenarios_has_no_click_flag(tmp_path: Path) -> None:
    """End to end: the RUM and tracked-link scenarios on the mock, with --evidence, flag no click row."""
    evidence = tmp_path / "evidence"
    command = [
        sys.executable, "-m", "pytest", "features/rum.feature", "features/tracked_links.feature", "-q",
        "-p", "no:cacheprovider", "--evidence", "--evidence-dir", str(evidence),
        "--evidence-history", str(tmp_path / "history"), "--evidence-screenshots", "off",
    ]  # fmt: skip
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False)
    assert run.returncode == 0, f"the scenarios failed:\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}"
    rows = json.loads((evidence / "summary.json").read_text())["dashboard"]["clicks"]  # the report's table
    assert rows and [r for r in rows if r["flags"]] == [], rows
    assert all(r["clicked"] > 0 for r in rows), f"a tracked element was never clicked: {rows}"
