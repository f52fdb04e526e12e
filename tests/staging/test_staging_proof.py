"""Proof on data the harness never saw built: the staging-safe scenarios, once, against a staging-like
mock that serves a pool of test users, as QA runs them against staging.

`python -m mocks serve --no-control --require-sign-in --fixtures-user NAME=DIR ...` serves each user from
its own vets-website fixture folder, chosen by the sign-in cookie: VA's own fixture pack, a realistic
mixed patient that is none of the mock's profiles (tests/staging/packs.py), and users exported from
profiles and seeds. The harness runs with `--env staging` and one `--staging-user` per user, so it knows
nothing but what the app receives. Every scenario must pass, or skip naming the premises no user met;
the mock's access log must show no write; the report lists the pool and what user to add.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract import CURATED_LIST_FLOW, LARGE_ATTACHMENTS, RECENT_RECIPIENTS
from harness.run.results import read_cases
from tests.served_mock import ROOT, served, storage_state
from tests.served_mock import ServedMock as StagingLikeMock
from tests.staging.packs import VA_FIXTURES, exported, realistic_mixed, with_toggles

SECRET = "staging-pool-secret-cookie-9c41"
# The pool, in the order the run is given it: the three test users the release plan names first (mixed,
# VistA only with recent messages, Oracle Health only), then VA's own pack, then the users QA adds for the
# shapes and toggle states a scenario is about (the report's "add a test user with" line names them).
SHAPES = {  # user -> (profile, seed, recent care teams) exported as a fixture folder
    "vista": ("vista_only", 90210, 1),
    "oracle": ("oracle_health_only", 31337, 4),
    "mixed-recent": ("mixed", 8128, 3),
    "many": ("many_systems", 4711, 1),
    "one-system": ("single_system", 2718, 2),
    "blocked": ("all_blocked", 1618, None),
    "empty": ("not_connected", 1414, None),
    "system-blocked": ("system_blocked", 1732, 0),
    "several-blocked": ("several_teams_blocked", 2236, 0),
    "one-left": ("one_system_left", 2449, 0),
    "many-one-blocked": ("many_systems_one_blocked", 2645, 0),
    "moving-soon": ("migrating_before", 3141, 0),
    "moving-now": ("migrating_during", 1123, 0),
    "moved": ("migrating_after", 5813, 0),
}
USERS = (
    "mixed",
    "vista",
    "oracle",
    "va",
    *list(SHAPES)[2:],
    "legacy",
    "legacy-recent-on",
    "no-recent-page",
    "large-files",
)


@pytest.fixture(scope="module")
def pool_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StagingLikeMock]:
    root = tmp_path_factory.mktemp("pool")
    folders = {name: exported(root / name, *shape) for name, shape in SHAPES.items()}
    folders |= {
        "va": VA_FIXTURES,
        "mixed": realistic_mixed(root / "mixed"),
        "legacy": with_toggles(
            exported(root / "legacy", "mixed", 6174, 2),
            **{CURATED_LIST_FLOW: False, RECENT_RECIPIENTS: False},
        ),
        "legacy-recent-on": with_toggles(
            exported(root / "legacy-recent", "mixed", 4181, 2), **{CURATED_LIST_FLOW: False}
        ),
        "no-recent-page": with_toggles(
            exported(root / "no-recent", "mixed", 9999, 2), **{RECENT_RECIPIENTS: False}
        ),
        "large-files": with_toggles(
            exported(root / "large", "vista_only", 1001, 1), **{LARGE_ATTACHMENTS: True}
        ),
    }
    args = [arg for name in USERS for arg in ("--fixtures-user", f"{name}={folders[name]}")]
    with served(*args, "--no-control", "--require-sign-in") as mock:
        yield mock


def auth_file(folder: Path, user: str) -> Path:
    return storage_state(folder / f"auth-{user}.json", f"{user}.{SECRET}")


def outcomes(report_log: Path) -> dict[str, tuple[str, str]]:
    """nodeid -> (outcome, skip reason) of every scenario."""
    return {case.name: (case.outcome, case.reason) for case in read_cases(report_log)}


@pytest.mark.starts_first
def test_the_staging_safe_scenarios_run_once_on_a_pool_of_users_with_zero_writes(
    pool_mock: StagingLikeMock, tmp_path: Path
) -> None:
    since = len(pool_mock.lines)
    users = [arg for user in USERS for arg in ("--staging-user", f"{user}={auth_file(tmp_path, user)}")]
    args = [
        sys.executable,
        "-m",
        "pytest",
        "features",
        # One process: `make test` runs this beside its other worker, and two nested workers on top made
        # four browsers share 2 cores, which cost more CPU in all (xdist's staging pool: test_run_facts).
        "-p",
        "no:xdist",
        "-q",
        "-rs",
        "--report-log",
        str(tmp_path / "report.jsonl"),
        "--env",
        "staging",
        "--base-url",
        pool_mock.url,
        *users,
        "--evidence",
        "--evidence-dir",
        str(tmp_path / "evidence"),
        # The proof reads the summary and the files' text: step screenshots would only cost time.
        "--evidence-screenshots",
        "off",
        "--output",
        str(tmp_path / "test-results"),
    ]
    # Generous: a loaded CI machine must not turn a slow run into a false failure.
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=2400)
    output = result.stdout + result.stderr
    results = outcomes(tmp_path / "report.jsonl")
    failed = {n: o for n, (o, _) in results.items() if o not in ("passed", "skipped")}
    assert not failed, f"{failed}\n{output[-6000:]}"
    assert result.returncode == 0, output[-6000:]
    skipped = {n: r for n, (o, r) in results.items() if o == "skipped"}
    assert all(r.startswith("needs ") or "needs " in r for r in skipped.values()), skipped
    profiles = ("vista_only", "oracle_health_only", "many_systems", "single_system", "all_blocked")
    assert not [r for r in skipped.values() if any(p in r for p in profiles)], "a skip named a mock profile"
    passed = [n for n, (o, _) in results.items() if o == "passed"]
    # The first user meets most premises; the others run the scenarios about their shape or toggles.
    summary = json.loads((tmp_path / "evidence" / "summary.json").read_text(encoding="utf-8"))
    ran_as = {s["context"].get("staging_user") for s in summary["scenarios"] if s["status"] == "passed"}
    assert {"mixed", "vista", "oracle", "legacy", "blocked"} <= ran_as, ran_as
    assert len(passed) >= 0.65 * len(results), (
        f"only {len(passed)} scenarios ran on the pool: {output[-3000:]}"
    )
    assert pool_mock.writes(since) == [], "the read-only staging run wrote to the site"
    assert SECRET not in output
    for folder in (tmp_path / "evidence", tmp_path / "test-results"):
        assert not folder.exists() or not [
            p for p in folder.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()
        ]
