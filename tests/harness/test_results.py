"""harness.run.results reads pytest-reportlog's file back: one outcome, duration and skip reason per
node id."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.run.results import read_cases

SUITE = """
import pytest

@pytest.fixture
def broken_teardown():
    yield
    raise RuntimeError("teardown")

def test_passes():
    pass

def test_fails():
    assert False

@pytest.mark.skip(reason="not here")
def test_skipped():
    pass

def test_teardown_fails(broken_teardown):
    pass

@pytest.mark.parametrize("row", ["a/b", "c.d"])
def test_rows(row):
    assert row != "c.d"
"""


def test_outcomes_and_node_ids_come_back_exactly(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_sample=SUITE)
    log = pytester.path / "log.jsonl"
    pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider", "--report-log", str(log))
    cases = {case.name: case for case in read_cases(log)}
    assert {name: case.outcome for name, case in cases.items()} == {
        "test_sample.py::test_passes": "passed",
        "test_sample.py::test_fails": "failed",
        "test_sample.py::test_skipped": "skipped",
        "test_sample.py::test_teardown_fails": "failed",
        "test_sample.py::test_rows[a/b]": "passed",
        "test_sample.py::test_rows[c.d]": "failed",
    }
    assert all(case.seconds >= 0 for case in cases.values())
    assert cases["test_sample.py::test_skipped"].reason == "Skipped: not here"
    assert {case.reason for name, case in cases.items() if not name.endswith("skipped")} == {""}


def test_a_missing_log_reads_as_no_results(tmp_path: Path) -> None:
    assert read_cases(tmp_path / "none.jsonl") == []
