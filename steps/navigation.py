"""Moving through the app: entering the flow, continuing, going back, landing on pages."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

import contract
from pages import (
    CareTeamHelpPage,
    ContactListPage,
    FolderPage,
    InterstitialPage,
    LegacyComposePage,
    MoreFoldersPage,
    NotFoundPage,
    RecentCareTeamsPage,
    SecureMessagingApp,
    SelectCareTeamPage,
    StartMessagePage,
)
from pages.base import BasePage
from pages.router import wait_for_flow_page
from steps.care_teams import go_to_select, recent_expected
from steps.state import ScenarioState, required

PAGES: dict[str, type[BasePage]] = {
    "inbox": FolderPage,
    "interstitial": InterstitialPage,
    "recent care teams": RecentCareTeamsPage,
    "select care team": SelectCareTeamPage,
    "care team help": CareTeamHelpPage,
    "start message": StartMessagePage,
    "contact list": ContactListPage,
    "legacy start message": LegacyComposePage,
    "page not found": NotFoundPage,
}


def page_class(name: str) -> type[BasePage]:
    if name not in PAGES:
        raise ValueError(f"unknown page {name!r}; known: {', '.join(PAGES)}")
    return PAGES[name]


@when("they start a new message")
def start_new_message(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_inbox().start_new_message()


@when("they start a new message and continue")
def start_and_continue(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    interstitial = app.open_inbox().start_new_message()
    scenario_state.current = interstitial.continue_(recent_expected(scenario_state))


@when("they continue")
def continue_(scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    if isinstance(current, InterstitialPage):
        scenario_state.current = current.continue_(recent_expected(scenario_state))
    else:
        scenario_state.current = current.continue_()  # type: ignore[attr-defined]


@when(parsers.parse("they open the {name} page directly"))
def open_directly(app: SecureMessagingApp, scenario_state: ScenarioState, name: str) -> None:
    scenario_state.current = app.open_path(contract.BY_NAME[name])


@when(parsers.parse("they open the {name} page directly, {form} the trailing slash"))
def open_directly_slash(app: SecureMessagingApp, scenario_state: ScenarioState, name: str, form: str) -> None:
    if form not in ("with", "without"):
        raise ValueError(f"say 'with' or 'without' the trailing slash, not {form!r}")
    path = contract.BY_NAME[name]
    scenario_state.current = app.open_path(path if form == "with" else contract.without_trailing_slash(path))


@when("they open a page that does not exist")
def open_missing(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_path(f"{contract.APP_ROOT}/no-such-page/")


@when("they go back")
def go_back(page: Page, scenario_state: ScenarioState) -> None:
    leaving = scenario_state.current
    leaving.go_back()
    scenario_state.current = wait_for_flow_page(page, leaving=leaving)


@when("they try to go back")
def try_go_back(scenario_state: ScenarioState) -> None:
    """Back that the app may hold up (the leave-page warning), so no new page is awaited."""
    scenario_state.current.go_back()


@then(parsers.parse("they see the {name} page"))
def sees_page(page: Page, scenario_state: ScenarioState, name: str) -> None:
    expected = page_class(name)(page)
    try:
        expected.expect_loaded()
    except AssertionError as error:
        shown = expected.heading_text() if expected.heading().count() else None
        raise AssertionError(f"expected the {name} page, but the h1 is {shown!r} at {page.url}") from error
    scenario_state.current = expected


@then("they land on the inbox")
def lands_on_inbox(page: Page, scenario_state: ScenarioState) -> None:
    scenario_state.current = FolderPage(page).wait_for_arrival()


@then("keyboard focus is on the page heading")
def focus_on_h1(scenario_state: ScenarioState) -> None:
    expect(scenario_state.current.focused_heading()).to_be_visible()


@then(parsers.parse("the Back link leads to the {name} page"))
def back_leads_to(page: Page, scenario_state: ScenarioState, name: str) -> None:
    scenario_state.current.go_back()
    sees_page(page, scenario_state, name)


@then(parsers.parse('the page says "{text}"'))
def page_says(scenario_state: ScenarioState, text: str) -> None:
    expect(scenario_state.current.text(text).first).to_be_visible()


@then(parsers.parse('"{text}" is announced to screen readers'))
def announced(scenario_state: ScenarioState, text: str) -> None:
    expect(scenario_state.current.announcement(text).first).to_be_visible()


@then(parsers.parse('the page offers the link "{name}"'))
def offers_link(scenario_state: ScenarioState, name: str) -> None:
    expect(scenario_state.current.link(name)).to_be_visible()


@then(parsers.parse('they are warned "{title}" before leaving'))
def warned(scenario_state: ScenarioState, title: str) -> None:
    modal = scenario_state.current.leave_page_modal()
    expect(modal.dialog()).to_be_visible()
    expect(modal.dialog()).to_contain_text(title)


@when("they choose to keep editing")
def keep_editing(scenario_state: ScenarioState) -> None:
    scenario_state.current.leave_modal_button("primary").click()


@then("the warning closes and they stay on the page")
def warning_closed(page: Page, scenario_state: ScenarioState) -> None:
    expect(scenario_state.current.leave_page_modal().dialog()).to_have_count(0)
    assert scenario_state.current.is_current(), f"left the page: now at {page.url}"


@then(parsers.parse("the Back link points to the {name} address"))
def back_link_points_to(scenario_state: ScenarioState, name: str) -> None:
    """Where Back leads, read from the link itself (following it may bounce through a guard)."""
    expected = contract.BY_NAME[name]
    link = scenario_state.current.back_link().link()
    expect(link).to_have_attribute("href", re.compile(re.escape(expected) + "$"))
    href = link.get_attribute("href") or ""
    assert urlparse(href).path == expected, f"the Back link points to {href!r}, not the {name} address"


# Where a patient can reach the Veterans Crisis Line button in the flow.
CRISIS_LINE_PLACES = ("on the interstitial", "in the emergency note on select care team")


@when(parsers.parse("they open the Veterans Crisis Line {place}"))
def open_crisis_line(app: SecureMessagingApp, scenario_state: ScenarioState, place: str) -> None:
    if place not in CRISIS_LINE_PLACES:
        raise ValueError(f"say where: {' or '.join(CRISIS_LINE_PLACES)}, not {place!r}")
    if place == "on the interstitial":
        scenario_state.current = app.open_inbox().start_new_message()
    else:
        go_to_select(app, scenario_state)
        scenario_state.current.open_emergency_note()
    scenario_state.current.open_crisis_line()


@then(parsers.parse('screen readers are told "{text}" once focus settles'))
def told_once_focus_settles(scenario_state: ScenarioState, text: str) -> None:
    """The global alert's hidden live region says `text` (filled 1 s after focus last moved, 5 s at most)."""
    expect(scenario_state.current.alert_live_region()).to_have_text(text, timeout=8_000)


# ---------------------------------------------------------------- More folders (issue 24, area H)
# Inbox and Sent are reached from the inner navigation, so Folders.jsx leaves them out of its list; the
# Deleted folder (id -3) is shown as "Trash" (FoldersList).
NOT_LISTED = (0, -1)
SHOWN_AS = {-3: "Trash"}


def received_folders(scenario_state: ScenarioState) -> list[dict[str, Any]]:
    """The folders as the app received them (`GET …/folders`), in the API's order."""
    traffic = scenario_state.traffic
    traffic.settle(scenario_state.page, "folders")
    exchange = traffic.latest("folders")
    assert exchange is not None and exchange.ok, f"the app got no folder list: {exchange}"
    return [f.get("attributes", {}) for f in (exchange.response_json or {}).get("data", [])]


@then("More folders lists every folder the patient has but Inbox and Sent, in the order received")
def lists_every_folder(scenario_state: ScenarioState) -> None:
    folders = scenario_state.on(MoreFoldersPage)
    received = received_folders(scenario_state)
    expected = [SHOWN_AS.get(f["folderId"], f["name"]) for f in received if f["folderId"] not in NOT_LISTED]
    expect(folders.folder_items()).to_have_count(len(expected))
    assert folders.folder_names() == expected, (
        f"More folders lists {folders.folder_names()}, but the app received {expected} (in that order)"
    )


@then("Drafts and Trash are among them")
def drafts_and_trash_listed(scenario_state: ScenarioState) -> None:
    ids = {f["folderId"] for f in received_folders(scenario_state)}
    assert {-2, -3} <= ids, f"the folder list the app received lacks Drafts or Deleted: ids {sorted(ids)}"
    folders = scenario_state.on(MoreFoldersPage)
    for name in ("Drafts", "Trash"):
        expect(folders.folder_link(name)).to_be_visible()


@when(parsers.parse('they open "{name}" from there'))
def open_listed_folder(scenario_state: ScenarioState, name: str) -> None:
    folders = scenario_state.on(MoreFoldersPage)
    scenario_state.current = folders.open_folder(name)


@then("their saved draft is listed there, and its link opens it")
def saved_draft_listed(page: Page, scenario_state: ScenarioState) -> None:
    """The draft's subject links to `/thread/<draft id>/`, where the app opens a draft for editing."""
    expect(page).to_have_url(contract.at_path(contract.DRAFTS))
    link = scenario_state.on(FolderPage).thread_link(required(scenario_state.subject, "subject written"))
    expect(link).to_have_count(1)
    href = urlparse(link.get_attribute("href") or "").path
    expected = f"{contract.APP_ROOT}/thread/{scenario_state.draft_id}/"
    assert href == expected, f"the draft links to {href!r}, not {expected!r}"
