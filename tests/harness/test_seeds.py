"""A scenario's seed depends on the run seed and its node id only: same alone, in the suite, on any worker."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from harness.run import seeds
from harness.run.options import HarnessOptions, rerun_command, rerun_options
from tests.harness.steps_fixture import CONFTEST, FEATURE


def test_scenario_seed_is_stable_and_distinct() -> None:
    a = seeds.scenario_seed(42, "features/a.feature::One")
    assert a == seeds.scenario_seed(42, "features/a.feature::One")
    assert a != seeds.scenario_seed(43, "features/a.feature::One")
    assert a != seeds.scenario_seed(42, "features/a.feature::Two")
    assert 0 <= a < 2**32


def test_default_run_seed_is_the_date() -> None:
    assert seeds.default_run_seed(dt.date(2026, 11, 27)) == 20261127


def test_the_run_seed_is_pinned_unless_asked_for_today() -> None:
    day = dt.date(2026, 12, 1)
    assert seeds.resolve_run_seed(None, "20261127", day) == 20261127
    assert seeds.resolve_run_seed("42", "20261127", day) == 42
    assert seeds.resolve_run_seed("today", "20261127", day) == 20261201
    assert seeds.resolve_run_seed(None, "today", day) == 20261201
    assert seeds.resolve_run_seed(None, "", day) == 20261201
    with pytest.raises(ValueError, match="integer or 'today'"):
        seeds.resolve_run_seed("tomorrow", None, day)


def test_rerun_command_quotes_the_node_id() -> None:
    line = rerun_command('features/a.feature::Say "hi" for $5', 7)
    assert line == 'rerun: .venv/bin/pytest "features/a.feature::Say \\"hi\\" for \\$5" --seed 7'


def test_a_staging_rerun_names_the_same_pool() -> None:
    options = HarnessOptions(
        env="staging",
        seed=7,
        seed_origin="from --seed",
        base_url="https://staging.example",
        browser_path=None,
        storage_state=None,
        allow_send=False,
        test_care_team=None,
        defects=(),
        defect_matrix=(),
        dry_run=False,
        api_url=None,
        rum_forward=False,
        rum_replay=False,
        rollout_cohort=None,
        staging_users=("vista=auth vista.json", "oracle=o.json"),
        staging_users_file=Path("pool.toml"),
    )
    assert rerun_options(options) == [
        "--env staging",
        "--base-url https://staging.example",
        "--staging-users pool.toml",
        "--staging-user 'vista=auth vista.json'",
        "--staging-user oracle=o.json",
    ]


def seeds_printed(output: list[str]) -> dict[str, int]:
    found = {}
    for line in output:
        match = re.search(r"SEED (\S+::Seeds are per scenario) (\d+)", line)
        if match:
            found[match.group(1)] = int(match.group(2))
    return found


def test_scenario_seed_is_the_same_alone_and_in_parallel(harness_project: pytest.Pytester) -> None:
    harness_project.makeconftest(CONFTEST)
    (harness_project.path / "features" / "select_care_team.feature").write_text(FEATURE)
    nodeid = "features/select_care_team.feature::Seeds are per scenario"
    alone = harness_project.runpytest_subprocess(nodeid, "--seed", "99", "-s")
    suite = harness_project.runpytest_subprocess("features", "--seed", "99", "-s", "-p", "no:randomly")
    expected = seeds.scenario_seed(99, nodeid)
    assert seeds_printed(alone.outlines) == {nodeid: expected}
    assert seeds_printed(suite.outlines) == {nodeid: expected}
    header = [line for line in alone.outlines if line.startswith("harness: run seed")]
    assert header == ["harness: run seed 99 (from --seed; rerun with --seed 99); env mock"]
