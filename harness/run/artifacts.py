"""Failure artifacts without the cost a passing scenario throws away (a pytest plugin; see the class)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext
from pytest_playwright.pytest_playwright import ArtifactsRecorder


class LeanArtifactsRecorder(ArtifactsRecorder):
    """pytest-playwright's recorder, minus the work a passing scenario throws away.

    With `--tracing retain-on-failure --screenshot only-on-failure` (our defaults) pytest-playwright traces
    with a screencast, then at every context close writes the trace zip and takes a screenshot, and
    deletes both when the test passed. Here the trace keeps actions, network, console and sources,
    without the screencast or DOM snapshots (recording snapshots of the VA components' shadow DOM on every
    action was about a sixth of the suite's time; `--tracing on` records both), and a context that closes
    after a passed call just stops tracing. A failing scenario keeps its trace.zip and screenshot as before.
    """

    def on_did_create_browser_context(self, context: BrowserContext) -> None:
        if self._tracing_option != "retain-on-failure" or not self._capture_trace:
            super().on_did_create_browser_context(context)
            return
        self._capture_trace = False  # the parent registers the pages; the trace starts here
        try:
            super().on_did_create_browser_context(context)
        finally:
            self._capture_trace = True
        context.tracing.start(
            title=self._request.node.nodeid, screenshots=False, snapshots=False, sources=True
        )

    def on_will_close_browser_context(self, context: BrowserContext) -> None:
        call = getattr(self._request.node, "rep_call", None)
        keep_anyway = self._tracing_option == "on" or self._pytestconfig.getoption("--screenshot") == "on"
        if call is None or call.failed or keep_anyway:
            super().on_will_close_browser_context(context)  # failed, or closed mid-test: keep everything
            return
        context.tracing.stop()


@pytest.fixture
def _artifacts_recorder(_artifacts_recorder: ArtifactsRecorder) -> ArtifactsRecorder:
    """pytest-playwright's own fixture (its teardown keeps or drops the artifacts), made lean."""
    _artifacts_recorder.__class__ = LeanArtifactsRecorder
    return _artifacts_recorder
