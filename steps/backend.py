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

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS
from harness.gherkin.tags import TOGGLE_TAGS
from harness.oracle import premises, profile_choice
from harness.oracle.premises import Premise
from mocks.client import Session as MockSession
from steps.state import ScenarioState, record_evidence

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
        scenario_state.expect(premises.toggle_premise(toggle, wanted))
    else:
        request.getfixturevalue("mock_session").set_toggle(toggle, value)


def _apply_tag_toggles(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    for marker_name, (toggle, state) in TOGGLE_TAGS.items():
        if request.node.get_closest_marker(marker_name) is not None:
            _set_or_expect(request, scenario_state, toggle, state)


def _use_premises(
    request: pytest.FixtureRequest,
    scenario_state: ScenarioState,
    premises: list[Premise],
    profile: str | None = None,
) -> None:
    """What the scenario needs of the patient: checked on what the app receives (staging skips, the mock
    fails); against the mock, a patient is built that has it: `profile` when the step names one (its
    shape is the subject), else any profile that meets the premises, chosen by the scenario's seed."""
    for premise in premises:
        scenario_state.expect(premise)
    scenario_state.premises.extend(premises)
    if scenario_state.staging:  # the staging pool recorded the premises when it chose the user
        _apply_tag_toggles(request, scenario_state)
        return
    session: MockSession = request.getfixturevalue("mock_session")
    seed: int = request.getfixturevalue("scenario_seed")
    choice = profile_choice.choose(session, premises, seed, profiles=(profile,) if profile else ())
    session.clear_journal()  # the choice read the patient as the app does: the scenario's journal starts here
    _apply_tag_toggles(request, scenario_state)  # after the profile: a rebuild re-applies fixture toggles
    evidence = record_evidence(request)
    if evidence is not None:  # premises add up over the Given steps
        evidence.set_context(
            profile=choice.profile,
            toggles=session.toggles(),
            seed=session.patient()["seed"],
            premises=[p.needs for p in premises],
        )


@given(parsers.re(premises.PATIENT_STEP.pattern))
def a_patient_with(request: pytest.FixtureRequest, scenario_state: ScenarioState, words: str) -> None:
    """ "a patient with a VistA care team who messaged 2 care teams in the last 6 months": the least the
    scenario needs (harness/oracle/premises.py lists the clauses)."""
    _use_premises(request, scenario_state, premises.parse_patient(words))


@given(parsers.re(premises.PROFILE_STEP.pattern))
def a_profile_patient(
    request: pytest.FixtureRequest, scenario_state: ScenarioState, profile: str, count: str | None
) -> None:
    """ "an all_blocked patient": where the profile's shape is the scenario's subject."""
    _use_premises(request, scenario_state, premises.profile_premises(profile, count), profile=profile)


@given(premises.TEST_TEAM_STEP)
def a_patient_with_test_team(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    """Staging: the signed-in patient and --test-care-team, the only team writes may go to."""
    if scenario_state.staging:
        scenario_state.test_care_team = request.getfixturevalue("harness_options").test_care_team
    _use_premises(request, scenario_state, premises.premises_of_step(premises.TEST_TEAM_STEP))


@given(parsers.re(premises.RECENT_TOGGLE_STEP.pattern))
def recent_toggle(request: pytest.FixtureRequest, scenario_state: ScenarioState, state: str) -> None:
    _set_or_expect(request, scenario_state, RECENT_RECIPIENTS, state)


@given(parsers.re(premises.BOTH_TOGGLES_STEP.pattern))
def both_toggles(
    request: pytest.FixtureRequest, scenario_state: ScenarioState, curated: str, recent: str
) -> None:
    _set_or_expect(request, scenario_state, CURATED_LIST_FLOW, curated)
    _set_or_expect(request, scenario_state, RECENT_RECIPIENTS, recent)


def _fault(kind: str) -> dict[str, Any]:
    if kind not in _FAULTS:
        raise ValueError(f"unknown fault {kind!r}; known: {', '.join(_FAULTS)}")
    return _FAULTS[kind]


@given(parsers.parse("sending a message fails with {kind}"))
def send_fails(mock_session: MockSession, kind: str) -> None:
    mock_session.add_fault("send", **_fault(kind))


@given(parsers.parse("sending a message fails once with {kind}"))
def send_fails_once(mock_session: MockSession, kind: str) -> None:
    """The fault answers the next send only (`times=1`); the one after reaches the care team."""
    mock_session.add_fault("send", times=1, **_fault(kind))


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
def sent_search_fails(mock_session: MockSession) -> None:
    mock_session.add_fault("sent_search", status=500)


@given("saving the contact list fails")
def contact_list_save_fails(mock_session: MockSession) -> None:
    mock_session.add_fault("contact_list_save", status=500)


@given("time in the browser is controlled")
def controlled_clock(page: Page) -> None:
    # Installed before the app loads so the compose form's 10-second autosave timer is fake.
    page.clock.install()
