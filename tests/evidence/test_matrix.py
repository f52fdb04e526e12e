"""The coverage matrix fills its cells by the patient shapes observed, not by the mock profile's name: the
profile is chosen by the scenario's seed, so a cell must not lose its scenario on another seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

from harness.evidence import aggregate
from harness.evidence.aggregate import CoverageMatrix, MatrixCell
from harness.evidence.criteria import verdict
from harness.evidence.schema import ScenarioJSON
from harness.evidence.summary import Facts
from tests.evidence.staging_run import build_run, record

MATRIX: dict[str, Any] = {
    "profiles": ["vista_only", "mixed", "many_systems"],
    "toggle_states": [
        {"name": "curated off", "toggles": {"curated": "off"}},
        {"name": "curated on", "toggles": {"curated": "on"}},
    ],
    "exclude": [["curated off", "many_systems"]],
}


def scenario(name: str, toggle: str, status: str = "passed", **context: Any) -> ScenarioJSON:
    # A partial record on purpose: only the keys the matrix reads (an old record may lack "shapes").
    record: dict[str, Any] = {
        "nodeid": f"features/x.feature::{name}",
        "name": name,
        "kind": "scenario",
        "status": status,
        "context": {"toggles": {"curated": toggle}, **context},
    }
    return cast(ScenarioJSON, record)


def cell(matrix: CoverageMatrix, state: str, shape: str) -> MatrixCell:
    return next(c for c in matrix["cells"] if (c["state"], c["profile"]) == (state, shape))


def test_a_scenario_counts_under_every_shape_its_patient_had_whatever_its_profile() -> None:
    # the seed chose the mixed profile, whose patient also has six care systems
    chosen = scenario("Chooser", "on", profile="mixed", shapes=["mixed", "many_systems"])
    matrix = aggregate.coverage_matrix([chosen], MATRIX)
    assert (
        cell(matrix, "curated on", "mixed")["ran"],
        cell(matrix, "curated on", "many_systems")["ran"],
    ) == (1, 1)
    assert cell(matrix, "curated on", "vista_only")["ran"] == 0
    # on another seed the scenario got the vista_only profile: the shape it was observed to have decides
    other_seed = scenario("Chooser", "on", profile="vista_only", shapes=["mixed"])
    matrix = aggregate.coverage_matrix([other_seed], MATRIX)
    assert cell(matrix, "curated on", "mixed")["scenarios"] == ["features/x.feature::Chooser"]
    assert cell(matrix, "curated on", "vista_only")["ran"] == 0
    assert matrix["unplaced_scenarios"] == 0


def test_without_observed_shapes_the_profile_places_the_scenario() -> None:
    old_record = scenario("Legacy", "off", "failed", profile="vista_only")  # no "shapes" key at all
    empty = scenario("No page", "on", profile="mixed", shapes=[])
    matrix = aggregate.coverage_matrix([old_record, empty], MATRIX)
    legacy = cell(matrix, "curated off", "vista_only")
    assert (legacy["ran"], legacy["failed"], legacy["result"]) == (1, 1, "failed")
    assert cell(matrix, "curated on", "mixed")["ran"] == 1
    # observed shapes the matrix does not list place nothing, even with a listed profile
    unlisted = scenario("Blocked", "on", profile="mixed", shapes=["all_blocked"])
    assert aggregate.coverage_matrix([unlisted], MATRIX)["unplaced_scenarios"] == 1


def test_one_scenario_with_many_shapes_closes_every_gap_it_covers() -> None:
    runs = [
        scenario("Off", "off", shapes=["vista_only", "mixed"]),
        scenario("On", "on", shapes=["vista_only", "mixed", "many_systems"]),
    ]
    matrix = aggregate.coverage_matrix(runs, MATRIX)
    assert (matrix["covered"], matrix["required"], matrix["gaps"]) == (5, 5, [])
    criteria = {"stages": {"D": {"matrix": True}}, "defaults": {}}
    today = dt.date(2026, 12, 7)
    # Partial facts on purpose: only what the matrix rule reads.
    facts = cast(
        Facts,
        {
            "matrix": matrix,
            "scenarios": runs,
            "traceability": [],
            "a11y": aggregate.accessibility([], [], today),
            "manual_checks": [],
            "rollout": {},
        },
    )
    judged = {c["id"]: c for c in verdict(criteria, "D", facts, today)["criteria"]}
    assert (judged["matrix"]["actual"], judged["matrix"]["passed"]) == ("5/5", True)


def test_the_report_names_the_rows_patient_shapes(tmp_path: Path) -> None:
    records = [record("Mixed", profile="vista_only", shapes=("mixed",))]
    directory, summary = build_run(tmp_path, records, env="mock", stage="D")
    html = (directory / "index.html").read_text()
    assert "<caption>Toggle states by patient shape</caption>" in html
    assert "(toggle state x patient shape)" in html
    mixed = next(c for c in summary["matrix"]["cells"] if c["ran"])
    assert (mixed["state"], mixed["profile"]) == ("curated on, recent on", "mixed")
