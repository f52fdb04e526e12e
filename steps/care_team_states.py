"""States of patients who cannot message some or all care teams, of patients whose care moves to Oracle
Health (migration alerts, the care-team hint), and of the folder pages (mocks/web/FIDELITY.md).

What a page should say is computed from what the app received (the oracle: `scenario_state.patient` and
the recorded responses), restating the vets-website rules; the Gherkin words only choose which state a
scenario is about, and a patient who is not in that state fails on the mock and skips on staging.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

import contract
from harness.oracle.patient import CareTeam, ObservedPatient
from mocks.client import Session
from pages import (
    FolderPage,
    LegacyComposePage,
    MoreFoldersPage,
    RecentCareTeamsPage,
    SecureMessagingApp,
    SelectCareTeamPage,
    StartMessagePage,
)
from pages.base import BasePage
from pages.components import VaAlertExpandable
from pages.router import wait_for_flow_page
from steps.care_teams import choose_on_select_page
from steps.state import ScenarioState, wait_until

IPE_TOOLTIP = "sm_care_team_list_update_ipe"
IPE_MAX_VIEWS = 3  # InProductionEducationAlert: hidden once a patient saw it three times

# BlockedTriageAlertText (util/constants.js): straight apostrophes, as the app writes them.
ALL_BLOCKED = "You can't send messages to your care teams right now"
NOT_CONNECTED = "You're not connected to any care teams in this messaging tool"
SEVERAL_BLOCKED = "You can't send messages to some of your care teams"
FIND_FACILITY = "Find your VA health facility"

# SmMigratingFacilitiesAlerts: which phases warn, which tell of the blackout (p0, p6, p7: nothing).
WARNING_PHASES = ("p1", "p2")
ERROR_PHASES = ("p3", "p4", "p5")
MIGRATION_ERROR = "You can’t use messages to contact providers at some facilities right now"


# ---------------------------------------------------------------- what the app received
def _user_doc(scenario_state: ScenarioState) -> dict[str, Any]:
    scenario_state.traffic.settle(scenario_state.page, "user")
    exchange = scenario_state.traffic.latest("user")
    return exchange.response_json if exchange and isinstance(exchange.response_json, dict) else {}


def _va_profile(scenario_state: ScenarioState) -> dict[str, Any]:
    return ((_user_doc(scenario_state).get("data") or {}).get("attributes") or {}).get("vaProfile") or {}


def _is_oracle_health_patient(scenario_state: ScenarioState, patient: ObservedPatient) -> bool:
    """selectIsCernerPatient: one of the profile's facilities is an Oracle Health (Cerner) facility."""
    facilities = _va_profile(scenario_state).get("facilities") or []
    cerner = [
        f.get("isCerner") is True or patient.system(str(f.get("facilityId"))).ehr == "cerner"
        for f in facilities
    ]
    return any(cerner)


def _blocked_items(patient: ObservedPatient) -> list[CareTeam | str]:
    """buildBlockedItemsList (util/blockedTriageGroupUtils.js): the blocked care teams, or the fully
    blocked care systems (stations) that have a VAMC name, or, with two or more blocked teams, the teams
    outside those systems followed by the systems."""
    named = [s for s in patient.blocked_stations if patient.system(s).name != s]  # unnamed are left out
    teams = list(patient.blocked_teams)
    if named and len(teams) > 1:
        return [t for t in teams if t.station not in named] + list(named)
    return list(teams) if teams else list(named)


def _title_for(patient: ObservedPatient, items: list[CareTeam | str]) -> str | None:
    if len(items) != 1:
        return SEVERAL_BLOCKED if items else None
    item = items[0]
    if isinstance(item, str):
        return f"You can't send messages to care teams at {patient.system(item).name}"
    return f"You can't send messages to {item.display_name}"


def expected_blocked_title(patient: ObservedPatient) -> str | None:
    """The title of the blocked-care-teams alert on select care team (BlockedTriageGroupAlert with a
    folder-header parent and util/blockedTriageGroupUtils.js), or None when none is shown there."""
    stations = patient.blocked_stations
    if not (len(stations) == 1 or (patient.blocked_teams and not stations)):
        return None  # SelectCareTeam shows it for one fully blocked care system, or blocked teams only
    return _title_for(patient, _blocked_items(patient))


def expected_recent_blocked_title(patient: ObservedPatient) -> str | None:
    """On recent care teams (RecentCareTeams): only when exactly one care system is fully blocked."""
    if patient.all_blocked or len(patient.blocked_stations) != 1:
        return None
    return _title_for(patient, _blocked_items(patient))


def expected_legacy_blocked_items(patient: ObservedPatient) -> list[str]:
    """What the legacy form's alert lists (compose-form parent): two or more blocked items, each a team's
    shown name or "Care teams at <care system>"; nothing for a single item."""
    items = _blocked_items(patient)
    if len(items) < 2:
        return []
    return [
        f"Care teams at {patient.system(i).name}" if isinstance(i, str) else i.display_name for i in items
    ]


def _expected_title_here(scenario_state: ScenarioState) -> tuple[str | None, str, str]:
    """The title the current page's blocked alert should have, its rendering, and the premise's words."""
    current, patient = scenario_state.current, scenario_state.patient
    if isinstance(current, RecentCareTeamsPage):
        words = "exactly one care system whose care teams are all blocked"
        return expected_recent_blocked_title(patient), "info", words
    if isinstance(current, LegacyComposePage):
        words = "some blocked care teams and some to message"
        title = None if patient.all_blocked else _title_for(patient, _blocked_items(patient))
        return title, "warning", words
    where = "blocked alerts are checked there, on recent care teams or on the legacy form"
    scenario_state.on(SelectCareTeamPage, where)
    return expected_blocked_title(patient), "info", "some blocked care teams (one care system at most)"


def _expect_title(page_object: BasePage, title: str) -> None:
    expect(page_object.blocked_alert().first).to_be_visible()
    shown = page_object.blocked_alert_title()
    assert shown == title, f"the blocked alert says {shown!r}, expected {title!r}"


# ---------------------------------------------------------------- blocked care teams
@then("they are told which care teams they cannot send messages to")
def told_which_blocked(scenario_state: ScenarioState) -> None:
    """Select care team and recent care teams: an info `va-alert`; the legacy form: a warning expandable
    that lists two or more blocked items."""
    current = scenario_state.current
    title, status, words = _expected_title_here(scenario_state)
    scenario_state.premise(title is not None, words, scenario_state.patient)
    assert title is not None
    expect(current.blocked_alert()).to_have_count(1)
    expect(current.blocked_alert()).to_have_attribute("status", status)
    _expect_title(current, title)
    if isinstance(current, LegacyComposePage):
        current.open_blocked_alert()  # opened for reading and for the accessibility scan
        listed = sorted(t.strip() for t in current.blocked_items().all_text_contents())
        wanted = sorted(expected_legacy_blocked_items(scenario_state.patient))
        assert listed == wanted, f"the alert lists {listed}, expected {wanted}"


def _as_if_removed_were_blocked(patient: ObservedPatient) -> ObservedPatient:
    removed = set(patient.removed_teams)
    teams = tuple(replace(t, blocked=True) if t in removed else t for t in patient.teams)
    return replace(patient, teams=teams)


@then("the care teams they removed from their contact list are not counted as blocked")
def removed_not_blocked(scenario_state: ScenarioState) -> None:
    """A team removed from the contact list (`preferredTeam: false`) can be added back; only
    `blockedStatus: true` makes it blocked, so the alert's title is the one the blocked teams alone give."""
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    removed = [t.display_name for t in patient.removed_teams]
    scenario_state.premise(bool(removed), "a care team removed from the contact list", patient)
    wanted = expected_blocked_title(patient)
    miscounted = expected_blocked_title(_as_if_removed_were_blocked(patient))
    words = "an alert that reads differently when removed care teams count as blocked"
    scenario_state.premise(wanted is not None and wanted != miscounted, words, patient)
    expect(select.blocked_alert()).to_have_count(1)
    shown = select.blocked_alert_title()
    blocked = [t.display_name for t in patient.blocked_teams]
    assert shown == wanted, (
        f"the blocked alert says {shown!r}; the blocked care teams {blocked} give {wanted!r}"
        + (f", and counting the removed ones {removed} as blocked gives that" if shown == miscounted else "")
    )


@then("the blocked care teams are named above the care team list")
def blocked_above_list(scenario_state: ScenarioState) -> None:
    current = scenario_state.on(LegacyComposePage)
    assert current.blocked_alert_is_above_to_list(), 'the blocked alert is not above the "To" list'


@then("they are offered a way to find their VA health facility")
def find_facility_offered(scenario_state: ScenarioState) -> None:
    link = scenario_state.current.find_facility_link()
    expect(link).to_have_attribute("text", FIND_FACILITY)
    expect(link).to_be_visible()


@then("they can still choose one of their allowed care teams")
def can_still_choose(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    scenario_state.premise(bool(patient.allowed_teams), "an allowed care team", patient)
    team = patient.allowed_teams[-1]
    choose_on_select_page(scenario_state, select, team)
    expect(select.care_team_combo_box().input()).to_have_value(re.compile("^" + re.escape(team.display_name)))
    offered = set(select.care_team_options())
    leaked = [t.display_name for t in patient.blocked_teams if t.display_name in offered]
    assert not leaked, f"blocked care teams offered: {leaked}"


@then("no care system whose care teams are all blocked is offered")
def blocked_systems_not_offered(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    blocked = patient.blocked_stations
    scenario_state.premise(bool(blocked), "a care system whose care teams are all blocked", patient)
    offered_ids = select.care_system_ids()
    offered_names = select.care_system_options()
    leaked = [
        f"{patient.system(s).name} ({s})"
        for s in blocked
        if s in offered_ids or patient.system(s).name in offered_names
    ]
    assert not leaked, (
        f"care systems whose care teams are all blocked are offered: {leaked}; offered {offered_names}"
    )


@then("they are told they cannot send messages to their care teams")
def told_all_blocked(scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    patient = scenario_state.patient
    scenario_state.premise(patient.all_blocked, "every care team blocked", patient)
    if isinstance(current, SelectCareTeamPage):
        host = current.blocked_alert().first
        expect(host).to_have_attribute("data-dd-action-name", "Blocked Triage Group Alert Expandable")
        expect(host).to_have_attribute("status", "warning")
        VaAlertExpandable(host).expand()  # opened, so an accessibility scan reads its body too
    else:
        expect(current.blocked_alert().first).to_have_attribute("status", "warning")
    _expect_title(current, ALL_BLOCKED)


@then("they are told they are not connected to any care teams")
def told_not_connected(scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    patient = scenario_state.patient
    scenario_state.premise(
        patient.recipients_status == 200 and patient.no_associations, "an empty care-team list", patient
    )
    expect(current.blocked_alert().first).to_have_attribute("status", "info")
    _expect_title(current, NOT_CONNECTED)


@then(parsers.parse('they are not offered "{name}"'))
def not_offered(scenario_state: ScenarioState, name: str) -> None:
    current = scenario_state.current
    current.expect_loaded()
    scenario_state.patient  # noqa: B018 - the page is final once the care-team list arrived
    expect(current.link(name)).to_have_count(0)


@then(parsers.parse('they are offered "{name}"'))
def offered(scenario_state: ScenarioState, name: str) -> None:
    expect(scenario_state.current.link(name)).to_be_visible()


@then(parsers.parse("they stay on the {name} address"))
def stays_at(page: Page, scenario_state: ScenarioState, name: str) -> None:
    wanted = contract.BY_NAME[name]
    scenario_state.patient  # noqa: B018 - a redirect would follow the care-team list
    expect(page).to_have_url(contract.at_path(wanted))
    expect(scenario_state.current.blocked_alert().first).to_be_visible()


@then("no message form is offered")
def no_form(scenario_state: ScenarioState) -> None:
    expect(scenario_state.on(LegacyComposePage).message_fields()).to_have_count(0)


@when("they select a different care team")
def select_different(scenario_state: ScenarioState) -> None:
    scenario_state.current = scenario_state.on(StartMessagePage).select_different_care_team()


# ---------------------------------------------------------------- Oracle Health migration
def _schedules(scenario_state: ScenarioState) -> list[dict[str, Any]]:
    profile = _va_profile(scenario_state)
    migrating = profile.get("userAtPretransitionedOhFacility") or profile.get("userFacilityMigratingToOh")
    schedules = profile.get("migrationSchedules") if migrating else []
    return [s for s in schedules or [] if isinstance(s, dict)]


_ALERT_WORDS = {
    "a warning with the dates": "warning",
    "an error naming the facility": "error",
    "no alert": None,
}


@then(parsers.parse("they see {alert} about the move to Oracle Health"))
def migration_alert(scenario_state: ScenarioState, alert: str) -> None:
    if alert not in _ALERT_WORDS:
        raise ValueError(f"say one of {', '.join(_ALERT_WORDS)}, not {alert!r}")
    select = scenario_state.on(SelectCareTeamPage)
    schedules = _schedules(scenario_state)
    phases = [(s.get("phases") or {}).get("current") for s in schedules]
    warnings = [s for s, p in zip(schedules, phases, strict=True) if p in WARNING_PHASES]
    errors = [s for s, p in zip(schedules, phases, strict=True) if p in ERROR_PHASES]
    kind = _ALERT_WORDS[alert]
    wanted = {"warning": bool(warnings), "error": bool(errors), None: not warnings and not errors}[kind]
    scenario_state.premise(wanted, f"a facility in migration for {alert} (phases {phases or 'none'})")
    select.care_team_combo_box().input().wait_for()
    expect(select.migration_alerts()).to_have_count(len(warnings) + len(errors))
    if kind == "warning":
        schedule = warnings[0]
        warning = select.migration_warning()
        start = (schedule.get("phases") or {}).get("p3")
        assert warning.trigger_text() == f"Updates will begin on {start}", warning.trigger_text()
        assert warning.attribute("status") == "warning", warning.attribute("status")
        warning.expand()  # opened for reading and for the accessibility scan
        for facility in schedule.get("facilities") or []:
            expect(warning.showing(str(facility.get("facilityName")))).to_have_count(1)
    elif kind == "error":
        schedule = errors[0]
        error = select.migration_error()
        assert error.attribute("status") == "error", error.attribute("status")
        assert error.headline() == MIGRATION_ERROR, error.headline()
        for facility in schedule.get("facilities") or []:
            expect(error.showing(str(facility.get("facilityName")))).to_have_count(1)


# ---------------------------------------------------------------- the care-team hint (IPE)
@given("they have not seen the care-team hint before")
def hint_never_seen(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    request.getfixturevalue("mock_session").set_tooltips([])


@given(parsers.parse("they have seen the care-team hint {times:d} times"))
def hint_seen(request: pytest.FixtureRequest, scenario_state: ScenarioState, times: int) -> None:
    request.getfixturevalue("mock_session").set_tooltips([{"tooltipName": IPE_TOOLTIP, "counter": times}])


def _hint_due(scenario_state: ScenarioState) -> bool:
    """Whether the hint is due on this view, from the tooltip list the app received."""
    traffic, page = scenario_state.traffic, scenario_state.page
    patient = scenario_state.patient
    if not _is_oracle_health_patient(scenario_state, patient):
        return False
    traffic.settle(page, "tooltips")
    record = traffic.patient().tooltips.get(IPE_TOOLTIP)
    return record is None or (not record.get("hidden") and int(record.get("counter") or 0) < IPE_MAX_VIEWS)


@then("they see the care-team hint")
def sees_hint(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    scenario_state.premise(_hint_due(scenario_state), "an Oracle Health patient due to see the hint")
    hint = select.care_team_hint()
    expect(hint).to_be_visible()
    expect(hint).to_have_attribute("aria-label", "Tooltip for care team selection")
    expect(hint).to_contain_text("We updated your list of care teams.")
    expect(select.stop_showing_hint_button().button()).to_be_visible()


def _tooltip_calls(mock_session: Session, endpoint: str) -> list[dict[str, Any]]:
    return [e for e in mock_session.journal() if e.get("endpoint") == endpoint]


@then("the hint counts this view")
def hint_counted(page: Page, scenario_state: ScenarioState, request: pytest.FixtureRequest) -> None:
    mock_session = request.getfixturevalue("mock_session")
    before = scenario_state.traffic.patient().tooltips.get(IPE_TOOLTIP)
    wanted = int((before or {}).get("counter") or 0) + 1
    wait_until(
        page,
        lambda: any(
            t["tooltipName"] == IPE_TOOLTIP and t["counter"] == wanted
            for t in mock_session.patient()["tooltips"]
        ),
        f"the hint's view count to reach {wanted}",
    )


@then("they do not see the care-team hint")
def no_hint(page: Page, scenario_state: ScenarioState, request: pytest.FixtureRequest) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    select.care_team_combo_box().input().wait_for()
    scenario_state.traffic.settle(page, "tooltips")
    if not scenario_state.hint_dismissed:
        scenario_state.premise(not _hint_due(scenario_state), "a patient not due to see the hint")
    # The hint would follow the tooltip answer; it is decided once the app updated the record.
    mock_session = request.getfixturevalue("mock_session")
    wait_until(
        page, lambda: _tooltip_calls(mock_session, "tooltip_update"), "the app to update the hint's record"
    )
    expect(select.care_team_hint()).to_have_count(0)


@then("the hint is put away for good")
def hint_hidden(page: Page, request: pytest.FixtureRequest) -> None:
    mock_session = request.getfixturevalue("mock_session")
    wait_until(
        page,
        lambda: any(
            t["tooltipName"] == IPE_TOOLTIP and t["hidden"] for t in mock_session.patient()["tooltips"]
        ),
        "the hint's record to be hidden",
    )


@when("they stop showing the hint")
def stop_hint(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    expect(select.care_team_hint()).to_be_visible()
    select.stop_showing_hint()
    scenario_state.hint_dismissed = True


@when(parsers.parse("they choose an {kind} care team"))
def choose_an(scenario_state: ScenarioState, kind: str) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    choose_on_select_page(scenario_state, select, scenario_state.team_of_kind(kind))


# ---------------------------------------------------------------- folder pages
@when("they open More folders")
def open_more_folders(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_path(contract.FOLDERS)


@when("they open their drafts")
def open_drafts(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_path(contract.DRAFTS)


@when("they start a new message from there")
def start_from_here(scenario_state: ScenarioState) -> None:
    scenario_state.current = scenario_state.on(FolderPage).start_new_message()


@then("they are on More folders")
def on_more_folders(page: Page, scenario_state: ScenarioState) -> None:
    folders = MoreFoldersPage(page).expect_loaded()
    expect(page).to_have_url(contract.at_path(contract.FOLDERS))
    scenario_state.current = folders


@then("the Back link leads to More folders")
def back_to_more_folders(page: Page, scenario_state: ScenarioState) -> None:
    leaving = scenario_state.current
    leaving.go_back()
    scenario_state.current = wait_for_flow_page(page, leaving=leaving)
    on_more_folders(page, scenario_state)
