"""The report itself: step screenshots from a real Chromium page, and the HTML passes axe-core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from harness.accessibility import ruleset
from harness.run.browser import CHROMIUM_ARGS, chromium_executable
from tests.evidence.staging_run import POOL, build_run, staging_of, staging_records
from tests.evidence.synthetic import write_suite

pytest_plugins = ["pytester"]

CHROMIUM = str(chromium_executable(None, None))  # the harness's own choice; no second copy of the rules
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PAGE_FEATURE = """\
Feature: Pages
  Scenario: Page with a failing check
    Given a page showing "Care teams you recently sent messages to"
    Then the page says "Message sent"
"""
PAGE_STEPS = f"""\
import pytest
from pytest_bdd import given, parsers, scenarios, then

scenarios("pages.feature")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {{**browser_type_launch_args, "executable_path": {CHROMIUM!r}, "args": {CHROMIUM_ARGS!r}}}


@given(parsers.parse('a page showing "{{text}}"'))
def showing(page, text):
    page.set_content(f"<main><h1>{{text}}</h1></main>")


@then(parsers.parse('the page says "{{text}}"'))
def says(page, text):
    assert page.locator("h1").inner_text() == text
"""


@pytest.fixture
def report(pytester: pytest.Pytester, run_suite: Any) -> tuple[Path, dict[str, Any]]:
    """A report with every section filled: failures, screenshots, axe findings, rollout, comparison."""
    write_suite(pytester)
    pytester.makefile(".feature", pages=PAGE_FEATURE)
    pytester.makepyfile(test_pages=PAGE_STEPS)
    _, first = run_suite("--evidence")
    baseline = pytester.path / "baseline.json"
    baseline.write_text(json.dumps(first))
    result, summary = run_suite("--evidence", "--compare", str(baseline), "--tracing", "retain-on-failure")
    assert summary, result.stdout.str()
    return pytester.path / "reports" / "evidence", summary


def test_step_screenshots_are_small_jpeg_files(report: tuple[Path, dict[str, Any]]) -> None:
    directory, summary = report
    raw = [s for p in (directory / "raw").glob("*.json") for s in json.loads(p.read_text())["scenarios"]]
    page_scenario = next(s for s in raw if s["name"] == "Page with a failing check")
    shots = [step["screenshot"] for step in page_scenario["steps"]]
    assert all(shots), page_scenario["steps"]
    for relative in shots:
        data = (directory / relative).read_bytes()
        assert data[:2] == b"\xff\xd8", "not a JPEG"
        assert len(data) < 60_000
    assert summary["identity"]["browser"].startswith("chromium ")
    failure = next(f for f in summary["failures"] if f["name"] == "Page with a failing check")
    assert failure["screenshot"] == shots[-1]
    # the trace pytest-playwright kept, found through its report's user_properties, and in the JUnit file
    assert failure["trace"] and Path(failure["trace"]).is_file() and failure["trace"].endswith(".zip")
    assert 'name="playwright_trace"' in (directory / "junit.xml").read_text()
    html = (directory / "index.html").read_text()
    assert "data:image/jpeg;base64," in html  # the failing step's screenshot travels inside the file
    assert 'loading="lazy"' in html
    cucumber = json.loads((directory / "cucumber.json").read_text())
    steps = next(e for f in cucumber for e in f["elements"] if e["name"] == "Page with a failing check")[
        "steps"
    ]
    assert [s["embeddings"][0]["mime_type"] for s in steps] == ["image/jpeg", "image/jpeg"]
    assert [s["result"]["status"] for s in steps] == ["passed", "failed"]


def test_report_html_passes_axe(report: tuple[Path, dict[str, Any]]) -> None:
    directory, summary = report
    assert summary["comparison"] is not None
    html = (directory / "index.html").read_text()
    # rollout shares, latency, findings by state, durations, what changed and the pass rate over the two
    # runs the history now holds (the fixture built a baseline run first): scanned with the rest
    assert html.count('<svg class="chart" role="img" aria-labelledby=') == 6
    assert 'id="history"' in html and 'id="wcag"' in html
    assert_axe_clean(directory / "index.html")
    assert_axe_clean(directory / "acr.html")  # the ACR export stands alone on a ticket too


def test_staging_report_html_passes_axe(tmp_path: Path) -> None:
    """A staging run's own sections: the test users, whom to add, each scenario's user and premises."""
    directory, summary = build_run(tmp_path, staging_records(), pool=POOL)
    assert staging_of(summary)["unrunnable"]["groups"]
    assert '<h2 id="staging">' in (directory / "index.html").read_text()
    assert_axe_clean(directory / "index.html")


def assert_axe_clean(report: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(report.as_uri())
            for details in page.locator("details").all():  # scan the collapsed timelines too
                details.evaluate("el => el.open = true")
            axe = Axe.from_file(ruleset.axe_script())  # the pinned axe-core the harness scans with
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        finally:
            browser.close()
    violations = results.response["violations"]
    assert not violations, results.generate_report()
