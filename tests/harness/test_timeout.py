"""The per-scenario limit: a hung scenario fails alone with a message saying what happened and what to do."""

from __future__ import annotations

import pytest

from tests.harness.steps_fixture import CONFTEST

HANGING = """Feature: Hang
  Scenario: A page that never answers
    Given a vista_only patient
    When the page hangs

  Scenario: The next scenario still runs
    Given a mixed patient
"""


def test_the_project_sets_a_scenario_limit(pytestconfig: pytest.Config) -> None:
    assert float(pytestconfig.getini("scenario_timeout")) > 0


@pytest.mark.starts_first
def test_a_hung_scenario_is_stopped_with_a_clear_message(harness_project: pytest.Pytester) -> None:
    plugins = 'pytest_plugins = ["harness.plugin", "harness.run.timeouts"]'
    hang = '\n\n@when("the page hangs")\ndef _():\n    import threading\n    threading.Event().wait(300)\n'
    harness_project.makeconftest(CONFTEST.replace('pytest_plugins = ["harness.plugin"]', plugins) + hang)
    harness_project.makeini(
        "[pytest]\naddopts = --strict-markers -p no:cacheprovider\nscenario_timeout = 8\n"
    )
    (harness_project.path / "features" / "hang.feature").write_text(HANGING)
    result = harness_project.runpytest_subprocess("features", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*scenario timeout*",
            "features/hang.feature::A page that never answers ran longer than the per-scenario limit of 8 s*",
        ]
    )
