"""What steps share within one scenario, and small helpers every step module uses."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Page

from pages import SecureMessagingApp
from pages.base import BasePage

T = TypeVar("T")


class ScenarioState(dict):
    """A plain dict shared by one scenario's steps; the properties name the usual keys."""

    @property
    def patient(self) -> dict[str, Any]:
        if "patient" not in self:
            raise AssertionError("no patient yet: start the scenario with a 'Given a ... patient' step")
        return self["patient"]

    @property
    def current(self) -> BasePage:
        if "current" not in self:
            raise AssertionError("no page yet: open the app first")
        return self["current"]

    @current.setter
    def current(self, page_object: BasePage) -> None:
        self["current"] = page_object

    @property
    def recent_expected(self) -> bool:
        """Whether the interstitial should lead to recent care teams (the sent search finds some)."""
        patient = self.get("patient")
        return bool(patient and patient["recentCareTeams"]) and not self.get("sent_search_fails")

    @property
    def team(self) -> dict[str, Any]:
        if "team" not in self:
            raise AssertionError("no care team chosen yet")
        return self["team"]


@pytest.fixture
def scenario_state() -> ScenarioState:
    return ScenarioState()


@pytest.fixture
def app(page: Page, base_url: str) -> SecureMessagingApp:
    return SecureMessagingApp(page, base_url)


def wait_until(page: Page, probe: Callable[[], T | None], what: str, timeout_s: float = 5.0) -> T:
    """Poll `probe` (a mock query, e.g. the journal) until it returns something truthy.

    For facts that live outside the page (the mock's journal and RUM store), where Playwright's
    auto-waiting cannot look. Playwright's wait keeps its event loop running between polls.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s}s waiting for {what}")
        page.wait_for_timeout(50)


def record_evidence(request: pytest.FixtureRequest) -> Any | None:
    """The evidence recorder when the run has one (it is optional for steps)."""
    try:
        return request.getfixturevalue("evidence")
    except pytest.FixtureLookupError:
        return None
