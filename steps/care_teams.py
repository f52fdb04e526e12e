"""Choosing a care team: recent care teams, the care system chooser and the care-team combo box.

Expectations come from the patient the mock built (`mock_session.patient()`), so the same sentences
hold for every profile and seed.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from pages import (
    ContactListPage,
    LegacyComposePage,
    RecentCareTeamsPage,
    SecureMessagingApp,
    SelectCareTeamPage,
    StartMessagePage,
)
from pages.recent_care_teams import DIFFERENT_CARE_TEAM
from steps.state import ScenarioState


# ---------------------------------------------------------------- patient data
def team_name(team: dict[str, Any]) -> str:
    return team.get("displayName") or team["name"]


def is_oracle_health(team: dict[str, Any]) -> bool:
    return bool(team.get("ohTriageGroup"))


def allowed_systems(patient: dict[str, Any]) -> list[str]:
    """Care systems the chooser offers: first appearance in the care-team list as the API sorts it
    (by name), leaving out care systems whose teams are all blocked (reference §3.3.1)."""
    names: list[str] = []
    teams = sorted(patient["careTeams"], key=lambda t: t["name"])
    for team in teams:
        system = team["careSystemName"]
        fully_blocked = all(t["blocked"] for t in teams if t["careSystemName"] == system)
        if system not in names and not fully_blocked:
            names.append(system)
    return names


def pick_team(patient: dict[str, Any], kind: str) -> dict[str, Any]:
    """The first allowed care team of a kind: VistA, Oracle Health, signature-required or any."""
    tests = {
        "VistA": lambda t: not is_oracle_health(t),
        "Oracle Health": is_oracle_health,
        "signature-required": lambda t: bool(t.get("signatureRequired")),
        "any": lambda t: True,
    }
    if kind not in tests:
        raise ValueError(f"unknown care team kind {kind!r}; known: {', '.join(tests)}")
    for team in patient["allowedCareTeams"]:
        if tests[kind](team):
            return team
    raise AssertionError(f"the {patient['profile']} patient has no allowed {kind} care team")


def _select_page(scenario_state: ScenarioState) -> SelectCareTeamPage:
    current = scenario_state.current
    assert isinstance(current, SelectCareTeamPage), f"not on select care team but {type(current).__name__}"
    return current


def _recent_page(scenario_state: ScenarioState) -> RecentCareTeamsPage:
    current = scenario_state.current
    assert isinstance(current, RecentCareTeamsPage), f"not on recent care teams but {type(current).__name__}"
    return current


def choose_on_select_page(select: SelectCareTeamPage, team: dict[str, Any]) -> None:
    if select.care_system_chooser() != "none":
        select.choose_care_system(team["careSystemName"])
    select.choose_care_team(team_name(team))


def reach_start_message(app: SecureMessagingApp, scenario_state: ScenarioState, team: dict[str, Any]) -> None:
    """The shortest path a person takes from the inbox to writing to `team`."""
    current = app.open_inbox().start_new_message().continue_(scenario_state.recent_expected)
    if isinstance(current, RecentCareTeamsPage):
        if team_name(team) in current.care_team_options():
            current.choose_care_team(team_name(team))
        else:
            current.choose_different_care_team()
        current = current.continue_()
    if isinstance(current, SelectCareTeamPage):
        choose_on_select_page(current, team)
        current = current.continue_()
    assert isinstance(current, StartMessagePage), f"expected start message, got {type(current).__name__}"
    scenario_state["team"] = team
    scenario_state.current = current


# ---------------------------------------------------------------- recent care teams
@then(parsers.parse('it offers {count:d} recent care teams and "A different care team"'))
def offers_recent(scenario_state: ScenarioState, count: int) -> None:
    recent = _recent_page(scenario_state)
    labels = recent.radio_group().labels()
    assert labels[-1:] == [DIFFERENT_CARE_TEAM], f"last option should be {DIFFERENT_CARE_TEAM!r}: {labels}"
    offered = labels[:-1]
    expected = [team_name(t) for t in scenario_state.patient["recentCareTeams"]]
    assert len(offered) == count, f"expected {count} recent care teams, got {len(offered)}: {offered}"
    assert offered == expected[:count], f"recent care teams {offered} != most recent first {expected}"


@then("each recent care team shows its care system")
def recent_show_systems(scenario_state: ScenarioState) -> None:
    recent = _recent_page(scenario_state)
    expected = [t["careSystemName"] for t in scenario_state.patient["recentCareTeams"]]
    assert recent.care_system_descriptions() == expected


@when("they choose their most recent care team")
def choose_most_recent(scenario_state: ScenarioState) -> None:
    team = scenario_state.patient["recentCareTeams"][0]
    _recent_page(scenario_state).choose_care_team(team_name(team))
    scenario_state["team"] = team


@when('they choose "A different care team"')
def choose_different(scenario_state: ScenarioState) -> None:
    _recent_page(scenario_state).choose_different_care_team()


@when("they continue without choosing a care team")
def continue_without_choosing(scenario_state: ScenarioState) -> None:
    scenario_state.current.continue_without_choosing()  # type: ignore[attr-defined]


@then('they are asked to "Select a care team"')
def asked_to_select(scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    if isinstance(current, RecentCareTeamsPage):
        error = current.radio_group().error_message()
    else:
        error = _select_page(scenario_state).care_team_error()
    expect(error).to_have_text("Select a care team")


@then("they stay on the page")
def stays(page: Page, scenario_state: ScenarioState) -> None:
    assert scenario_state.current.is_current(), f"left the page: now at {page.url}"


# ---------------------------------------------------------------- select care team
_CHOOSER_WORDS = {"radio buttons": "radio", "a dropdown": "select", "no choice": "none"}


@then(parsers.parse("the care system is chosen with {kind}"))
def chooser_kind(scenario_state: ScenarioState, kind: str) -> None:
    select = _select_page(scenario_state)
    expected = _CHOOSER_WORDS[kind]
    systems = allowed_systems(scenario_state.patient)
    by_count = "none" if len(systems) <= 1 else "radio" if len(systems) < 6 else "select"
    assert by_count == expected, f"example says {kind}, but the patient has {len(systems)} care systems"
    assert select.care_system_chooser() == expected


@then("every care system with care teams is offered")
def systems_offered(scenario_state: ScenarioState) -> None:
    select = _select_page(scenario_state)
    offered = select.care_system_options()
    expected = allowed_systems(scenario_state.patient)
    chooser = select.care_system_chooser()
    if chooser == "none":
        assert len(expected) == 1, f"no care system chooser, but the patient has {expected}"
    elif chooser == "radio":
        assert offered == expected, f"radio order should follow the care teams list: {offered} != {expected}"
    else:
        assert offered == sorted(expected), f"dropdown should be sorted by name: {offered}"


@when(parsers.parse("they choose a {kind} care team"))
def choose_team(scenario_state: ScenarioState, kind: str) -> None:
    team = pick_team(scenario_state.patient, kind)
    choose_on_select_page(_select_page(scenario_state), team)
    scenario_state["team"] = team


@when(parsers.parse("they choose the care system of a {kind} care team"))
def choose_system(scenario_state: ScenarioState, kind: str) -> None:
    team = pick_team(scenario_state.patient, kind)
    _select_page(scenario_state).choose_care_system(team["careSystemName"])
    scenario_state["care_system"] = team["careSystemName"]


@then("only that care system's allowed care teams are offered")
def teams_of_system(scenario_state: ScenarioState) -> None:
    system = scenario_state["care_system"]
    patient = scenario_state.patient
    expected = sorted(team_name(t) for t in patient["allowedCareTeams"] if t["careSystemName"] == system)
    offered = sorted(_select_page(scenario_state).care_team_options())
    blocked = {team_name(t) for t in patient["careTeams"] if t["blocked"]}
    assert not blocked & set(offered), f"blocked care teams offered: {sorted(blocked & set(offered))}"
    assert offered == expected, f"care teams offered for {system}: {offered} != {expected}"


@when("they switch to another care system")
def switch_system(scenario_state: ScenarioState) -> None:
    team = scenario_state.team
    other = next(s for s in allowed_systems(scenario_state.patient) if s != team["careSystemName"])
    _select_page(scenario_state).choose_care_system(other)
    scenario_state["care_system"] = other


@then("no care team is chosen")
def no_team(scenario_state: ScenarioState) -> None:
    combo = _select_page(scenario_state).care_team_combo_box()
    expect(combo.input()).to_have_value("")


@then(parsers.parse('the care-team field is labelled "{label}"'))
def combo_labelled(scenario_state: ScenarioState, label: str) -> None:
    combo = _select_page(scenario_state).care_team_combo_box()
    expect(combo.host.get_by_role("combobox", name=label)).to_be_visible()


@then(parsers.parse('the "Update your contact list" link is {shown}'))
def contact_link_shown(scenario_state: ScenarioState, shown: str) -> None:
    link = _select_page(scenario_state).update_contact_list_link()
    select = _select_page(scenario_state)
    select.care_team_combo_box().input().wait_for()
    if shown == "shown":
        expect(link).to_be_visible()
    elif shown == "not shown":
        expect(link).to_have_count(0)
    else:
        raise ValueError(f"say 'shown' or 'not shown', not {shown!r}")


@then("they are told their care teams are blocked")
def told_blocked(scenario_state: ScenarioState) -> None:
    select = _select_page(scenario_state)
    expect(select.blocked_alert()).to_be_visible()
    expect(select.care_team_combo_box().host).to_have_count(0)


@then("the care team they chose is still chosen")
def team_still_chosen(scenario_state: ScenarioState) -> None:
    combo = _select_page(scenario_state).care_team_combo_box()
    expect(combo.input()).to_have_value(re.compile("^" + re.escape(team_name(scenario_state.team))))


@when(parsers.parse("they start a message to a {kind} care team"))
def start_message_to(app: SecureMessagingApp, scenario_state: ScenarioState, kind: str) -> None:
    reach_start_message(app, scenario_state, pick_team(scenario_state.patient, kind))


@when("they start a message to one of their care teams")
def start_message_any(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, pick_team(scenario_state.patient, "any"))


@when("they start a message to their most recent care team")
def start_message_recent(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, scenario_state.patient["recentCareTeams"][0])


# ---------------------------------------------------------------- legacy form
def _legacy_page(scenario_state: ScenarioState) -> LegacyComposePage:
    current = scenario_state.current
    assert isinstance(current, LegacyComposePage), f"not on the legacy form but {type(current).__name__}"
    return current


@then("the legacy form offers every allowed care team")
def legacy_offers(scenario_state: ScenarioState) -> None:
    offered = sorted(_legacy_page(scenario_state).care_team_options())
    expected = sorted(team_name(t) for t in scenario_state.patient["allowedCareTeams"])
    assert offered == expected, f"legacy list {offered} != allowed care teams {expected}"


@when(parsers.parse("they choose a {kind} care team from the legacy list"))
def legacy_choose(scenario_state: ScenarioState, kind: str) -> None:
    team = pick_team(scenario_state.patient, kind)
    _legacy_page(scenario_state).choose_care_team(team_name(team))
    scenario_state["team"] = team


# ---------------------------------------------------------------- contact list
def _contact_page(scenario_state: ScenarioState) -> ContactListPage:
    current = scenario_state.current
    assert isinstance(current, ContactListPage), f"not on the contact list but {type(current).__name__}"
    return current


@then("the contact list shows their VistA care teams and no Oracle Health ones")
def contact_list_teams(scenario_state: ScenarioState) -> None:
    listed = set(_contact_page(scenario_state).listed_team_ids())
    teams = scenario_state.patient["careTeams"]
    oh = {t["triageTeamId"] for t in teams if is_oracle_health(t)}
    vista_allowed = {t["triageTeamId"] for t in scenario_state.patient["allowedCareTeams"]
                     if not is_oracle_health(t)}
    assert not listed & oh, f"Oracle Health care teams on the contact list: {sorted(listed & oh)}"
    assert vista_allowed <= listed, f"VistA care teams missing: {sorted(vista_allowed - listed)}"


@when("they remove a care team from their contact list and save")
def remove_from_contact_list(scenario_state: ScenarioState) -> None:
    page = _contact_page(scenario_state)
    team = next(t for t in scenario_state.patient["allowedCareTeams"] if not is_oracle_health(t))
    page.toggle_care_team(team["triageTeamId"])
    page.save()
    scenario_state["removed_team"] = team


@then("the removed care team is no longer a preferred care team")
def removed_not_preferred(mock_session: Any, scenario_state: ScenarioState) -> None:
    removed = scenario_state["removed_team"]["triageTeamId"]
    allowed = {t["triageTeamId"] for t in mock_session.patient()["allowedCareTeams"]}
    assert removed not in allowed, "the care team removed from the contact list is still offered"
