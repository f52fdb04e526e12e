"""Choosing a care team: recent care teams, the care system chooser and the care-team combo box.

Expectations come from the oracle (`scenario_state.patient`: what the app received), so the same
sentences hold for every profile and seed, for VA's fixture folders and for staging's test patients.
"""

from __future__ import annotations

import contextlib
import re
from calendar import monthrange
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from contract import RECIPIENT_OPT_GROUPS
from harness.oracle import premises
from harness.oracle.patient import CareTeam, recipients_order
from harness.oracle.premises import stations_sorted_differently
from mocks.client import Session as MockSession
from pages import (
    CareTeamHelpPage,
    ContactListPage,
    LegacyComposePage,
    RecentCareTeamsPage,
    SecureMessagingApp,
    SelectCareTeamPage,
    StartMessagePage,
)
from pages.care_team_help import REASON_CONTACT_LIST, REASON_NAME_DIFFERS, REASONS_INTRO, reasons_for
from pages.folder import FolderPage
from pages.recent_care_teams import DIFFERENT_CARE_TEAM
from steps.state import ScenarioState, required, wait_until


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


def test_care_team(scenario_state: ScenarioState) -> CareTeam:
    """The care team writes may go to: staging's --test-care-team (id or name); on the mock, the patient's
    first allowed care team."""
    wanted = scenario_state.test_care_team
    if wanted is None:
        return scenario_state.team_of_kind("any")
    key = str(wanted).strip().lower()
    team = next(
        (
            t
            for t in scenario_state.patient.allowed_teams
            if key in (str(t.id), t.name.lower(), t.display_name.lower())
        ),
        None,
    )
    scenario_state.premise(team is not None, f"the test care team {wanted!r} among the allowed care teams")
    assert team is not None
    return team


def system_name(scenario_state: ScenarioState, team: CareTeam) -> str:
    return scenario_state.patient.system(team.station).name


def choose_on_select_page(scenario_state: ScenarioState, select: SelectCareTeamPage, team: CareTeam) -> None:
    if select.care_system_chooser() != "none":
        select.choose_care_system(system_name(scenario_state, team))
    select.choose_care_team(team.display_name)
    scenario_state.team, scenario_state.chosen_on = team, "select"


def reach_start_message(app: SecureMessagingApp, scenario_state: ScenarioState, kind: str) -> None:
    """The shortest path a person takes from the inbox to writing to a care team of `kind`
    ("recent" = their most recent care team)."""
    current = app.open_inbox().start_new_message().continue_(recent_expected(scenario_state))
    if kind == "recent":
        recent = scenario_state.patient.recent_teams
        scenario_state.premise(bool(recent), "a recently messaged care team")
        team = recent[0]
    elif kind == "test":
        team = test_care_team(scenario_state)
    else:
        team = scenario_state.team_of_kind(kind)
    if isinstance(current, RecentCareTeamsPage):
        if team in scenario_state.patient.recent_teams:
            current.choose_care_team(team.display_name)
            scenario_state.chosen_on = "recent"
        else:
            current.choose_different_care_team()
        current = current.continue_()
    if isinstance(current, SelectCareTeamPage):
        choose_on_select_page(scenario_state, current, team)
        current = current.continue_()
    scenario_state.current = current
    scenario_state.on(StartMessagePage)
    scenario_state.team = team


# ---------------------------------------------------------------- recent care teams
@then(parsers.parse('it offers {count:d} recent care teams and "A different care team"'))
def offers_recent(scenario_state: ScenarioState, count: int) -> None:
    labels = scenario_state.on(RecentCareTeamsPage).radio_group().labels()
    assert labels[-1:] == [DIFFERENT_CARE_TEAM], f"last option should be {DIFFERENT_CARE_TEAM!r}: {labels}"
    offered = labels[:-1]
    recent = scenario_state.patient.recent_teams
    scenario_state.premise(len(recent) == count, f"{count} recent care teams to offer")
    expected = [t.display_name for t in recent]
    assert len(offered) == count, f"expected {count} recent care teams, got {len(offered)}: {offered}"
    assert offered == expected, f"recent care teams {offered} != most recent first {expected}"


@then("each recent care team shows its care system")
def recent_show_systems(scenario_state: ScenarioState) -> None:
    expected = [t.care_system for t in scenario_state.patient.recent_teams]
    assert scenario_state.on(RecentCareTeamsPage).care_system_descriptions() == expected


@when("they choose their most recent care team")
def choose_most_recent(scenario_state: ScenarioState) -> None:
    team = scenario_state.patient.recent_teams[0]
    scenario_state.on(RecentCareTeamsPage).choose_care_team(team.display_name)
    scenario_state.team, scenario_state.chosen_on = team, "recent"


@when("they choose their second most recent care team")
def choose_second_recent(scenario_state: ScenarioState) -> None:
    recent = scenario_state.patient.recent_teams
    scenario_state.premise(len(recent) > 1, "2 recently messaged care teams")
    scenario_state.on(RecentCareTeamsPage).choose_care_team(recent[1].display_name)
    scenario_state.team, scenario_state.chosen_on = recent[1], "recent"


@when('they choose "A different care team"')
def choose_different(scenario_state: ScenarioState) -> None:
    scenario_state.on(RecentCareTeamsPage).choose_different_care_team()


@when("they continue without choosing a care team")
def continue_without_choosing(scenario_state: ScenarioState) -> None:
    scenario_state.current.continue_without_choosing()  # type: ignore[attr-defined]


@then('they are asked to "Select a care team"')
def asked_to_select(scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    if isinstance(current, RecentCareTeamsPage):
        error = current.radio_group().error_message()
    else:
        error = scenario_state.on(SelectCareTeamPage).care_team_error()
    expect(error).to_have_text("Select a care team")


@then("they stay on the page")
def stays(page: Page, scenario_state: ScenarioState) -> None:
    assert scenario_state.current.is_current(), f"left the page: now at {page.url}"


@then("they see the first page their recent care teams call for")
def first_page_by_recents(scenario_state: ScenarioState) -> None:
    patient = scenario_state.patient
    expected = RecentCareTeamsPage if patient.recent_page_shown else SelectCareTeamPage
    why = f"{patient.describe()}; recent toggle {patient.recent_toggle}"
    scenario_state.on(expected, why).expect_loaded()


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
    scenario_state.current = current
    scenario_state.on(SelectCareTeamPage)


# ---------------------------------------------------------------- select care team
_CHOOSER_WORDS = {"radio buttons": "radio", "a dropdown": "select", "no choice": "none"}


@then(parsers.parse("the care system is chosen with {kind}"))
def chooser_kind(scenario_state: ScenarioState, kind: str) -> None:
    expected = _CHOOSER_WORDS[kind]
    patient = scenario_state.patient
    scenario_state.premise(patient.chooser == expected, f"care systems that call for {kind}")
    assert scenario_state.on(SelectCareTeamPage).care_system_chooser() == expected


@then("every care system with care teams is offered")
def systems_offered(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
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
    shown = scenario_state.on(SelectCareTeamPage).care_system_chooser()
    assert shown == patient.chooser, (
        f"{len(patient.care_systems)} care systems to choose from call for {patient.chooser}, shown: {shown}"
    )


@then("each care system offers its allowed care teams and never a blocked one")
def each_system_offers_allowed(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    for system in patient.care_systems:
        if select.care_system_chooser() != "none":
            select.choose_care_system(system.name)
        scenario_state.care_system = system.vha_id
        teams_of_system(scenario_state)


@when(parsers.parse("they choose a {kind} care team"))
def choose_team(scenario_state: ScenarioState, kind: str) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    choose_on_select_page(scenario_state, select, scenario_state.team_of_kind(kind))


@when(parsers.parse("they choose the care system of a {kind} care team"))
def choose_system(scenario_state: ScenarioState, kind: str) -> None:
    team = scenario_state.team_of_kind(kind)
    select = scenario_state.on(SelectCareTeamPage)
    select.choose_care_system(system_name(scenario_state, team))
    scenario_state.care_system = team.station


@then("only that care system's allowed care teams are offered")
def teams_of_system(scenario_state: ScenarioState) -> None:
    station = required(scenario_state.care_system, "care system chosen")
    patient = scenario_state.patient
    expected = sorted(t.display_name for t in patient.teams_of(station))
    offered = sorted(scenario_state.on(SelectCareTeamPage).care_team_options())
    blocked = {t.display_name for t in patient.blocked_teams} - set(expected)
    assert not blocked & set(offered), f"blocked care teams offered: {sorted(blocked & set(offered))}"
    assert offered == expected, f"care teams offered for {station}: {offered} != {expected}"


# ---------------------------------------------------------------- the care-team grouping toggle
RECENT_GROUP = "Recent care teams"


@given(parsers.re(premises.OPT_GROUPS_STEP.pattern))
def grouping_toggle(request: pytest.FixtureRequest, scenario_state: ScenarioState, state: str) -> None:
    """The combo box's opt groups (one per care system, after "Recent care teams"): set on the mock,
    expected of the signed-in patient in staging."""
    if scenario_state.staging:
        scenario_state.expect(premises.toggle_premise(RECIPIENT_OPT_GROUPS, state == "on"))
    else:
        request.getfixturevalue("mock_session").set_toggle(RECIPIENT_OPT_GROUPS, state)


def _system_of(scenario_state: ScenarioState, team_id: str) -> str:
    team = scenario_state.patient.team(int(team_id)) if team_id.isdigit() else None
    return scenario_state.patient.system(team.station).name if team else "not in the care-team list"


def _grouped_outside_recent(select: SelectCareTeamPage) -> list[tuple[str | None, str, str]]:
    return [o for o in select.care_team_options_by_group() if o[0] != RECENT_GROUP]


@then("the care teams offered under care systems are that care system's allowed care teams only")
def grouped_teams_of_system(scenario_state: ScenarioState) -> None:
    """Grouping changes the layout, never the list: outside "Recent care teams" every option is one of
    the chosen care system's allowed care teams (by id, from the care-team list the app received), under
    that care system's name (ungrouped when vamc-ehr names no system for it)."""
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    scenario_state.premise(patient.toggle(RECIPIENT_OPT_GROUPS), "the care-team grouping toggle on", patient)
    station = required(scenario_state.care_system, "care system chosen")
    system = patient.system(station)
    expected = sorted(str(t.id) for t in patient.teams_of(station))
    # The combo box is rebuilt for the chosen care system: give it the time a person would, then judge.
    with contextlib.suppress(AssertionError):
        wait_until(
            scenario_state.page,
            lambda: sorted(v for _, v, _ in _grouped_outside_recent(select)) == expected,
            f"the care teams of {system.name} in the combo box",
        )
    options = _grouped_outside_recent(select)
    elsewhere = [
        f"{name} ({_system_of(scenario_state, value)})" for _, value, name in options if value not in expected
    ]
    assert not elsewhere, f"with {system.name} chosen, care teams elsewhere are offered: {elsewhere}"
    offered = sorted(value for _, value, _ in options)
    assert offered == expected, f"care teams offered for {system.name}: {offered} != {expected}"
    labels = sorted({group for group, _, _ in options if group is not None})
    wanted = [system.name] if system.name != station else []
    assert labels == wanted, f"with {system.name} chosen, the care teams are grouped under {labels}"


@then("their recent care teams are offered in a group of their own, whatever the care system")
def recent_group_any_system(scenario_state: ScenarioState) -> None:
    """The "Recent care teams" group is not narrowed by the chosen care system (mocks/web/FIDELITY.md
    O4): it offers the recent care teams the app found, each naming its own care system."""
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    recent = [str(t.id) for t in patient.recent_teams]
    scenario_state.premise(bool(recent), "recently messaged care teams", patient)
    grouped = [value for group, value, _ in select.care_team_options_by_group() if group == RECENT_GROUP]
    assert sorted(grouped) == sorted(recent), (
        f"the {RECENT_GROUP!r} group offers {grouped}; the recent care teams are {recent}"
    )


@when("they switch to another care system")
def switch_system(scenario_state: ScenarioState) -> None:
    team = scenario_state.team
    others = [s for s in scenario_state.patient.care_systems if s.vha_id != team.station]
    scenario_state.premise(bool(others), "a second care system to switch to")
    scenario_state.on(SelectCareTeamPage).choose_care_system(others[0].name)
    scenario_state.care_system = others[0].vha_id


@then("no care team is chosen")
def no_team(scenario_state: ScenarioState) -> None:
    combo = scenario_state.on(SelectCareTeamPage).care_team_combo_box()
    expect(combo.input()).to_have_value("")


@then(parsers.parse('the care-team field is labelled "{label}"'))
def combo_labelled(scenario_state: ScenarioState, label: str) -> None:
    combo = scenario_state.on(SelectCareTeamPage).care_team_combo_box()
    expect(combo.input(name=label)).to_be_visible()


@then(parsers.parse('the "Update your contact list" link is {shown}'))
def contact_link_shown(scenario_state: ScenarioState, shown: str) -> None:
    if shown not in ("shown", "not shown"):
        raise ValueError(f"say 'shown' or 'not shown', not {shown!r}")
    patient = scenario_state.patient
    vista = "an allowed VistA care team" if shown == "shown" else "no allowed VistA care team"
    scenario_state.premise(patient.offers_contact_list == (shown == "shown"), vista)
    select = scenario_state.on(SelectCareTeamPage)
    link = select.update_contact_list_link()
    select.care_team_combo_box().input().wait_for()
    if shown == "shown":
        expect(link).to_be_visible()
    else:
        expect(link).to_have_count(0)


@then("the contact list link is offered exactly when they have VistA care teams")
def contact_link_by_data(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    select.care_team_combo_box().input().wait_for()
    link = select.update_contact_list_link()
    if scenario_state.patient.offers_contact_list:
        expect(link).to_be_visible()
    else:
        expect(link).to_have_count(0)


@then("they are told their care teams are blocked")
def told_blocked(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    expect(select.blocked_alert()).to_be_visible()
    expect(select.care_team_fields()).to_have_count(0)


@then("the care team they chose is still chosen")
def team_still_chosen(scenario_state: ScenarioState) -> None:
    combo = scenario_state.on(SelectCareTeamPage).care_team_combo_box()
    expect(combo.input()).to_have_value(re.compile("^" + re.escape(scenario_state.team.display_name)))


@when(parsers.parse("they start a message to a {kind} care team"))
def start_message_to(app: SecureMessagingApp, scenario_state: ScenarioState, kind: str) -> None:
    reach_start_message(app, scenario_state, kind)


@when("they start a message to the test care team")
def start_message_test(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, "test")


@when("they start a message to one of their care teams")
def start_message_any(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, "any")


@when("they start a message to their most recent care team")
def start_message_recent(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    reach_start_message(app, scenario_state, "recent")


@when("they start another new message in the same visit")
def start_again_same_visit(page: Page, scenario_state: ScenarioState) -> None:
    """After a send the app returns to the folder on its own; the patient starts again from there, without
    reloading, so whatever the app kept in memory is what they get."""
    folder = FolderPage(page).expect_loaded()
    interstitial = folder.start_new_message()
    scenario_state.current = interstitial.continue_(recent_expected(scenario_state))


# ---------------------------------------------------------------- recent care teams after a send
@then("the care team they sent to is offered first among their recent care teams")
def sent_team_first(scenario_state: ScenarioState) -> None:
    traffic = scenario_state.traffic
    traffic.settle(scenario_state.page, "send", "sent_search")
    exchanges = list(traffic.exchanges)
    last_send = max((i for i, e in enumerate(exchanges) if e.endpoint == "send" and e.ok), default=None)
    assert last_send is not None, "the app received no successful answer to a send"
    sent_to = int((exchanges[last_send].request_json or {}).get("recipient_id") or 0)
    patient = scenario_state.patient
    team = patient.team(sent_to)
    assert team is not None, f"the message went to {sent_to}, not one of the patient's care teams"
    offered = scenario_state.on(RecentCareTeamsPage).radio_group().labels()[:-1]
    searched_again = any(e.endpoint == "sent_search" for e in exchanges[last_send + 1 :])
    assert searched_again, (
        f"after sending to {team.display_name!r} the app did not search the sent folder again, so it offers "
        f"the recent care teams from before the send: {offered}"
    )
    newest = patient.recent_teams[:1] == (team,)
    scenario_state.premise(newest, f"{team.display_name} first in the new sent search")
    assert offered[:1] == [team.display_name], (
        f"just sent to {team.display_name!r}, but the recent care teams offered are {offered}"
    )


@then("each recent care team is offered once, most recent first")
def recent_once_in_order(scenario_state: ScenarioState) -> None:
    offered = scenario_state.on(RecentCareTeamsPage).radio_group().labels()[:-1]
    expected = [t.display_name for t in scenario_state.patient.recent_teams]
    repeated = sorted({n for n in offered if offered.count(n) > expected.count(n)})
    assert not repeated, f"care teams offered more than once: {repeated} (offered {offered})"
    assert offered == expected, f"recent care teams {offered} != most recent first {expected}"


def months_before(moment: datetime, months: int) -> datetime:
    """Calendar months back, keeping the time of day and clamping the day to the month's end (date-fns
    subMonths, which the app uses for its window)."""
    index = moment.month - 1 - months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


@then("the app searched the sent messages of exactly the last 6 months")
def searched_six_months(page: Page, scenario_state: ScenarioState) -> None:
    scenario_state.traffic.settle(page, "sent_search")
    patient = scenario_state.patient
    now, start = patient.now, patient.window_start
    assert now is not None and start is not None, "the sent search carried no fromDate/toDate window"
    # Months are counted on the browser's wall clock, so the edge is computed in its time zone.
    zone = ZoneInfo(page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") or "UTC")
    expected = months_before(now.astimezone(zone), 6)
    assert abs(start - expected) <= timedelta(hours=1), (
        f"the sent search covers {start.isoformat()} to {now.isoformat()} ({(now - start).days} days); "
        f"the last 6 months from the app's now start at {expected.isoformat()}"
    )


# ---------------------------------------------------------------- care team help
@then("the help gives the reasons that fit their care systems")
def help_reasons(scenario_state: ScenarioState) -> None:
    current = scenario_state.on(CareTeamHelpPage)
    ehrs = scenario_state.patient.facility_ehrs
    expect(current.text(REASONS_INTRO)).to_be_visible()
    reasons = current.reasons()
    expected = reasons_for(ehrs)
    for reason in (*expected, REASON_CONTACT_LIST, REASON_NAME_DIFFERS):
        shown = reasons.filter(has_text=reason)
        count = 1 if reason in expected else 0
        expect(shown, f"reason {reason!r} for {ehrs} facilities").to_have_count(count)
    expect(reasons, f"the reasons given to a patient of {ehrs} facilities").to_have_count(len(expected))
    contact_link = current.update_contact_list_link()
    if ehrs == "oracle_health":
        expect(contact_link).to_have_count(0)
    else:
        expect(contact_link).to_be_visible()


# ---------------------------------------------------------------- legacy form
@then("the legacy form offers every allowed care team")
def legacy_offers(scenario_state: ScenarioState) -> None:
    offered = sorted(scenario_state.on(LegacyComposePage).care_team_options())
    expected = sorted(t.display_name for t in scenario_state.patient.allowed_teams)
    blocked = {t.display_name for t in scenario_state.patient.blocked_teams} - set(expected)
    leaked = sorted(blocked & set(offered))
    assert not leaked, f"the legacy list offers blocked care teams: {leaked}"
    assert offered == expected, f"legacy list {offered} != allowed care teams {expected}"


@when(parsers.parse("they choose a {kind} care team from the legacy list"))
def legacy_choose(scenario_state: ScenarioState, kind: str) -> None:
    team = scenario_state.team_of_kind(kind)
    scenario_state.on(LegacyComposePage).choose_care_team(team.display_name)
    scenario_state.team, scenario_state.chosen_on = team, "legacy"


# ---------------------------------------------------------------- contact list
@then("the contact list shows their VistA care teams and no Oracle Health ones")
def contact_list_teams(scenario_state: ScenarioState) -> None:
    listed = set(scenario_state.on(ContactListPage).listed_team_ids())
    patient = scenario_state.patient
    oh = {t.id for t in patient.teams if t.oracle_health}
    vista_allowed = {t.id for t in patient.teams_of_kind("VistA")}
    assert not listed & oh, f"Oracle Health care teams on the contact list: {sorted(listed & oh)}"
    assert vista_allowed <= listed, f"VistA care teams missing: {sorted(vista_allowed - listed)}"


@when("they remove a care team from their contact list and save")
def remove_from_contact_list(scenario_state: ScenarioState) -> None:
    page = scenario_state.on(ContactListPage)
    team = scenario_state.team_of_kind("VistA")
    page.toggle_care_team(team.id)
    page.save()
    scenario_state.removed_team = team


@then("the removed care team is no longer a preferred care team")
def removed_not_preferred(mock_session: MockSession, scenario_state: ScenarioState) -> None:
    removed = required(scenario_state.removed_team, "care team removed").id
    allowed = {t["triageTeamId"] for t in mock_session.patient()["allowedCareTeams"]}
    assert removed not in allowed, "the care team removed from the contact list is still offered"


# ---------------------------------------------------------------- combo box order and its error
@when("they choose a care system whose care teams sort differently by plain-language name")
def choose_system_sorted_differently(scenario_state: ScenarioState) -> None:
    stations = stations_sorted_differently(scenario_state.patient)
    words = "a care system whose care teams sort differently by plain-language name"
    scenario_state.premise(bool(stations), words)
    select = scenario_state.on(SelectCareTeamPage)
    if select.care_system_chooser() != "none":
        select.choose_care_system(scenario_state.patient.system(stations[0]).name)
    scenario_state.care_system = stations[0]


@then("the care teams are offered in the order of their names in the care-team list")
def offered_in_name_order(scenario_state: ScenarioState) -> None:
    patient = scenario_state.patient
    station = scenario_state.care_system
    pool = list(patient.teams_of(station)) if station else list(patient.allowed_teams)
    expected = [t.display_name for t in recipients_order(pool)]
    offered = scenario_state.on(SelectCareTeamPage).care_team_options()
    assert offered == expected, f"care teams offered in the order {offered}, expected {expected}"


@then("keyboard focus is on the care-team field")
def focus_on_care_team_field(page: Page, scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    expect(select.care_team_error()).to_be_visible()
    # The app moves focus once the error has rendered; wait for it as a person would, then hold it.
    wait_until(page, select.care_team_field_has_focus, "keyboard focus to reach the care-team field")
