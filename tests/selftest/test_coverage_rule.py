"""The coverage rule (issue 14): every requirement has a seeded defect, and each defect names one scenario
tagged with its requirement. `make selftest --first-catch` proves each scenario catches its defect; the
test below proves the matrix that does it on one defect, clean and broken, end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.gherkin.tags import load_requirements
from harness.gherkin.traceability import defects_by_requirement, static_problems
from harness.run.results import read_cases
from harness.selfcheck.defect_matrix import read_catches
from mocks.defects import DEFECTS

ROOT = Path(__file__).resolve().parents[2]


def test_every_requirement_has_a_seeded_defect_whose_own_scenario_is_tagged_with_it() -> None:
    assert static_problems(ROOT) == []


def test_the_report_lists_each_requirements_seeded_defects() -> None:
    by_req = defects_by_requirement(ROOT)
    assert set(by_req) == set(load_requirements(ROOT))
    assert sum(len(rows) for rows in by_req.values()) == len(DEFECTS)


@pytest.mark.timeout(900)
def test_the_matrix_runs_a_defect_against_its_scenario_clean_and_broken(tmp_path: Path) -> None:
    log = tmp_path / "matrix.jsonl"
    command = [
        sys.executable, "-m", "pytest", "features", "-p", "no:randomly", "-p", "no:xdist", "-q",
        "--defect-matrix=ipe_shown_past_limit", f"--report-log={log}", "--tracing=off", "--screenshot=off",
        f"--output={tmp_path / 'test-results'}",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    outcomes = {case.name: case.outcome for case in read_cases(log)}
    scenario = DEFECTS["ipe_shown_past_limit"].caught_by
    assert set(outcomes) == {
        f"features/oracle_health_transition.feature::{scenario}[defect=none]",
        f"features/oracle_health_transition.feature::{scenario}[defect=ipe_shown_past_limit]",
    }
    [catch] = read_catches(outcomes, ("ipe_shown_past_limit",))
    assert catch.caught and not catch.clean_failed, outcomes
