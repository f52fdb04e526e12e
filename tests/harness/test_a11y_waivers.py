"""Waivers excuse matching findings until they expire; an expired waiver fails with its own message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from contract import SELECT_CARE_TEAM
from harness.accessibility.results import A11yResult, build_result, target_text
from harness.accessibility.ruleset import wcag_criteria
from harness.accessibility.waivers import WaiverFileError, load_waivers

TODAY = dt.date(2026, 11, 27)

AXE_RESPONSE = {
    "url": f"http://127.0.0.1{SELECT_CARE_TEAM}",
    "testEngine": {"version": "4.12.1"},
    "violations": [
        {
            "id": "color-contrast",
            "impact": "serious",
            "tags": ["cat.color", "wcag2aa", "wcag143"],
            "help": "Elements must meet minimum color contrast ratio thresholds",
            "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/color-contrast",
            "nodes": [
                {
                    "target": [["va-link-action", "a"]],
                    "html": "<a href='#'>Start</a>",
                    "failureSummary": "low",
                },
                {"target": ["#hint"], "html": "<p id='hint'>hint</p>", "failureSummary": "low"},
            ],
        }
    ],
    "incomplete": [
        {
            "id": "aria-valid-attr-value",
            "impact": "critical",
            "tags": ["wcag2a", "wcag412"],
            "help": "ARIA attributes must conform to valid values",
            "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/aria-valid-attr-value",
            "nodes": [{"target": ["#combo"], "html": "<input id='combo'>", "failureSummary": "review"}],
        }
    ],
    "passes": [{"id": "image-alt"}],
}


def write_waivers(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "a11y-waivers.toml"
    path.write_text(body)
    return path


WAIVER = """
[[waiver]]
rule = "color-contrast"
target = "va-link-action >>> *"
owner = "sm-frontend"
ticket = "va.gov-team#123"
expires = {expires}
"""


def result_with(tmp_path: Path, expires: str) -> A11yResult:
    waivers = load_waivers(write_waivers(tmp_path, WAIVER.format(expires=expires)))
    return build_result(
        AXE_RESPONSE,
        state="select care team",
        axe_version="4.12.1",
        context=".secure-messaging-container",
        ruleset=["wcag2aa"],
        waivers=waivers,
        today=TODAY,
    )


def test_a_valid_waiver_excuses_only_its_target(tmp_path: Path) -> None:
    result = result_with(tmp_path, "2026-12-31")
    assert [f.target for f in result.waived] == ["va-link-action >>> a"]
    assert [f.target for f in result.violations] == ["#hint"]
    assert not result.clean
    assert "va.gov-team#123" in result.waived[0].waiver


def test_an_expired_waiver_fails_and_says_so(tmp_path: Path) -> None:
    result = result_with(tmp_path, "2026-11-26")
    assert result.waived == []
    assert [f.target for f in result.expired] == ["va-link-action >>> a"]
    report = result.report()
    assert "expired waiver: color-contrast on 'va-link-action >>> *'" in report
    assert "expires 2026-11-26" in report and "renew the waiver" in report


def test_a_waiver_is_valid_through_its_expiry_day(tmp_path: Path) -> None:
    assert result_with(tmp_path, "2026-11-27").expired == []


def test_needs_review_is_kept_apart(tmp_path: Path) -> None:
    result = result_with(tmp_path, "2026-12-31")
    assert [f.rule for f in result.incomplete] == ["aria-valid-attr-value"]
    assert all(f.rule != "aria-valid-attr-value" for f in result.failing)
    assert result.passes == ["image-alt"]


def test_report_is_a_table_with_rule_impact_wcag_help_target_html(tmp_path: Path) -> None:
    report = result_with(tmp_path, "2026-12-31").report()
    header = report.splitlines()[1]
    assert header.split(" | ")[0].strip() == "rule" and "WCAG" in header and "help URL" in header
    assert (
        "color-contrast | serious | 1.4.3 | https://dequeuniversity.com/rules/axe/4.12/color-contrast"
        in report
    )


def test_malformed_waivers_are_named(tmp_path: Path) -> None:
    with pytest.raises(WaiverFileError, match="waiver #1 lacks owner, ticket"):
        load_waivers(write_waivers(tmp_path, '[[waiver]]\nrule = "x"\ntarget = "*"\nexpires = 2026-01-01\n'))
    with pytest.raises(WaiverFileError, match="not YYYY-MM-DD"):
        load_waivers(write_waivers(tmp_path, WAIVER.format(expires='"next week"')))


def test_the_project_waivers_file_loads() -> None:
    load_waivers(Path(__file__).resolve().parents[2] / "a11y-waivers.toml")


def test_helpers() -> None:
    assert wcag_criteria(["wcag2aa", "wcag143", "wcag1410", "best-practice"]) == ["1.4.3", "1.4.10"]
    assert target_text([["va-radio", "input#a"], "#b"]) == "va-radio >>> input#a, #b"


def test_expired_waivers_are_listed_at_the_end_of_a_run(harness_project: pytest.Pytester) -> None:
    harness_project.makeconftest('pytest_plugins = ["harness.plugin"]')
    (harness_project.path / "a11y-waivers.toml").write_text(WAIVER.format(expires="2020-01-01"))
    harness_project.makepyfile(test_nothing="def test_nothing():\n    pass\n")
    result = harness_project.runpytest_subprocess("test_nothing.py")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["*expired accessibility waivers*", "expired: color-contrast on 'va-link-action >>> *' (*2020-01-01)"]
    )
