"""The release plan's tracked links and Datadog RUM: destination, accessible name, the RUM action each click
records (read from the intake: the mock's journal, or intercepted in staging), and DD collection."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

import contract
from harness.rum import Rum, init_configuration, tracked_actions
from pages import InterstitialPage, RecentCareTeamsPage, SecureMessagingApp, SelectCareTeamPage
from pages.components.modal import CloseBy
from pages.router import wait_for_flow_page
from pages.select_care_team import CARE_SYSTEM_LEGEND
from pages.tracked import by_element, click, clicks_on
from steps.care_teams import choose_on_select_page, recent_expected
from steps.compose import compose_form
from steps.navigation import page_class
from steps.state import FollowedLink, ScenarioState, record_evidence, required


@when(parsers.parse('they follow the "{name}" link'))
def follow_link(page: Page, scenario_state: ScenarioState, name: str) -> None:
    link = scenario_state.current.link(name)
    expect(link).to_be_visible()  # found by role and accessible name, so the name is right
    scenario_state.link = FollowedLink(page.url, name, link.get_attribute("href"))
    row = by_element(name)
    if row is None:
        link.click()
    else:
        click(page, link, row)  # a tracked link: counted as a click the scenario made
    scenario_state.current = wait_for_flow_page(page)


@then(parsers.parse("the link led to the {name} address"))
def link_destination(page: Page, scenario_state: ScenarioState, name: str) -> None:
    expected = contract.BY_NAME[name]
    link = required(scenario_state.link, "link followed")
    href_path = urlparse(urljoin(link.source, link.href or "")).path
    assert href_path == expected, f"link {link.name!r} points to {link.href!r}, not {expected}"
    assert urlparse(page.url).path == expected, f"landed on {page.url}, not {expected}"
    link.final_url = page.url


UNNAMED = ("Masked Element", "", None)  # the SDK's placeholder under data-dd-privacy="mask", or no name


def _path(url: str) -> str:
    return urlparse(url).path


def _assert_one_click(rum: Rum, name: str, view: str | None) -> dict[str, Any]:
    """Exactly one action named `name` (of any type: a dashboard query on the name counts them all)."""
    named = rum.actions(name)
    seen = sorted({str(a.get("name")) for a in rum.actions()})
    unnamed = [a for a in rum.actions() if a.get("name") in UNNAMED]
    hint = f" ({len(unnamed)} click(s) Datadog could not name: {UNNAMED})" if unnamed else ""
    assert named, f"RUM recorded no action named {name!r}; it recorded: {seen}{hint}"
    assert len(named) == 1, (
        f"one click, but RUM recorded {len(named)} actions named {name!r}: "
        f"{[(a.get('type'), a['view'].get('path')) for a in named]} (the dashboard would count each)"
    )
    action = named[0]
    kind = action.get("type")
    assert kind == "click", f"RUM recorded {name!r} as a {kind!r} action, not a click"
    if view is not None:
        assert action["view"].get("path") == view, (
            f"RUM put the click {name!r} on the view {action['view'].get('path')!r}, not {view!r}"
        )
    return action


def _record(
    request: pytest.FixtureRequest, page: Page, scenario_state: ScenarioState, rum: Rum, name: str
) -> None:
    evidence = record_evidence(request)
    if evidence is None:
        return
    evidence.add_rum(rum.actions())
    link = scenario_state.link
    if link is not None and link.name in (name, *_aliases(name)):
        evidence.add_link(link.source, link.name, link.href or "", link.final_url or page.url, name)


def _aliases(name: str) -> list[str]:
    return next((names for names in tracked_actions() if name in names), [])


@then(parsers.parse('RUM recorded the click "{name}"'))
def rum_recorded(
    page: Page, rum: Rum, scenario_state: ScenarioState, request: pytest.FixtureRequest, name: str
) -> None:
    """Exactly one click action with this name, on the page the followed link was on (when one was)."""
    rum.flush(page)
    link = scenario_state.link
    view = _path(link.source) if link is not None and link.name in (name, *_aliases(name)) else None
    _assert_one_click(rum, name, view)
    scenario_state.rum_clicked.append(name)
    _record(request, page, scenario_state, rum, name)


@then(parsers.parse('RUM recorded the click "{name}" on the {page_name} page'))
def rum_recorded_on(
    page: Page,
    rum: Rum,
    scenario_state: ScenarioState,
    request: pytest.FixtureRequest,
    name: str,
    page_name: str,
) -> None:
    rum.flush(page)
    _assert_one_click(rum, name, contract.BY_NAME[page_name])
    scenario_state.rum_clicked.append(name)
    _record(request, page, scenario_state, rum, name)


@when("they choose each of their care systems in turn")
def choose_each_system(scenario_state: ScenarioState) -> None:
    select = scenario_state.on(SelectCareTeamPage)
    patient = scenario_state.patient
    systems = patient.care_systems
    scenario_state.premise(patient.chooser == "radio", "2 to 5 care systems, chosen with radio buttons")
    for system in systems:
        select.choose_care_system(system.name)
        expect(select.care_system_radio().radio(system.name)).to_be_checked()
    scenario_state.systems_chosen = len(systems)


@then(
    parsers.parse('RUM recorded one click "{name}" on the {page_name} page for each care system they chose')
)
def rum_one_click_per_system(
    page: Page,
    rum: Rum,
    scenario_state: ScenarioState,
    request: pytest.FixtureRequest,
    name: str,
    page_name: str,
) -> None:
    """As many actions with this name as clicks (any type: the dashboard counts them all), each a click."""
    chosen = scenario_state.systems_chosen
    rum.flush(page)
    named = rum.actions(name)
    described = [(a.get("type"), a["view"].get("path")) for a in named]
    assert len(named) == chosen, (
        f"{chosen} care systems chosen, one click each, but RUM recorded {len(named)} actions named "
        f"{name!r}: {described} (the dashboard would count each)"
    )
    view = contract.BY_NAME[page_name]
    wrong = [d for d in described if d != ("click", view)]
    assert not wrong, f"each {name!r} should be a click on {view}; RUM recorded {described}"
    scenario_state.rum_clicked.append(name)
    _record(request, page, scenario_state, rum, name)


@then("RUM recorded no action for the tracked elements they did not touch")
def rum_untouched(page: Page, rum: Rum, scenario_state: ScenarioState) -> None:
    """The release plan's other tracked elements stay at zero: nothing counts a click that did not happen."""
    rum.flush(page)
    touched = set(scenario_state.rum_clicked) | set(clicks_on(page))
    for names in tracked_actions():
        if touched & set(names):
            continue
        counted = [a for a in rum.actions() if a.get("name") in names]
        assert not counted, (
            f"the patient never touched {names[0]!r}, yet RUM recorded "
            f"{[(a.get('name'), a.get('type'), a['view'].get('path')) for a in counted]}"
        )


@then("the care system radio buttons are named after the care systems")
def radio_names(scenario_state: ScenarioState) -> None:
    radio = scenario_state.on(SelectCareTeamPage).care_system_radio()
    expect(radio.legend()).to_contain_text(CARE_SYSTEM_LEGEND)
    for system in scenario_state.patient.care_systems:
        name = re.compile("^" + re.escape(system.name))
        expect(radio.radios(name)).to_have_count(1)


@then(parsers.parse('the care system radio buttons are tracked as "{name}"'))
def radio_tracked(scenario_state: ScenarioState, name: str) -> None:
    assert scenario_state.on(SelectCareTeamPage).care_system_radio().rum_action_name() == name


def walk_new_flow(app: SecureMessagingApp, scenario_state: ScenarioState) -> Iterator[str]:
    """Each page of the new flow, reached as a patient reaches it (a direct load of most of them is
    redirected to the interstitial): inbox, Start a new message, interstitial, continue, recent care teams,
    "A different care team", select care team, "Can't find your care team", care team help, back, a care
    team, continue, start message. Each becomes the current page; its name is yielded. Only opens pages:
    it never saves or sends."""
    scenario_state.current = app.open_inbox().start_new_message()
    yield "interstitial"
    scenario_state.current = scenario_state.on(InterstitialPage).continue_(recent_expected(scenario_state))
    yield "recent care teams"
    recent = scenario_state.on(RecentCareTeamsPage)
    recent.choose_different_care_team()
    scenario_state.current = recent.continue_()
    yield "select care team"
    help_page = scenario_state.on(SelectCareTeamPage).open_care_team_help()
    scenario_state.current = help_page
    yield "care team help"
    help_page.go_back()
    scenario_state.current = wait_for_flow_page(app.page, leaving=help_page)
    select = scenario_state.on(SelectCareTeamPage)
    choose_on_select_page(scenario_state, select, scenario_state.team_of_kind("any"))
    scenario_state.current = select.continue_()
    yield "start message"


def reached(page: Page, scenario_state: ScenarioState, name: str) -> str:
    """Assert the current page is the page named (its route and h1) before anything is recorded about it;
    the h1."""
    expected = contract.BY_NAME[name]
    shown = scenario_state.on(page_class(name))
    shown.expect_loaded()
    route = urlparse(page.url).path
    assert route.rstrip("/") == expected.rstrip("/"), f"the {name} page is at {page.url}, not {expected}"
    return shown.heading_text()


@when("they open each page of the new flow")
def open_each_new_flow_page(
    page: Page,
    app: SecureMessagingApp,
    scenario_state: ScenarioState,
    rum: Rum,
    request: pytest.FixtureRequest,
) -> None:
    """Go through the new flow and read RUM's init configuration on each page, once it is shown (route and
    h1). In-app navigation only, so no unload beacon goes out between pages. Read-only: safe on staging."""
    evidence = record_evidence(request)
    checked: list[dict[str, Any]] = []
    for name in walk_new_flow(app, scenario_state):
        h1 = reached(page, scenario_state, name)
        config = init_configuration(page)
        checked.append({"page": name, "url": page.url, "h1": h1, "config": config})
        if evidence is not None:
            evidence.add_rum_collection(name, page.url, config, h1=h1)
    scenario_state.rum_configs = checked


@then(parsers.parse('Datadog RUM collects {rate:d}% of the sessions of "{service}" on each of them'))
def collection_on_each(scenario_state: ScenarioState, rate: int, service: str) -> None:
    wrong = []
    for entry in scenario_state.rum_configs:
        config = entry["config"]
        if config is None:
            wrong.append(f"{entry['page']} ({entry['url']}): RUM is not initialised")
        elif config.get("sessionSampleRate") != rate or config.get("service") != service:
            wrong.append(
                f"{entry['page']} ({entry['url']}): sessionSampleRate "
                f"{config.get('sessionSampleRate')}, service {config.get('service')!r}"
            )
    assert not wrong, f"DD collection is not {rate}% for {service!r} on:\n" + "\n".join(wrong)


@then(parsers.parse('RUM recorded the action "{name}"'))
def rum_recorded_action(
    page: Page, rum: Rum, scenario_state: ScenarioState, request: pytest.FixtureRequest, name: str
) -> None:
    """Exactly one action with this name, of any type: the app's own `addAction` (a custom action, as for
    clicks in a va-modal's shadow root, which Datadog cannot name) counts on the dashboard like a click."""
    rum.flush(page)
    named = rum.actions(name)
    seen = sorted({str(a.get("name")) for a in rum.actions()})
    assert len(named) == 1, f"RUM recorded {len(named)} actions named {name!r}, not one; it recorded: {seen}"
    _record(request, page, scenario_state, rum, name)


# --- every tracked control keeps its RUM name; every modal closes from the keyboard ------------------

# How a person closes a modal from the keyboard, in the scenarios' words (VaModal.close).
CLOSE_KEYS: dict[str, CloseBy] = {"Escape": "escape", "its close button": "keyboard"}


def _close_by(key: str) -> CloseBy:
    if key not in CLOSE_KEYS:
        raise ValueError(f"close a modal with one of {sorted(CLOSE_KEYS)}, not {key!r}")
    return CLOSE_KEYS[key]


@when("they click each tracked control of the compose form once")
def click_each_compose_control(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).click_each_tracked_control()


@then("RUM recorded exactly one action of its real name for each tracked control they clicked")
def one_action_per_tracked_click(
    page: Page, rum: Rum, scenario_state: ScenarioState, request: pytest.FixtureRequest
) -> None:
    """Names as the dashboard queries them: case-sensitive. A click counted under another spelling is a
    click the dashboard never sees."""
    rum.flush(page)
    clicked = Counter(clicks_on(page))
    assert clicked, "no tracked control was clicked"
    wrong = []
    for name, times in clicked.items():
        named = rum.actions(name)
        if len(named) == times:
            continue
        spelt = {str(a.get("name")) for a in rum.actions()}
        near = sorted(n for n in spelt if n.casefold() == name.casefold() and n != name)
        hint = f"; RUM recorded {near} instead, another action on the dashboard" if near else ""
        wrong.append(f"{name!r}: clicked {times}, RUM recorded {len(named)} action(s) of that name{hint}")
    assert not wrong, "tracked controls that lost their RUM name:\n" + "\n".join(wrong)
    scenario_state.rum_clicked.extend(clicked)
    _record(request, page, scenario_state, rum, next(iter(clicked)))


@when(parsers.parse("they close the leave-page warning with {key}"))
def close_leave_warning(scenario_state: ScenarioState, key: str) -> None:
    scenario_state.current.close_leave_page_modal(_close_by(key))


@then("the leave-page warning is closed and focus is back on the Back link")
def leave_warning_closed(page: Page, scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    expect(current.leave_page_modal().dialog(), "the leave-page warning stays open").to_have_count(0)
    assert current.is_current(), f"left the page: now at {page.url}"
    current.wait_for_keyboard_focus(current.back_link().link())


@when(parsers.parse("they close the delete-draft dialog with {key}"))
def close_delete_dialog_with(scenario_state: ScenarioState, key: str) -> None:
    compose_form(scenario_state).close_delete_draft_dialog(_close_by(key))


@then("the delete-draft dialog is closed and focus is back on the Delete draft button")
def delete_dialog_closed(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    expect(form.delete_draft_dialog().dialog(), "the delete-draft dialog stays open").to_have_count(0)
    form.wait_for_keyboard_focus(form.delete_draft_button())


@when(parsers.parse("they close the dialog about files in a draft with {key}"))
def close_files_dialog_with(scenario_state: ScenarioState, key: str) -> None:
    compose_form(scenario_state).close_save_draft_warning(_close_by(key))


@then("the dialog about files in a draft is closed and focus is back on the Save draft button")
def files_dialog_closed(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    expect(form.save_draft_warning().dialog(), "the dialog stays open").to_have_count(0)
    form.wait_for_keyboard_focus(form.save_draft_button())


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_bdd_after_scenario(request: pytest.FixtureRequest, **_: Any) -> None:
    """Hand the evidence every click on a tracked element the page objects made in this scenario, asserted
    or not (before the recorder's own after-scenario hook records RUM beside them)."""
    if "page" not in request.fixturenames or "scenario_state" not in request.fixturenames:
        return
    evidence = record_evidence(request)
    if evidence is not None:
        evidence.add_tracked_clicks(clicks_on(request.getfixturevalue("page")))
