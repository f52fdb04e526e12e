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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import pytest
from playwright.sync_api import Page

from harness.accessibility.results import A11yResult
from harness.evidence.recorder import ScenarioEvidence
from harness.oracle.patient import CareTeam, ObservedPatient
from harness.oracle.premises import Premise
from harness.oracle.traffic import ObservedTraffic
from harness.rollout.stages import Flow
from harness.run.options import HarnessOptions
from pages import SecureMessagingApp
from pages.base import BasePage

if TYPE_CHECKING:
    from pytest_bdd.parser import Step


T = TypeVar("T")
P = TypeVar("P", bound=BasePage)

ChosenOn = Literal["recent", "select", "legacy"]


@dataclass
class FollowedLink:
    """A link the scenario followed: the page it was on, its accessible name, where it pointed and led."""

    source: str
    name: str
    href: str | None
    final_url: str | None = None  # set once a step checked where the link led


@dataclass(eq=False)  # one shared, mutable object per scenario: compared by identity
class ScenarioState:
    """What one scenario's steps share: the oracle, the page the patient is on, and what they did."""

    traffic: ObservedTraffic
    page: Page
    staging: bool
    premises: list[Premise] = field(default_factory=list)
    """Every premise the scenario's Given steps stated."""
    _premises: list[Premise] = field(default_factory=list, init=False, repr=False)
    """The premises not decided yet."""
    _current: BasePage | None = field(default=None, init=False, repr=False)
    _team: CareTeam | None = field(default=None, init=False, repr=False)

    # -- choices on the way to start message
    chosen_on: ChosenOn | None = None
    """The page the care team was chosen on (the start message title depends on it)."""
    care_system: str | None = None
    """The care system (station) chosen on select care team, or the one whose care teams are checked."""
    test_care_team: str | None = None
    """Staging's --test-care-team (id or name): the only care team writes may go to."""
    removed_team: CareTeam | None = None
    """The care team removed from the contact list."""
    hint_dismissed: bool = False
    """Whether the patient stopped showing the care-team hint."""

    # -- the message
    category: str | None = None
    """The category code of the message written (CATEGORY_CODES)."""
    subject: str | None = None
    """The subject written."""
    body: str | None = None
    """The message body written (with the signature the app pre-filled, when typed before it)."""
    typed_subject: str | None = None
    """A subject typed past the length limit, as typed."""
    signed_as: str | None = None
    """The full name the message was signed with electronically."""
    error_seen: str | None = None
    """The error text a step saw on the compose form."""
    draft_id: int | None = None
    """The id the app's draft save was answered with."""
    draft_saves_counted: int = 0
    """The app's draft saves (create and update) already accounted for by an earlier step."""
    attached: list[tuple[str, int]] = field(default_factory=list)
    """The files attached, as (name, size in bytes), in order."""
    refused: tuple[str, int] | None = None
    """The file attached past the total size limit, as (name, size in bytes)."""

    # -- RUM and tracked links
    link: FollowedLink | None = None
    """The link the scenario followed last."""
    rum_clicked: list[str] = field(default_factory=list)
    """The names of the clicks the scenario asserted RUM recorded."""
    systems_chosen: int = 0
    """How many care systems the patient chose in turn."""
    rum_configs: list[dict[str, Any]] = field(default_factory=list)
    """RUM's init configuration on each page of the new flow: {page, url, h1, config}."""

    # -- rollout
    rollout_sample: list[tuple[str, Flow, Flow]] = field(default_factory=list)
    """The cohort sample's flows: (patient's actor id, the flow expected, the flow seen)."""
    saved_draft: dict[str, Any] | None = None
    """The draft saved on the curated list flow before the rollback, as the mock stores it."""
    live_flow: Flow | None = None
    """The flow the signed-in patient's live toggles give."""
    a11y_scans: list[A11yResult] = field(default_factory=list)
    """Accessibility scans taken on the way (checked by a later step)."""

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
        """The page object of the page the patient is on."""
        if self._current is None:
            raise AssertionError("no page yet: open the app first")
        return self._current

    @current.setter
    def current(self, page_object: BasePage) -> None:
        self._current = page_object

    def on(self, page_class: type[P], why: str = "") -> P:
        """The current page object, asserted to be a `page_class` page (`why`: what says it should be)."""
        current = self.current
        if not isinstance(current, page_class):
            because = f" ({why})" if why else ""
            raise AssertionError(
                f"expected the {page_class.__name__} page{because}, the scenario is on "
                f"{type(current).__name__} at {self.page.url}"
            )
        return current

    @property
    def team(self) -> CareTeam:
        """The care team the patient chose."""
        if self._team is None:
            raise AssertionError("no care team chosen yet")
        return self._team

    @team.setter
    def team(self, team: CareTeam) -> None:
        self._team = team


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


def required(value: T | None, what: str) -> T:
    """`value`, which an earlier step of the scenario sets: fails naming `what` when none did."""
    if value is None:
        raise AssertionError(f"no {what} yet: an earlier step of the scenario sets it")
    return value


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


def record_evidence(request: pytest.FixtureRequest) -> ScenarioEvidence | None:
    """The evidence recorder when the run has one (it is optional for steps)."""
    try:
        evidence: ScenarioEvidence = request.getfixturevalue("evidence")
    except pytest.FixtureLookupError:
        return None
    return evidence
