"""The release plan's tracked links and Datadog RUM: destination, accessible name, the RUM action each click
records (read from the intake: the mock's journal, or intercepted in staging), and DD collection."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from harness.rum import Rum, init_configuration, tracked_actions
from pages import SecureMessagingApp, SelectCareTeamPage, paths
from pages.router import wait_for_flow_page
from pages.select_care_team import CARE_SYSTEM_LEGEND
from steps.state import ScenarioState, record_evidence


@when(parsers.parse('they follow the "{name}" link'))
def follow_link(page: Page, scenario_state: ScenarioState, name: str) -> None:
    link = scenario_state.current.link(name)
    expect(link).to_be_visible()  # found by role and accessible name, so the name is right
    scenario_state["link"] = {"source": page.url, "name": name, "href": link.get_attribute("href")}
    link.click()
    scenario_state.current = wait_for_flow_page(page)


@then(parsers.parse("the link led to the {name} address"))
def link_destination(page: Page, scenario_state: ScenarioState, name: str) -> None:
    expected = paths.BY_NAME[name]
    link = scenario_state["link"]
    href_path = urlparse(urljoin(link["source"], link["href"] or "")).path
    assert href_path == expected, f"link {link['name']!r} points to {link['href']!r}, not {expected}"
    assert urlparse(page.url).path == expected, f"landed on {page.url}, not {expected}"
    link["final_url"] = page.url


UNNAMED = ("Masked Element", "", None)  # the SDK's placeholder under data-dd-privacy="mask", or no name


def _path(url: str) -> str:
    return urlparse(url).path


def _clicked(scenario_state: ScenarioState) -> list[str]:
    return scenario_state.setdefault("rum_clicked", [])


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


def _record(request: pytest.FixtureRequest, page: Page, scenario_state: ScenarioState, rum: Rum,
            name: str) -> None:
    evidence = record_evidence(request)
    if evidence is None:
        return
    evidence.add_rum(rum.actions())
    link = scenario_state.get("link")
    if link is not None and link["name"] in (name, *_aliases(name)):
        final_url = link.get("final_url", page.url)
        evidence.add_link(link["source"], link["name"], link["href"] or "", final_url, name)


def _aliases(name: str) -> list[str]:
    return next((names for names in tracked_actions() if name in names), [])


@then(parsers.parse('RUM recorded the click "{name}"'))
def rum_recorded(page: Page, rum: Rum, scenario_state: ScenarioState, request: pytest.FixtureRequest,
                 name: str) -> None:
    """Exactly one click action with this name, on the page the followed link was on (when one was)."""
    rum.flush(page)
    link = scenario_state.get("link")
    view = _path(link["source"]) if link is not None and link["name"] in (name, *_aliases(name)) else None
    _assert_one_click(rum, name, view)
    _clicked(scenario_state).append(name)
    _record(request, page, scenario_state, rum, name)


@then(parsers.parse('RUM recorded the click "{name}" on the {page_name} page'))
def rum_recorded_on(page: Page, rum: Rum, scenario_state: ScenarioState, request: pytest.FixtureRequest,
                    name: str, page_name: str) -> None:
    rum.flush(page)
    _assert_one_click(rum, name, paths.BY_NAME[page_name])
    _clicked(scenario_state).append(name)
    _record(request, page, scenario_state, rum, name)


@when("they choose each of their care systems in turn")
def choose_each_system(scenario_state: ScenarioState) -> None:
    select = scenario_state.current
    assert isinstance(select, SelectCareTeamPage), f"not on select care team but {type(select).__name__}"
    patient = scenario_state.patient
    systems = patient.care_systems
    scenario_state.premise(patient.chooser == "radio", "2 to 5 care systems, chosen with radio buttons")
    for system in systems:
        select.choose_care_system(system.name)
        expect(select.care_system_radio().radio(system.name)).to_be_checked()
    scenario_state["systems_chosen"] = len(systems)


@then(parsers.parse(
    'RUM recorded one click "{name}" on the {page_name} page for each care system they chose'
))
def rum_one_click_per_system(page: Page, rum: Rum, scenario_state: ScenarioState,
                             request: pytest.FixtureRequest, name: str, page_name: str) -> None:
    """As many actions with this name as clicks (any type: the dashboard counts them all), each a click."""
    chosen = scenario_state["systems_chosen"]
    rum.flush(page)
    named = rum.actions(name)
    described = [(a.get("type"), a["view"].get("path")) for a in named]
    assert len(named) == chosen, (
        f"{chosen} care systems chosen, one click each, but RUM recorded {len(named)} actions named "
        f"{name!r}: {described} (the dashboard would count each)"
    )
    view = paths.BY_NAME[page_name]
    wrong = [d for d in described if d != ("click", view)]
    assert not wrong, f"each {name!r} should be a click on {view}; RUM recorded {described}"
    _clicked(scenario_state).append(name)
    _record(request, page, scenario_state, rum, name)


@then("RUM recorded no action for the tracked elements they did not touch")
def rum_untouched(page: Page, rum: Rum, scenario_state: ScenarioState) -> None:
    """The release plan's other tracked elements stay at zero: nothing counts a click that did not happen."""
    rum.flush(page)
    touched = set(_clicked(scenario_state))
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
    select = scenario_state.current
    assert isinstance(select, SelectCareTeamPage)
    radio = select.care_system_radio()
    expect(radio.legend()).to_contain_text(CARE_SYSTEM_LEGEND)
    for system in scenario_state.patient.care_systems:
        name = re.compile("^" + re.escape(system.name))
        expect(radio.radios(name)).to_have_count(1)


@then(parsers.parse('the care system radio buttons are tracked as "{name}"'))
def radio_tracked(scenario_state: ScenarioState, name: str) -> None:
    select = scenario_state.current
    assert isinstance(select, SelectCareTeamPage)
    assert select.care_system_radio().rum_action_name() == name


NEW_FLOW_PAGES = ("interstitial", "recent care teams", "select care team", "start message", "care team help")


@when("they open each page of the new flow")
def open_each_new_flow_page(page: Page, app: SecureMessagingApp, scenario_state: ScenarioState,
                            rum: Rum, request: pytest.FixtureRequest) -> None:
    """Load every new-flow address (each is where a patient may land) and read RUM's init configuration.
    Read-only: the pages are only opened, so this is safe against staging."""
    evidence = record_evidence(request)
    checked: list[dict[str, Any]] = []
    for name in NEW_FLOW_PAGES:
        if checked and checked[-1]["config"] is not None and rum.mode == "interception":
            rum.leave(page)  # staging: send now, so the unload beacon has nothing to carry
        page.goto(app.url(paths.BY_NAME[name]))
        config = init_configuration(page)
        checked.append({"page": name, "url": page.url, "config": config})
        if evidence is not None:
            evidence.add_rum_collection(name, page.url, config)
    scenario_state["rum_configs"] = checked


@then(parsers.parse('Datadog RUM collects {rate:d}% of the sessions of "{service}" on each of them'))
def collection_on_each(scenario_state: ScenarioState, rate: int, service: str) -> None:
    wrong = []
    for entry in scenario_state["rum_configs"]:
        config = entry["config"]
        if config is None:
            wrong.append(f"{entry['page']} ({entry['url']}): RUM is not initialised")
        elif config.get("sessionSampleRate") != rate or config.get("service") != service:
            wrong.append(f"{entry['page']} ({entry['url']}): sessionSampleRate "
                         f"{config.get('sessionSampleRate')}, service {config.get('service')!r}")
    assert not wrong, f"DD collection is not {rate}% for {service!r} on:\n" + "\n".join(wrong)


@then(parsers.parse('RUM recorded the action "{name}"'))
def rum_recorded_action(page: Page, rum: Rum, scenario_state: ScenarioState, request: pytest.FixtureRequest,
                        name: str) -> None:
    """Exactly one action with this name, of any type: the app's own `addAction` (a custom action, as for
    clicks in a va-modal's shadow root, which Datadog cannot name) counts on the dashboard like a click."""
    rum.flush(page)
    named = rum.actions(name)
    seen = sorted({str(a.get("name")) for a in rum.actions()})
    assert len(named) == 1, f"RUM recorded {len(named)} actions named {name!r}, not one; it recorded: {seen}"
    _record(request, page, scenario_state, rum, name)
