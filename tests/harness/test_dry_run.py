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
