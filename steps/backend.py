"""Toggles, patient profiles and faults: the only way steps change the backend (the mock control plane).

A feature's or scenario's toggle tags (@curated_on/@curated_off, @recent_on/@recent_off) set the toggles
when the patient is created, so the tags a feature is filtered by are also the state it runs in; an
explicit toggle step still wins because it runs afterwards.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers

from harness.oracle import SHAPES
from harness.tags import TOGGLE_TAGS
from mocks.api.toggles import CURATED_LIST_FLOW, RECENT_RECIPIENTS
from mocks.client import Session as MockSession
from steps.state import Premise, ScenarioState, record_evidence

CURATED, RECENT = CURATED_LIST_FLOW, RECENT_RECIPIENTS

# Gherkin fault words -> mock fault arguments (endpoint names from CONTRACTS.md §3)
_FAULTS: dict[str, dict[str, Any]] = {
    "a server error": {"status": 500},
    "status 500": {"status": 500},
    "a gateway timeout": {"status": 504},
    "status 504": {"status": 504},
    "SM119": {"code": "SM119"},
    "SM151": {"code": "SM151"},
    "SM98": {"code": "SM98"},
}


def _on_off(state: str) -> str:
    value = state.strip().lower()
    if value not in ("on", "off"):
        raise ValueError(f"toggle state must be 'on' or 'off', got {state!r}")
    return value


def _set_or_expect(
    request: pytest.FixtureRequest, scenario_state: ScenarioState, toggle: str, state: str
) -> None:
    """On the mock, set the toggle; against staging, where toggles are live, expect it (or skip)."""
    value = _on_off(state)
    if scenario_state.staging:
        wanted = value == "on"
        scenario_state.expect(Premise(
            f"{toggle} {value}", lambda p: p.toggle(toggle) == wanted, data="feature_toggles"
        ))
    else:
        request.getfixturevalue("mock_session").set_toggle(toggle, value)


def _apply_tag_toggles(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    for marker_name, (toggle, state) in TOGGLE_TAGS.items():
        if request.node.get_closest_marker(marker_name) is not None:
            _set_or_expect(request, scenario_state, toggle, state)


def recent_premise(count: int, staging: bool) -> Premise:
    """The flow branches on having recent care teams or not; steps that name a count check it themselves.

    Against the mock the count is exact (the mock built it so); against staging, whoever is signed in
    qualifies when they have recent care teams exactly when the scenario's patient has.
    """
    if count == 0:
        return Premise("a patient with no recently messaged care teams", lambda p: not p.recent_candidates,
                       data="sent_search")
    if staging:
        return Premise("a patient with recently messaged care teams", lambda p: bool(p.recent_candidates),
                       data="sent_search")
    return Premise(
        f"a patient who messaged {count} care team{'s' * (count > 1)} in the last 6 months",
        lambda p: len(p.recent_candidates) == count,
        data="sent_search",
    )


def _use_profile(
    request: pytest.FixtureRequest, scenario_state: ScenarioState, profile: str, recent: int | None
) -> None:
    if profile not in SHAPES:
        raise ValueError(f"unknown patient profile {profile!r}; known: {', '.join(SHAPES)}")
    shape = SHAPES[profile]
    scenario_state.expect(Premise(f"a {profile} patient ({shape.words})", shape.holds))
    if recent is not None:
        scenario_state.expect(recent_premise(recent, scenario_state.staging))
    scenario_state["profile"] = profile
    if scenario_state.staging:
        _apply_tag_toggles(request, scenario_state)
        return
    session = request.getfixturevalue("mock_session")
    session.set_profile(profile, recent_teams=recent)
    _apply_tag_toggles(request, scenario_state)  # after the profile: a rebuild re-applies fixture toggles
    evidence = record_evidence(request)
    if evidence is not None:
        evidence.set_context(profile=profile, toggles=session.toggles(), seed=session.patient()["seed"])


@given(parsers.re(r"^an? (?P<profile>[a-z_]+) patient$"))
def a_patient(request: pytest.FixtureRequest, scenario_state: ScenarioState, profile: str) -> None:
    _use_profile(request, scenario_state, profile, None)


@given(
    parsers.re(
        r"^an? (?P<profile>[a-z_]+) patient who messaged (?P<count>\d+) care teams? in the last 6 months$"
    )
)
def a_patient_with_recent(
    request: pytest.FixtureRequest, scenario_state: ScenarioState, profile: str, count: str
) -> None:
    _use_profile(request, scenario_state, profile, int(count))


@given("a signed-in patient with care teams")
def a_signed_in_patient(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    """Whoever is signed in, as long as they can message someone; on the mock, a `mixed` patient."""
    scenario_state.expect(Premise("allowed care teams", lambda p: p.can_message))
    if scenario_state.staging:
        _apply_tag_toggles(request, scenario_state)
        return
    _use_profile(request, scenario_state, "mixed", None)


@given("a patient with a care team for test messages")
def a_patient_with_test_team(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    """Staging: the signed-in patient and --test-care-team, the only team writes may go to. Mock: mixed."""
    options = request.getfixturevalue("harness_options")
    if scenario_state.staging:
        scenario_state["test_care_team"] = options.test_care_team
        _apply_tag_toggles(request, scenario_state)
        return
    _use_profile(request, scenario_state, "mixed", None)


@given(parsers.re(r"^the recent recipients toggle is (?P<state>on|off)$"))
def recent_toggle(request: pytest.FixtureRequest, scenario_state: ScenarioState, state: str) -> None:
    _set_or_expect(request, scenario_state, RECENT, state)


@given(parsers.parse("the curated list flow is {curated} and the recent recipients toggle is {recent}"))
def both_toggles(
    request: pytest.FixtureRequest, scenario_state: ScenarioState, curated: str, recent: str
) -> None:
    _set_or_expect(request, scenario_state, CURATED, curated)
    _set_or_expect(request, scenario_state, RECENT, recent)


def _fault(kind: str) -> dict[str, Any]:
    if kind not in _FAULTS:
        raise ValueError(f"unknown fault {kind!r}; known: {', '.join(_FAULTS)}")
    return _FAULTS[kind]


@given(parsers.parse("sending a message fails with {kind}"))
def send_fails(mock_session: MockSession, scenario_state: ScenarioState, kind: str) -> None:
    mock_session.add_fault("send", **_fault(kind))
    scenario_state["send_fault"] = kind


@given("the network is slow when sending")
def slow_send(mock_session: MockSession) -> None:
    mock_session.add_fault("send", latency_ms=1500)


@given("saving a draft fails")
def draft_save_fails(mock_session: MockSession) -> None:
    mock_session.add_fault("draft_create", status=500)
    mock_session.add_fault("draft_update", status=500)


@given("loading the care teams fails")
def recipients_fail(mock_session: MockSession) -> None:
    mock_session.add_fault("allrecipients", status=500)


@given("the search for recently messaged care teams fails")
def sent_search_fails(mock_session: MockSession, scenario_state: ScenarioState) -> None:
    mock_session.add_fault("sent_search", status=500)
    scenario_state["sent_search_fails"] = True


@given("saving the contact list fails")
def contact_list_save_fails(mock_session: MockSession) -> None:
    mock_session.add_fault("contact_list_save", status=500)


@given("time in the browser is controlled")
def controlled_clock(page: Page) -> None:
    # Installed before the app loads so the compose form's 10-second autosave timer is fake.
    page.clock.install()
