"""A keyboard-only journey: every control reached with Tab and worked with Enter, Space, arrows, typing."""

from __future__ import annotations

from faker import Faker
from pytest_bdd import then, when

from pages import (
    FolderPage,
    RecentCareTeamsPage,
    SecureMessagingApp,
    SelectCareTeamPage,
    StartMessagePage,
)
from pages.start_message import CATEGORY_CODES
from steps.care_teams import recent_expected, system_name
from steps.compose import _subject
from steps.state import ScenarioState


@when("they open their inbox")
@when("they open the inbox")
def open_inbox(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_inbox()


@when("using only the keyboard they start a new message and continue")
def kb_start(scenario_state: ScenarioState) -> None:
    interstitial = scenario_state.on(FolderPage).start_new_message_with_keyboard()
    scenario_state.current = interstitial.continue_with_keyboard(recent_expected(scenario_state))


@when("using only the keyboard they choose their most recent care team and continue")
def kb_recent(scenario_state: ScenarioState) -> None:
    recent = scenario_state.on(RecentCareTeamsPage)
    team = scenario_state.patient.recent_teams[0]
    recent.choose_care_team_with_keyboard(team.display_name)
    scenario_state.team, scenario_state.chosen_on = team, "recent"
    scenario_state.current = recent.continue_with_keyboard()


@when("using only the keyboard they choose a VistA care team at another care system and continue")
def kb_select(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    vista = sorted(patient.teams_of_kind("VistA"), key=lambda t: t.signature_required)  # unsigned first
    scenario_state.premise(bool(vista), "an allowed VistA care team")
    first_system = patient.care_systems[0].vha_id
    team = next((t for t in vista if t.station != first_system), vista[0])
    if select.care_system_chooser() == "radio":
        select.choose_care_system_with_keyboard(system_name(scenario_state, team))
    select.choose_care_team_with_keyboard(team.display_name)
    scenario_state.team, scenario_state.chosen_on = team, "select"
    scenario_state.current = select.continue_with_keyboard()


def _write_with_keyboard(scenario_state: ScenarioState, faker: Faker) -> StartMessagePage:
    form = scenario_state.on(StartMessagePage)
    subject, body = _subject(faker), faker.sentence(nb_words=12)
    form.write_with_keyboard("General", subject, body)
    # Typing goes where the caret lands in the body: ComposeForm moves it to the start on focus, so the
    # signature the app pre-filled, if any, stays below the message (mocks/web/FIDELITY.md R2B11).
    prefill = scenario_state.patient.signature.body_prefill
    scenario_state.category = CATEGORY_CODES["General"]
    scenario_state.subject, scenario_state.body = subject, body + prefill
    return form


@when("using only the keyboard they write and send a message")
def kb_write_send(scenario_state: ScenarioState, faker: Faker) -> None:
    _write_with_keyboard(scenario_state, faker).send_with_keyboard()


@when("using only the keyboard they reach start message with one of their care teams")
def kb_reach_start(scenario_state: ScenarioState) -> None:
    """From recent care teams (their most recent team) or select care team (their first allowed team)."""
    if isinstance(scenario_state.current, RecentCareTeamsPage):
        kb_recent(scenario_state)
        return
    select = scenario_state.on(SelectCareTeamPage)
    team = scenario_state.team_of_kind("any")
    if select.care_system_chooser() == "radio":
        select.choose_care_system_with_keyboard(system_name(scenario_state, team))
    select.choose_care_team_with_keyboard(team.display_name)
    scenario_state.team, scenario_state.chosen_on = team, "select"
    scenario_state.current = select.continue_with_keyboard()


@when("using only the keyboard they write a message and move to Send")
def kb_write_to_send(scenario_state: ScenarioState, faker: Faker) -> None:
    _write_with_keyboard(scenario_state, faker).tab_to_send()


@then("the Send button has keyboard focus")
def send_focused(scenario_state: ScenarioState) -> None:
    assert scenario_state.on(StartMessagePage).send_has_keyboard_focus(), "keyboard focus is not on Send"
