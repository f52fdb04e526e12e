"""The per-scenario limit: a hung test fails alone with a message saying what happened and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_project_sets_a_limit(pytestconfig: pytest.Config) -> None:
    assert float(pytestconfig.getini("timeout")) > 0


def test_a_hung_test_is_stopped_with_a_clear_message(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider -p harness.timeouts\ntimeout = 1\n")
    pytester.makepyfile(
        test_hang="""
        import threading

        def test_hangs():
            threading.Event().wait(60)

        def test_next_one_still_runs():
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*scenario timeout*",
            "test_hang.py::test_hangs ran longer than the per-scenario limit of 1 s and was stopped.*",
        ]
    )
