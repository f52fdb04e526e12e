"""Where the saved axe results live: `--a11y-results DIR` (default `reports/accessibility/` under the
rootdir), one folder per scenario.

Not under pytest-playwright's `--output` (test-results/): that plugin empties it as each xdist worker
starts, taking with it the results a faster worker has already saved. This folder is emptied once per
run, by the process that runs the session (the xdist controller, or pytest itself without workers), before
any worker starts, so a run leaves exactly its own results. A session that runs nothing (`--collect-only`)
leaves the last run's results alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness.run.options import options_of

RESULTS_DIR = Path("reports") / "accessibility"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("accessibility").addoption(
        "--a11y-results",
        default=None,
        metavar="DIR",
        help=f"Folder for the saved axe results, emptied as a run starts (default: {RESULTS_DIR}/).",
    )


def results_dir(config: pytest.Config) -> Path:
    return options_of(config).a11y_results or config.rootpath / RESULTS_DIR


def pytest_sessionstart(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller has cleared the folder for this run
    if session.config.option.collectonly:
        return  # nothing runs, so the last run's results stay
    shutil.rmtree(results_dir(session.config), ignore_errors=True)
