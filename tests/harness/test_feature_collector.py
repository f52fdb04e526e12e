"""`pytest features/x.feature` and `...::Scenario name` run scenarios directly; tags become markers."""

from __future__ import annotations

import pytest

from tests.harness.steps_fixture import CONFTEST, FEATURE


@pytest.fixture
def project(harness_project: pytest.Pytester) -> pytest.Pytester:
    harness_project.makeconftest(CONFTEST)
    (harness_project.path / "features" / "select_care_team.feature").write_text(FEATURE)
    return harness_project


def test_a_feature_file_runs_directly(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features/select_care_team.feature", "-v")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*features/select_care_team.feature::A patient picks a care team PASSED*",
            "*features/select_care_team.feature::Care teams per profile[[]oracle_health_only-2[]] PASSED*",
            "*features/select_care_team.feature::Care teams per profile[[]mixed-4[]] PASSED*",
        ]
    )


def test_one_scenario_runs_by_name(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features/select_care_team.feature::A patient picks a care team")
    result.assert_outcomes(passed=1)


def test_an_outline_runs_all_rows_by_name(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features/select_care_team.feature::Care teams per profile")
    result.assert_outcomes(passed=2)


def test_tags_filter_with_markers(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features", "-m", "oracle_health and a11y")
    result.assert_outcomes(passed=2, deselected=2)
    result = project.runpytest_subprocess("features", "-m", "req and smoke")
    result.assert_outcomes(passed=1, deselected=3)


def test_a_failure_points_at_the_feature_and_prints_a_rerun_line(project: pytest.Pytester) -> None:
    feature = FEATURE.replace("| mixed              | 4     |", "| mixed              | 6     |")
    (project.path / "features" / "select_care_team.feature").write_text(feature)
    result = project.runpytest_subprocess("features", "--seed", "42")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*mixed patient offered 6 care teams*",
            "*failed step*",
            "features/select_care_team.feature:16: Then they see 6 care teams",
            'rerun: .venv/bin/pytest "features/select_care_team.feature::'
            'Care teams per profile[[]mixed-6[]]" --seed 42',
        ]
    )


def test_an_unknown_tag_fails_naming_tag_file_and_line(project: pytest.Pytester) -> None:
    (project.path / "features" / "typo.feature").write_text(FEATURE.replace("@smoke", "@smok"))
    result = project.runpytest_subprocess("features")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["features/typo.feature:5: unknown tag @smok: not a registered tag*"])


def test_an_unknown_requirement_fails(project: pytest.Pytester) -> None:
    (project.path / "features" / "typo.feature").write_text(FEATURE.replace("@req:SELECT-1", "@req:NOPE-9"))
    result = project.runpytest_subprocess("features")
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        ["features/typo.feature:5: unknown tag @req:NOPE-9: requirement 'NOPE-9' is not in*"]
    )


def test_tag_on_examples_is_checked_too(project: pytest.Pytester) -> None:
    (project.path / "features" / "typo.feature").write_text(FEATURE.replace("@oracle_health", "@oracle"))
    result = project.runpytest_subprocess("features")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["features/typo.feature:18: unknown tag @oracle:*"])


def test_outline_rows_are_marked_by_patient_profile(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features", "-m", "mixed", "-v")
    result.assert_outcomes(passed=1, deselected=3)
    result.stdout.fnmatch_lines(["*Care teams per profile[[]mixed-4[]] PASSED*"])
    result = project.runpytest_subprocess("features", "-m", "oracle_health_only")
    result.assert_outcomes(passed=1, deselected=3)


def test_duplicate_scenario_names_fail_clearly(project: pytest.Pytester) -> None:
    duplicated = FEATURE + "\n  Scenario: A patient picks a care team\n    Given a mixed patient\n"
    (project.path / "features" / "select_care_team.feature").write_text(duplicated)
    second = duplicated.splitlines().index("  Scenario: A patient picks a care team", 10) + 1
    result = project.runpytest_subprocess("features")
    assert result.ret != 0
    result.stdout.fnmatch_lines(
        [f"features/select_care_team.feature:{second}: scenario name 'A patient picks a care team' already*"]
    )
