"""Where the saved axe results live: `reports/accessibility/` under the rootdir, one folder per scenario.

Not under pytest-playwright's `--output` (test-results/): that plugin empties it as each xdist worker
starts, taking with it the results a faster worker has already saved. This folder is emptied once per
run, by the process that runs the session (the xdist controller, or pytest itself without workers), before
any worker starts, so a run leaves exactly its own results.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

RESULTS_DIR = Path("reports") / "accessibility"


def results_dir(config: pytest.Config) -> Path:
    return config.rootpath / RESULTS_DIR


def pytest_sessionstart(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller has cleared the folder for this run
    shutil.rmtree(results_dir(session.config), ignore_errors=True)
