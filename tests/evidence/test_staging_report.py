"""The report of a staging run: the pool of test users, the user each scenario ran as, whom to add for the
scenarios no user could run, and the staging-coverage criterion (which a mock run is not judged by)."""

from __future__ import annotations

import json
from pathlib import Path

from harness.evidence.summary import CriterionJSON, Summary
from tests.evidence.staging_run import (
    MIGRATING,
    ORACLE,
    POOL,
    RECENT,
    VISTA,
    build_run,
    record,
    staging_of,
    staging_records,
)

SENTENCE = (
    f"To run the remaining 6 scenarios, add a test user with: {VISTA} and {ORACLE} (3 scenarios); "
    f"{ORACLE} and {RECENT} (2 scenarios); {MIGRATING} (1 scenario)."
)


def criterion(summary: Summary, criterion_id: str = "staging_coverage") -> CriterionJSON:
    return next(c for c in summary["criteria"] if c["id"] == criterion_id)


def test_the_pool_lists_each_user_with_its_patient_and_the_scenarios_run_as_it(tmp_path: Path) -> None:
    directory, summary = build_run(tmp_path, staging_records(), pool=POOL)
    users = staging_of(summary)["users"]
    assert [(u["name"], u["shape"], u["ran"], u["passed"]) for u in users] == [
        ("vista-recent", POOL[0]["shape"], 3, 2),
        ("oh-only", POOL[1]["shape"], 1, 1),
    ]
    html = (directory / "index.html").read_text()
    assert '<h2 id="staging">Staging test users</h2>' in html
    assert f'<th scope="row">vista-recent</th><td>{POOL[0]["shape"]}</td><td>3</td><td>2</td>' in html
    # each scenario names the user it ran as, in its details and in the summary.json
    assert "Ran as staging test user oh-only<br>" in html
    assert 'Recent list <span class="note">(0.0 s, as vista-recent)</span>' in html
    scenarios = {s["name"]: s for s in summary["scenarios"]}
    context = scenarios["Oracle notice"]["context"]
    assert context is not None and context["staging_user"] == "oh-only"
    markdown = (directory / "summary.md").read_text()
    assert "### Staging test users" in markdown
    assert f"| oh-only | {POOL[1]['shape']} | 1 | 1 |" in markdown


def test_scenarios_no_user_could_run_name_the_test_user_to_add(tmp_path: Path) -> None:
    directory, summary = build_run(tmp_path, staging_records(), pool=POOL)
    unrunnable = staging_of(summary)["unrunnable"]
    assert unrunnable["scenarios"] == 6
    # grouped by what one new user needs, most scenarios first; a scenario runs as ONE user, so a premise
    # some user already meets is still named (Oracle recent: oh-only has the Oracle team, nobody recent ones)
    assert [(g["needs"], g["unmet"], g["count"]) for g in unrunnable["groups"]] == [
        ([VISTA, ORACLE], [VISTA, ORACLE], 3),
        ([ORACLE, RECENT], [RECENT], 2),
        ([MIGRATING], [MIGRATING], 1),
    ]
    assert unrunnable["sentence"] == SENTENCE
    assert SENTENCE in (directory / "index.html").read_text()
    assert SENTENCE in (directory / "summary.md").read_text()
    assert (
        "No staging test user had: a care system moving to Oracle Health<br>"
        in (directory / "index.html").read_text()
    )


def test_one_scenario_reads_in_the_singular(tmp_path: Path) -> None:
    records = [record("Only one", "skipped", premises=(RECENT,), unmet=(RECENT,))]
    _, summary = build_run(tmp_path, records, pool=POOL)
    assert staging_of(summary)["unrunnable"]["sentence"] == (
        f"To run the remaining 1 scenario, add a test user with: {RECENT} (1 scenario)."
    )


def test_staging_coverage_counts_every_scenario_collected(tmp_path: Path) -> None:
    # 3 passed of 14 collected: 10 recorded (1 failed, 6 skipped) and 4 the staging selection left out
    directory, summary = build_run(tmp_path, staging_records(), pool=POOL, stage="A")
    assert summary["identity"]["scenarios_collected"] == 14
    assert {k: summary["staging_coverage"][k] for k in ("collected", "passed", "not_run", "skipped")} == {
        "collected": 14,
        "passed": 3,
        "not_run": 4,
        "skipped": 6,
    }
    judged = criterion(summary)
    assert (judged["threshold"], judged["actual"], judged["passed"]) == (">= 30%", "21.4% (3/14)", False)
    assert judged["applies"] is True
    assert judged["accepted_by"] is None and judged["needs_mock_run"] is False  # a failure of its own
    assert SENTENCE in judged["details"]  # a failing coverage says whom to add
    html = (directory / "index.html").read_text()
    assert "<td>21.4% (3/14)</td>" in html
    assert "3 of all 14 scenarios (21.43%) ran and passed on staging" in html


def test_staging_coverage_passes_at_its_threshold(tmp_path: Path) -> None:
    # 3 passed of 6 collected (1 failed, 2 left out): stage C needs half, stage D 60%
    records = staging_records()[:4]
    collected = [r["nodeid"] for r in records] + ["features/mock.feature::Left out 1", "features/m::2"]
    _, summary = build_run(tmp_path, records, collected=collected, pool=POOL, stage="C")
    assert (criterion(summary)["actual"], criterion(summary)["passed"]) == ("50.0% (3/6)", True)
    _, later = build_run(tmp_path, records, collected=collected, pool=POOL, stage="D")
    assert (criterion(later)["threshold"], criterion(later)["passed"]) == (">= 60%", False)


def test_a_mock_run_shows_no_pool_and_is_not_judged_by_staging_coverage(tmp_path: Path) -> None:
    records = [record("Mock scenario", profile="mixed", shapes=("mixed",))]
    directory, summary = build_run(tmp_path, records, env="mock")
    assert summary["staging"] is None
    judged = criterion(summary)
    assert judged["actual"] == "does not apply (mock run)"
    assert (judged["applies"], judged["passed"]) == (False, True)
    assert not any(m.startswith("staging_coverage") for m in summary["readiness"]["missing_for_next"])
    html = (directory / "index.html").read_text()
    assert 'id="staging"' not in html and "Staging test users" not in html
    assert "does not apply (mock run)</td>" in html and '<span class="none">does not apply</span>' in html
    markdown = (directory / "summary.md").read_text()
    assert "| does not apply (mock run) | does not apply |" in markdown
    assert "Staging test users" not in markdown


def test_a_staging_run_without_a_recorded_count_cannot_claim_coverage(tmp_path: Path) -> None:
    _, summary = build_run(tmp_path, staging_records(), collected=[], pool=POOL)
    judged = criterion(summary)
    assert (judged["actual"], judged["passed"]) == ("not recorded", False)


def test_a_pool_not_recorded_still_counts_the_users_the_scenarios_name(tmp_path: Path) -> None:
    directory, summary = build_run(tmp_path, staging_records()[:2], pool=None)
    assert staging_of(summary)["users"] == [{"name": "vista-recent", "shape": None, "ran": 2, "passed": 2}]
    assert '<th scope="row">vista-recent</th><td>not recorded</td>' in (directory / "index.html").read_text()


def test_summary_json_keeps_labels_and_shapes_only(tmp_path: Path) -> None:
    directory, summary = build_run(tmp_path, staging_records(), pool=POOL)
    assert json.loads((directory / "summary.json").read_text())["staging"] == summary["staging"]
    assert all(set(user) == {"name", "shape", "ran", "passed"} for user in staging_of(summary)["users"])
