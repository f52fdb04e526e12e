"""What steps share within one scenario, and small helpers every step module uses.

Expectations come from the oracle (`harness.oracle`): `scenario_state.patient` is the patient as the app
received it. What a scenario assumes about that patient ("a mixed patient who messaged 2 care teams") is
a premise: against the mock, which built the patient on purpose, a premise that does not hold is an
error; against staging, where the signed-in patient is whoever it is, the scenario is skipped with a
reason that names the missing shape.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from playwright.sync_api import Page

from harness.oracle.patient import CareTeam, ObservedPatient
from harness.oracle.premises import Premise
from harness.oracle.traffic import ObservedTraffic
from harness.run.options import HarnessOptions
from pages import SecureMessagingApp
from pages.base import BasePage

if TYPE_CHECKING:
    from pytest_bdd.parser import Step


T = TypeVar("T")


class ScenarioState(dict):
    """A dict shared by one scenario's steps; the properties name the usual keys."""

    def __init__(self, traffic: ObservedTraffic, page: Page, staging: bool) -> None:
        super().__init__()
        self.traffic = traffic
        self.page = page
        self.staging = staging
        self._premises: list[Premise] = []  # not decided yet
        self.premises: list[Premise] = []  # every premise the scenario's Given steps stated

    # -- the oracle
    @property
    def patient(self) -> ObservedPatient:
        """The patient as the app received it, once its care-team list (and anything in flight) arrived."""
        self.traffic.settle(self.page, "allrecipients")
        patient = self.traffic.patient()
        self._check_premises(patient)
        return patient

    def expect(self, premise: Premise) -> None:
        """Record what the scenario assumes; it is checked as soon as the app has the data to decide."""
        self._premises.append(premise)

    def check_premises(self) -> None:
        """Check the premises whose data the app already asked for (before a Then step asserts)."""
        if self.traffic.latest("allrecipients") is not None:
            self.traffic.settle(self.page, "allrecipients")
            self._check_premises(self.traffic.patient())

    def _check_premises(self, patient: ObservedPatient) -> None:
        documents = self.traffic.documents()
        for premise in list(self._premises):
            exchange = documents.get(premise.data)
            if exchange is None or not exchange.ok:
                continue  # not decidable (not asked yet, or an injected fault): a later read decides
            self._premises.remove(premise)
            self.premise(premise.holds(patient), premise.needs, patient)

    def premise(self, holds: bool, needs: str, patient: ObservedPatient | None = None) -> None:
        """Skip in staging, fail against the mock, when the patient lacks what a step needs."""
        if holds:
            return
        has = (patient or self.traffic.patient()).describe()
        if self.staging:
            pytest.skip(f"needs {needs}; the signed-in patient has {has}")
        raise AssertionError(f"the scenario needs {needs}, but the app received {has}")

    def team_of_kind(self, kind: str) -> CareTeam:
        teams = self.patient.teams_of_kind(kind)
        self.premise(bool(teams), f"an allowed {kind} care team")
        if kind != "signature-required":  # an ordinary team, unless the scenario is about signatures
            return min(teams, key=lambda t: t.signature_required)
        return teams[0]

    # -- pages and choices
    @property
    def current(self) -> BasePage:
        if "current" not in self:
            raise AssertionError("no page yet: open the app first")
        return self["current"]

    @current.setter
    def current(self, page_object: BasePage) -> None:
        self["current"] = page_object

    @property
    def team(self) -> CareTeam:
        if "team" not in self:
            raise AssertionError("no care team chosen yet")
        return self["team"]


@pytest.fixture
def scenario_state(observed: ObservedTraffic, page: Page, harness_options: HarnessOptions) -> ScenarioState:
    return ScenarioState(observed, page, harness_options.staging)


@pytest.fixture
def app(page: Page, base_url: str, scenario_state: ScenarioState) -> SecureMessagingApp:
    # Through scenario_state, so the oracle listens before the app makes its first request.
    return SecureMessagingApp(page, base_url)


def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Step) -> None:
    """Before a Then step asserts, settle the scenario's premises (a staging skip beats a false failure)."""
    if step.type == "then" and "scenario_state" in request.fixturenames:
        request.getfixturevalue("scenario_state").check_premises()


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
