"""A keyboard-only journey: every control reached with Tab and worked with Enter, Space, arrows, typing."""

from __future__ import annotations

from faker import Faker
from pytest_bdd import when

from pages import (
    FolderPage,
    InterstitialPage,
    RecentCareTeamsPage,
    SecureMessagingApp,
    SelectCareTeamPage,
    StartMessagePage,
)
from steps.care_teams import pick_team, team_name
from steps.compose import CATEGORIES, _subject
from steps.state import ScenarioState


@when("they open their inbox")
def open_inbox(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_inbox()


@when("using only the keyboard they start a new message and continue")
def kb_start(scenario_state: ScenarioState) -> None:
    inbox = scenario_state.current
    assert isinstance(inbox, FolderPage)
    interstitial = inbox.start_new_message_with_keyboard()
    assert isinstance(interstitial, InterstitialPage)
    scenario_state.current = interstitial.continue_with_keyboard(scenario_state.recent_expected)


@when("using only the keyboard they choose their most recent care team and continue")
def kb_recent(scenario_state: ScenarioState) -> None:
    recent = scenario_state.current
    assert isinstance(recent, RecentCareTeamsPage), f"not on recent care teams: {type(recent).__name__}"
    team = scenario_state.patient["recentCareTeams"][0]
    recent.choose_care_team_with_keyboard(team_name(team))
    scenario_state["team"] = team
    scenario_state.current = recent.continue_with_keyboard()


@when("using only the keyboard they choose a VistA care team at another care system and continue")
def kb_select(scenario_state: ScenarioState) -> None:
    select = scenario_state.current
    assert isinstance(select, SelectCareTeamPage), f"not on select care team: {type(select).__name__}"
    patient = scenario_state.patient
    first_system = patient["allowedCareTeams"][0]["careSystemName"]
    team = next(
        (t for t in patient["allowedCareTeams"] if t["careSystemName"] != first_system
         and not t.get("ohTriageGroup")),
        pick_team(patient, "VistA"),
    )
    if select.care_system_chooser() == "radio":
        select.choose_care_system_with_keyboard(team["careSystemName"])
    select.choose_care_team_with_keyboard(team_name(team))
    scenario_state["team"] = team
    scenario_state.current = select.continue_with_keyboard()


@when("using only the keyboard they write and send a message")
def kb_write_send(scenario_state: ScenarioState, faker: Faker) -> None:
    form = scenario_state.current
    assert isinstance(form, StartMessagePage), f"not on start message: {type(form).__name__}"
    subject, body = _subject(faker), faker.sentence(nb_words=12)
    form.write_with_keyboard("General", subject, body)
    scenario_state.update(category=CATEGORIES["General"], subject=subject, body=body)
    form.send_with_keyboard()
