"""One hung page must not eat a CI job: a per-scenario time limit (pytest-timeout) with a clear message.

The limit is `timeout` in pyproject.toml (seconds; `--timeout N` overrides it, 0 switches it off). When it
fires, pytest-timeout fails the test from a signal; this adds a section saying what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

PYTEST_TIMEOUT_MARK = "Timeout (>"  # how pytest-timeout's failure text starts


def limit_seconds(item: pytest.Item) -> float | None:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    value = item.config.getoption("timeout", default=None) or item.config.getini("timeout")
    return float(value) if value else None


def explanation(item: pytest.Item) -> str:
    limit = limit_seconds(item)
    what = f"the per-scenario limit of {limit:g} s" if limit else "the per-scenario limit"
    return (
        f"{item.nodeid} ran longer than {what} and was stopped. Usually a page never reached the state a "
        "step waits for (a hung request, a spinner that never ends); the step it was on, the trace and "
        "the screenshot are in this report. The limit is `timeout` in pyproject.toml; rerun with "
        "`--timeout N` for a longer one, or `--timeout 0` while debugging."
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Generator[None, Any, Any]:
    report = yield
    if report.failed and PYTEST_TIMEOUT_MARK in (report.longreprtext or ""):
        report.sections.append(("scenario timeout", explanation(item)))
    return report
