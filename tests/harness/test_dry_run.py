"""`--bdd-dry-run` lists undefined steps, unused definitions and unknown tags, and exits non-zero on any."""

from __future__ import annotations

import pytest

from tests.harness.steps_fixture import CONFTEST, FEATURE


def test_clean_project_passes(harness_project: pytest.Pytester) -> None:
    harness_project.makeconftest(CONFTEST)
    (harness_project.path / "features" / "select_care_team.feature").write_text(FEATURE)
    result = harness_project.runpytest_subprocess("--bdd-dry-run", "features")
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(
        ["bdd dry run: 4 scenarios, * steps, no browser started", "*every step is defined*"]
    )


def test_problems_are_listed_and_fail(harness_project: pytest.Pytester) -> None:
    conftest = CONFTEST + '\n\n@when("nobody says this")\ndef _():\n    pass\n'
    harness_project.makeconftest(conftest)
    feature = FEATURE.replace("Then they see 3 care teams", "Then they see three care teams").replace(
        "@smoke", "@smok"
    )
    (harness_project.path / "features" / "select_care_team.feature").write_text(feature)
    result = harness_project.runpytest_subprocess("--bdd-dry-run", "features")
    assert result.ret == 1
    result.stdout.fnmatch_lines(
        [
            "undefined steps (1):",
            "  features/select_care_team.feature:9: Then they see three care teams",
            "      nearest definition: 'they see {count:d} care teams'",
            "unused step definitions (1):",
            "  conftest.py:*: @when('nobody says this')",
            "unknown tags (1):",
            "  features/select_care_team.feature:5: unknown tag @smok:*",
        ]
    )


PREMISES_FEATURE = """Feature: Premises
  Scenario: A typo in a premise
    Given a patient with a VistA care tem
    When they start a new message

  Scenario: A patient no profile can be
    Given a patient with VistA care teams only who can message care teams at 6 or more care systems
    When they start a new message

  Scenario: A patient some profile is
    Given a patient with an Oracle Health care team who messaged 2 care teams in the last 6 months
    When they start a new message
"""


def test_premises_no_mock_profile_can_meet_are_listed_and_fail(harness_project: pytest.Pytester) -> None:
    conftest = CONFTEST + '\n\n@given(parsers.re("^a patient (?P<words>.+)$"))\ndef _(words):\n    pass\n'
    harness_project.makeconftest(conftest)
    (harness_project.path / "features" / "premises.feature").write_text(PREMISES_FEATURE)
    result = harness_project.runpytest_subprocess("--bdd-dry-run", "features")
    assert result.ret == 1, result.stdout.str()
    result.stdout.fnmatch_lines(["premises no mock profile can meet (2):"])
    result.stdout.fnmatch_lines(["*features/premises.feature:2: no premise reads 'with a VistA care tem'*"])
    impossible = "no mock profile meets VistA care teams only, care teams at 6 or more"
    result.stdout.fnmatch_lines([f"*features/premises.feature:6: {impossible}*"])
    assert "premises.feature:10" not in result.stdout.str()
