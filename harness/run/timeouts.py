"""One hung page must not eat a CI job: a per-scenario time limit (pytest-timeout) with a clear message.

Every scenario collected from a .feature file gets pytest-timeout's `timeout` marker with the seconds of
`scenario_timeout` in pyproject.toml, unless it has its own marker. The project's own tests under tests/
keep their own limits (several run whole sub-suites). `--timeout N` on the command line applies N to
every test instead (`--timeout 0` switches limits off while debugging). When a limit fires,
pytest-timeout fails the test from a signal; this adds a section saying what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from harness.run.options import options_of

SCENARIO_TIMEOUT_INI = "scenario_timeout"
DEFAULT_SCENARIO_TIMEOUT = "180"
PYTEST_TIMEOUT_MARK = "Timeout (>"  # how pytest-timeout's failure text starts


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        SCENARIO_TIMEOUT_INI,
        f"Seconds a .feature scenario may run before it fails (default {DEFAULT_SCENARIO_TIMEOUT}; 0: none).",
        default=DEFAULT_SCENARIO_TIMEOUT,
    )


def scenario_limit(config: pytest.Config) -> float:
    return options_of(config).scenario_timeout


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("timeout", default=None) is not None:
        return  # an explicit --timeout wins for every test
    limit = scenario_limit(config)
    if not limit:
        return
    for item in items:
        if item.path.suffix == ".feature" and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(limit))


def limit_seconds(item: pytest.Item) -> float | None:
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    value = item.config.getoption("timeout", default=None) or item.config.getini("timeout")
    return float(value) if value else None


def explanation(item: pytest.Item) -> str:
    limit = limit_seconds(item)
    what = f"the per-scenario limit of {limit:g} s" if limit else "its time limit"
    return (
        f"{item.nodeid} ran longer than {what} and was stopped. Usually a page never reached the state a "
        "step waits for (a hung request, a spinner that never ends); the step it was on, the trace and "
        f"the screenshot are in this report. The limit is `{SCENARIO_TIMEOUT_INI}` in pyproject.toml; "
        "rerun with `--timeout N` for another one, or `--timeout 0` while debugging."
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Generator[None, Any, Any]:
    report = yield
    if report.failed and PYTEST_TIMEOUT_MARK in (report.longreprtext or ""):
        report.sections.append(("scenario timeout", explanation(item)))
    return report
