"""--phase-timings: each process writes its phases and steps; summarise() adds them up for `make bench`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.run.timing import PHASES, breakdown_lines, summarise
from tests.harness.steps_fixture import CONFTEST, FEATURE


def test_a_run_writes_phases_and_steps(harness_project: pytest.Pytester) -> None:
    plugins = 'pytest_plugins = ["harness.plugin", "harness.run.timing"]'
    harness_project.makeconftest(CONFTEST.replace('pytest_plugins = ["harness.plugin"]', plugins))
    (harness_project.path / "features" / "select_care_team.feature").write_text(FEATURE)
    result = harness_project.runpytest_subprocess("features", "--phase-timings", "timings")
    result.assert_outcomes(passed=4)
    files = list((harness_project.path / "timings").glob("timing-main-*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text())
    assert data["tests"] == 4 and set(data["phases"]) == set(PHASES)
    assert data["phases"]["start-up"] > 0 and data["phases"]["collection"] > 0
    steps = {s["step"] for s in data["steps"]}
    assert steps >= {"Given a vista_only patient", "When they start a new message"}
    assert all(s["where"].startswith("features/select_care_team.feature:") for s in data["steps"])


def test_summarise_adds_processes_and_keeps_the_ten_slowest_steps(tmp_path: Path) -> None:
    for worker, offset in (("gw0", 0), ("gw1", 20)):
        steps = [
            {"step": f"When step {offset + i}", "where": "f:1", "nodeid": "n", "seconds": offset + i}
            for i in range(12)
        ]
        phases = dict.fromkeys(PHASES, 1.0)
        (tmp_path / f"timing-{worker}-1.json").write_text(json.dumps({"phases": phases, "steps": steps}))
    summary = summarise(tmp_path)
    assert summary["processes"] == 2 and summary["steps"] == 24
    assert summary["phases"]["axe injection and scans"] == 2.0
    assert [s["seconds"] for s in summary["slowest_steps"]] == list(range(31, 21, -1))
    lines = breakdown_lines(summary)
    assert any(line.strip().startswith("navigation and waiting") for line in lines)
    assert "When step 31" in lines[len(PHASES) + 2]
