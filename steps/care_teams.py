"""Choosing a care team: recent care teams, the care system chooser and the care-team combo box.

Expectations come from the oracle (`scenario_state.patient`: what the app received), so the same
sentences hold for every profile and seed, for VA's fixture folders and for staging's test patients.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from harness.oracle import CareTeam
from mocks.client import Session as MockSession
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


def _select_page(scenario_state: ScenarioState) -> SelectCareTeamPage:
    current = scenario_state.current
    assert isinstance(current, SelectCareTeamPage), f"not on select care team but {type(current).__name__}"
    return current


def _recent_page(scenario_state: ScenarioState) -> RecentCareTeamsPage:
    current = scenario_state.current
    assert isinstance(current, RecentCareTeamsPage), f"not on recent care teams but {type(current).__name__}"
    return current


def recent_expected(scenario_state: ScenarioState) -> bool:
    """Whether the interstitial's Continue leads to recent care teams, from what the app received.

    The curated interstitial decides its link once the 6-month sent search answers (reference §3.1),
    so with the recent toggle on the oracle waits for that answer too.
    """
    traffic, page = scenario_state.traffic, scenario_state.page
    traffic.settle(page, "feature_toggles")
    if not traffic.patient().curated:
        return False
    patient = scenario_state.patient
    if patient.recipients_error or not patient.recent_toggle:
        return False
    traffic.settle(page, "sent_search")
    return bool(scenario_state.patient.recent_teams)


def system_name(scenario_state: ScenarioState, team: CareTeam) -> str:
    return scenario_state.patient.system(team.station).name


def choose_on_select_page(scenario_state: ScenarioState, select: SelectCareTeamPage, team: CareTeam) -> None:
    if select.care_system_chooser() != "none":
        select.choose_care_system(system_name(scenario_state, team))
    select.choose_care_team(team.display_name)
    scenario_state["team"] = team
    scenario_state["chosen_on"] = "select"


def reach_start_message(app: SecureMessagingApp, scenario_state: ScenarioState, kind: str) -> None:
    """The shortest path a person takes from the inbox to writing to a care team of `kind`
    ("recent" = their most recent care team)."""
    current = app.open_inbox().start_new_message().continue_(recent_expected(scenario_state))
    if kind == "recent":
        recent = scenario_state.patient.recent_teams
        scenario_state.premise(bool(recent), "a recently messaged care team")
        team = recent[0]
    else:
        team = scenario_state.team_of_kind(kind)
    if isinstance(current, RecentCareTeamsPage):
        if team in scenario_state.patient.recent_teams:
            current.choose_care_team(team.display_name)
            scenario_state["chosen_on"] = "recent"
        else:
            current.choose_different_care_team()
        current = current.continue_()
    if isinstance(current, SelectCareTeamPage):
        choose_on_select_page(scenario_state, current, team)
        current = current.continue_()
    assert isinstance(current, StartMessagePage), f"expected start message, got {type(current).__name__}"
    scenario_state["team"] = team
    scenario_state.current = current


# ---------------------------------------------------------------- recent care teams
@then(parsers.parse('it offers {count:d} recent care teams and "A different care team"'))
def offers_recent(scenario_state: ScenarioState, count: int) -> None:
    labels = _recent_page(scenario_state).radio_group().labels()
    assert labels[-1:] == [DIFFERENT_CARE_TEAM], f"last option should be {DIFFERENT_CARE_TEAM!r}: {labels}"
    offered = labels[:-1]
    expected = [t.display_name for t in scenario_state.patient.recent_teams]
    assert len(offered) == count, f"expected {count} recent care teams, got {len(offered)}: {offered}"
    assert offered == expected, f"recent care teams {offered} != most recent first {expected}"


@then("each recent care team shows its care system")
def recent_show_systems(scenario_state: ScenarioState) -> None:
    expected = [t.care_system for t in scenario_state.patient.recent_teams]
    assert _recent_page(scenario_state).care_system_descriptions() == expected


@when("they choose their most recent care team")
def choose_most_recent(scenario_state: ScenarioState) -> None:
    team = scenario_state.patient.recent_teams[0]
    _recent_page(scenario_state).choose_care_team(team.display_name)
    scenario_state.update(team=team, chosen_on="recent")


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


@then("they see the first page their recent care teams call for")
def first_page_by_recents(page: Page, scenario_state: ScenarioState) -> None:
    expected = RecentCareTeamsPage if scenario_state.patient.recent_page_shown else SelectCareTeamPage
    current = scenario_state.current
    assert isinstance(current, expected), (
        f"{scenario_state.patient.describe()}; recent toggle {scenario_state.patient.recent_toggle}: "
        f"expected {expected.__name__}, got {type(current).__name__} at {page.url}"
    )
    current.expect_loaded()


@then("they are offered their recent care teams, if they have any")
def offered_their_recents(scenario_state: ScenarioState) -> None:
    recent = scenario_state.patient.recent_teams
    scenario_state.premise(bool(recent), "a recently messaged care team")
    offers_recent(scenario_state, len(recent))
    recent_show_systems(scenario_state)


@when("they go on to select care team")
def go_to_select(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    current = app.open_inbox().start_new_message().continue_(recent_expected(scenario_state))
    if isinstance(current, RecentCareTeamsPage):
        current.choose_different_care_team()
        current = current.continue_()
    assert isinstance(current, SelectCareTeamPage), f"expected select care team, got {type(current).__name__}"
    scenario_state.current = current


# ---------------------------------------------------------------- select care team
_CHOOSER_WORDS = {"radio buttons": "radio", "a dropdown": "select", "no choice": "none"}


@then(parsers.parse("the care system is chosen with {kind}"))
def chooser_kind(scenario_state: ScenarioState, kind: str) -> None:
    expected = _CHOOSER_WORDS[kind]
    patient = scenario_state.patient
    scenario_state.premise(patient.chooser == expected, f"care systems that call for {kind}")
    assert _select_page(scenario_state).care_system_chooser() == expected


@then("every care system with care teams is offered")
def systems_offered(scenario_state: ScenarioState) -> None:
    select = _select_page(scenario_state)
    offered = select.care_system_options()
    expected = [s.name for s in scenario_state.patient.care_systems]
    chooser = select.care_system_chooser()
    if chooser == "none":
        assert len(expected) == 1, f"no care system chooser, but the patient has {expected}"
    elif chooser == "radio":
        assert offered == expected, f"radio order should follow the care teams list: {offered} != {expected}"
    else:
        assert offered == sorted(expected), f"dropdown should offer {sorted(expected)} by name: {offered}"


@then("the care system chooser fits their care systems")
def chooser_fits(scenario_state: ScenarioState) -> None:
    patient = scenario_state.patient
    shown = _select_page(scenario_state).care_system_chooser()
    assert shown == patient.chooser, (
        f"{len(patient.care_systems)} care systems to choose from call for {patient.chooser}, shown: {shown}"
    )


@then("each care system offers its allowed care teams and never a blocked one")
def each_system_offers_allowed(scenario_state: ScenarioState) -> None:
    select = _select_page(scenario_state)
    patient = scenario_state.patient
    for system in patient.care_systems:
        if select.care_system_chooser() != "none":
            select.choose_care_system(system.name)
        scenario_state["care_system"] = system.vha_id
        teams_of_system(scenario_state)


@when(parsers.parse("they choose a {kind} care team"))
def choose_team(scenario_state: ScenarioState, kind: str) -> None:
    choose_on_select_page(scenario_state, _select_page(scenario_state), scenario_state.team_of_kind(kind))


@when(parsers.parse("they choose the care system of a {kind} care team"))
def choose_system(scenario_state: ScenarioState, kind: str) -> None:
    team = scenario_state.team_of_kind(kind)
    select = _select_page(scenario_state)
    if select.care_system_chooser() == "radio":
        scenario_state.setdefault("rum_names", []).append(select.care_system_radio().rum_action_name())
    select.choose_care_system(system_name(scenario_state, team))
    scenario_state["care_system"] = team.station


@then("only that care system's allowed care teams are offered")
def teams_of_system(scenario_state: ScenarioState) -> None:
    station = scenario_state["care_system"]
    patient = scenario_state.patient
    expected = sorted(t.display_name for t in patient.teams_of(station))
    offered = sorted(_select_page(scenario_state).care_team_options())
    blocked = {t.display_name for t in patient.blocked_teams} - set(expected)
    assert not blocked & set(offered), f"blocked care teams offered: {sorted(blocked & set(offered))}"
    assert offered == expected, f"care teams offered for {station}: {offered} != {expected}"


@when("they switch to another care system")
def switch_system(scenario_state: ScenarioState) -> None:
    team = scenario_state.team
    others = [s for s in scenario_state.patient.care_systems if s.vha_id != team.station]
    scenario_state.premise(bool(others), "a second care system to switch to")
    _select_page(scenario_state).choose_care_system(others[0].name)
    scenario_state["care_system"] = others[0].vha_id


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
    if shown not in ("shown", "not shown"):
        raise ValueError(f"say 'shown' or 'not shown', not {shown!r}")
    patient = scenario_state.patient
    vista = "an allowed VistA care team" if shown == "shown" else "no allowed VistA care team"
    scenario_state.premise(patient.offers_contact_list == (shown == "shown"), vista)
    select = _select_page(scenario_state)
    link = select.update_contact_list_link()
    select.care_team_combo_box().input().wait_for()
    if shown == "shown":
        expect(link).to_be_visible()
    else:
        expect(link).to_have_count(0)


@then("the contact list link is offered exactly when they have VistA care teams")
def contact_link_by_data(scenario_state: ScenarioState) -> None:
    select = _select_page(scenario_state)
    select.care_team_combo_box().input().wait_for()
    link = select.update_contact_list_link()
    if scenario_state.patient.offers_contact_list:
        expect(link).to_be_visible()
    else:
        expect(link).to_have_count(0)


@then("they are told their care teams are blocked")
def told_blocked(scenario_state: ScenarioState) -> None:
    select = _select_page(scenario_state)
    expect(select.blocked_alert()).to_be_visible()
    expect(select.care_team_combo_box().host).to_have_count(0)


@then("the care team they chose is still chosen")
def team_still_chosen(scenario_state: ScenarioState) -> None:
    combo = _select_page(scenario_state).care_team_combo_box()
    expect(combo.input()).to_have_value(re.compile("^" + re.escape(scenario_state.team.display_name)))


@when(parsers.parse("they start a message to a {kind} care team"))
def start_message_to(app: SecureMessagingApp, scenario_state: ScenarioState, kind: str) -> None:
    reach_start_message(app, scenario_state, kind)


@when("they start a message to one of their care teams")
def start_message_any(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, "any")


@when("they start a message to their most recent care team")
def start_message_recent(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, "recent")


# ---------------------------------------------------------------- legacy form
def _legacy_page(scenario_state: ScenarioState) -> LegacyComposePage:
    current = scenario_state.current
    assert isinstance(current, LegacyComposePage), f"not on the legacy form but {type(current).__name__}"
    return current


@then("the legacy form offers every allowed care team")
def legacy_offers(scenario_state: ScenarioState) -> None:
    offered = sorted(_legacy_page(scenario_state).care_team_options())
    expected = sorted(t.display_name for t in scenario_state.patient.allowed_teams)
    assert offered == expected, f"legacy list {offered} != allowed care teams {expected}"


@when(parsers.parse("they choose a {kind} care team from the legacy list"))
def legacy_choose(scenario_state: ScenarioState, kind: str) -> None:
    team = scenario_state.team_of_kind(kind)
    _legacy_page(scenario_state).choose_care_team(team.display_name)
    scenario_state.update(team=team, chosen_on="legacy")


# ---------------------------------------------------------------- contact list
def _contact_page(scenario_state: ScenarioState) -> ContactListPage:
    current = scenario_state.current
    assert isinstance(current, ContactListPage), f"not on the contact list but {type(current).__name__}"
    return current


@then("the contact list shows their VistA care teams and no Oracle Health ones")
def contact_list_teams(scenario_state: ScenarioState) -> None:
    listed = set(_contact_page(scenario_state).listed_team_ids())
    patient = scenario_state.patient
    oh = {t.id for t in patient.teams if t.oracle_health}
    vista_allowed = {t.id for t in patient.teams_of_kind("VistA")}
    assert not listed & oh, f"Oracle Health care teams on the contact list: {sorted(listed & oh)}"
    assert vista_allowed <= listed, f"VistA care teams missing: {sorted(vista_allowed - listed)}"


@when("they remove a care team from their contact list and save")
def remove_from_contact_list(scenario_state: ScenarioState) -> None:
    page = _contact_page(scenario_state)
    team = scenario_state.team_of_kind("VistA")
    page.toggle_care_team(team.id)
    page.save()
    scenario_state["removed_team"] = team


@then("the removed care team is no longer a preferred care team")
def removed_not_preferred(mock_session: MockSession, scenario_state: ScenarioState) -> None:
    removed = scenario_state["removed_team"].id
    allowed = {t["triageTeamId"] for t in mock_session.patient()["allowedCareTeams"]}
    assert removed not in allowed, "the care team removed from the contact list is still offered"
