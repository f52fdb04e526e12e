"""Saved axe results survive parallel runs: they live in reports/accessibility/, which only the session's
own process empties (once per run), never in pytest-playwright's --output, which each xdist worker empties
as it starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each test saves one result the way a scan does (a canned axe response: no browser needed), then, as it
# tears down, does what pytest-playwright does when another xdist worker starts late: empty --output.
CONFTEST = """
import datetime as dt
import shutil

import pytest

from harness.accessibility.fixture import A11y
from harness.accessibility.results import build_result

pytest_plugins = ["harness.accessibility.plugin"]


@pytest.fixture
def save_a_scan(request, worker_id):
    a11y = A11y.for_request(request)
    result = build_result(
        {"url": "http://127.0.0.1/start", "violations": [], "passes": [{"id": "image-alt"}]},
        state=f"scanned on {worker_id}",
        axe_version="4.0.0",
        context="document",
        ruleset=["wcag2a"],
        waivers=[],
        today=dt.date(2026, 12, 2),
    )
    yield a11y.save(result)
    shutil.rmtree(request.config.getoption("--output"), ignore_errors=True)  # a late worker's start
"""

TESTS = """
def test_first(save_a_scan):
    assert save_a_scan.is_file()


def test_second(save_a_scan):
    assert save_a_scan.is_file()
"""


@pytest.fixture
def scans_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A throwaway project whose two tests each save one scan."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_scans=TESTS)
    return pytester


def test_two_workers_results_survive_and_a_run_keeps_only_its_own(scans_project: pytest.Pytester) -> None:
    pytester = scans_project
    stale = pytester.path / "reports" / "accessibility" / "from-an-earlier-run" / "old.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")

    result = pytester.runpytest_subprocess("-p", "no:randomly", "-n", "2", "--dist", "each")
    result.assert_outcomes(passed=4)  # --dist each: both tests on both workers

    saved = sorted((pytester.path / "reports" / "accessibility").rglob("*.json"))
    states = sorted(json.loads(path.read_text())["state"] for path in saved)
    assert states == ["scanned on gw0", "scanned on gw0", "scanned on gw1", "scanned on gw1"]
    assert {path.parent.name for path in saved} == {"test-scans-py-test-first", "test-scans-py-test-second"}
    assert not stale.exists()


def test_results_follow_their_option_and_collect_only_keeps_the_last_run(
    scans_project: pytest.Pytester,
) -> None:
    pytester = scans_project
    chosen = pytester.path / "elsewhere"

    result = pytester.runpytest_subprocess("-p", "no:randomly", "--a11y-results", str(chosen))
    result.assert_outcomes(passed=2)
    saved = sorted(chosen.rglob("*.json"))
    assert len(saved) == 2
    assert not (pytester.path / "reports" / "accessibility").exists()

    pytester.runpytest_subprocess("--collect-only", "-q", "--a11y-results", str(chosen))
    assert sorted(chosen.rglob("*.json")) == saved, "--collect-only emptied the last run's results"
