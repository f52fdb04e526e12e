"""Failure artifacts without the cost a passing scenario throws away, through Playwright's public tracing API.

pytest-playwright's own recorder, with `--tracing retain-on-failure --screenshot only-on-failure` (our
defaults), traces with a screencast and DOM snapshots, then at every context close writes the trace zip
and takes screenshots, and deletes both when the test passed. Recording snapshots of the VA components'
shadow DOM on every action was about a sixth of the suite's time. So this plugin acts on those two
options itself (they keep their meaning and names) and turns pytest-playwright's handling of them off:
- `retain-on-failure`: the trace keeps actions, network, console and sources, no screencast or DOM
  snapshots; a scenario that passed just stops tracing; `on` records everything and keeps it;
- `only-on-failure` / `on`: a full-page screenshot of every open page.
Artifacts go where pytest-playwright puts them (its `output_path` fixture, under `--output`) and are named
in the teardown report's user properties (`playwright_trace`, `playwright_screenshot`) as it names them.
Video stays pytest-playwright's. In staging both are off (harness/run/options.py): they record cookies.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from harness.run.options import options_of

_CALL = pytest.StashKey[pytest.TestReport]()


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    options_of(config)  # the choices are read (HarnessOptions.tracing/screenshot) before they are handed over
    for name in ("tracing", "screenshot"):
        if hasattr(config.option, name):
            setattr(config.option, name, "off")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL] = report
    return report


def _failed(node: pytest.Item) -> bool:
    """Failed, or the context closes before the call ended (setup failed, interrupted): keep everything."""
    call = node.stash.get(_CALL, None)
    return call is None or call.failed


@contextmanager
def kept_on_failure(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[None]:
    """Trace the context and, if the scenario fails, keep the trace and a screenshot of each open page."""
    options = options_of(request.config)
    tracing, screenshot = options.tracing, options.screenshot
    if tracing in ("on", "retain-on-failure"):
        everything = tracing == "on"
        context.tracing.start(
            title=request.node.nodeid, screenshots=everything, snapshots=everything, sources=True
        )
    yield
    keep = _failed(request.node)
    folder = Path(request.getfixturevalue("output_path"))
    if screenshot == "on" or (screenshot == "only-on-failure" and keep):
        for index, page in enumerate(p for p in context.pages if not p.is_closed()):
            path = folder / f"test-{'failed' if keep else 'finished'}-{index + 1}.png"
            try:
                page.screenshot(path=str(path), timeout=5_000, full_page=options.full_page_screenshot)
            except Exception:  # a page mid-navigation or crashed: the trace still shows it
                continue
            _name(request, "screenshot", path)
    if tracing == "on" or (tracing == "retain-on-failure" and keep):
        path = folder / "trace.zip"
        context.tracing.stop(path=str(path))
        _name(request, "trace", path)
    elif tracing == "retain-on-failure":
        context.tracing.stop()


def _name(request: pytest.FixtureRequest, kind: str, path: Path) -> None:
    """As pytest-playwright names its artifacts: relative to where pytest was started, when below it."""
    start = Path(request.config.invocation_params.dir)
    shown = os.path.relpath(path, start) if path.is_relative_to(start) else str(path)
    request.node.user_properties.append((f"playwright_{kind}", shown))
