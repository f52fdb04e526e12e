"""The seed sweep keeps why a scenario failed: the run's output is gone once the sweep ends."""

from __future__ import annotations

from harness.selfcheck.seed_sweep import failure_lines

OUTPUT = """..F.                                                                     [100%]
=========================== short test summary info ============================
FAILED features/attachments.feature::Large files - AssertionError: expected 1 file
ERROR features/drafts.feature::A draft - RuntimeError: mock server did not start
1 failed, 2 passed, 1 error in 12.00s
"""


def test_the_failures_short_summary_lines_are_kept() -> None:
    assert failure_lines(OUTPUT) == [
        "FAILED features/attachments.feature::Large files - AssertionError: expected 1 file",
        "ERROR features/drafts.feature::A draft - RuntimeError: mock server did not start",
    ]


def test_a_clean_run_keeps_nothing() -> None:
    assert failure_lines("....\n4 passed in 3.00s\n") == []
