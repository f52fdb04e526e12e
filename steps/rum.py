"""The release plan's tracked links: destination, accessible name and the RUM action each click records."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from pages import SelectCareTeamPage, paths
from pages.app import wait_for_flow_page
from steps.state import ScenarioState, record_evidence, wait_until


@when(parsers.parse('they follow the "{name}" link'))
def follow_link(page: Page, scenario_state: ScenarioState, name: str) -> None:
    link = scenario_state.current.link(name)
    expect(link).to_be_visible()  # found by role and accessible name, so the name is right
    scenario_state["link"] = {"source": page.url, "name": name, "href": link.get_attribute("href")}
    scenario_state.setdefault("rum_names", []).append(scenario_state.current.rum_name_of(link))
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


def rum_clicks(session: Any) -> list[str]:
    return [a["name"] for a in session.rum_actions() if a.get("type") == "click"]


@then(parsers.parse('RUM recorded the click "{name}"'))
def rum_recorded(
    page: Page, scenario_state: ScenarioState, request: pytest.FixtureRequest, name: str
) -> None:
    if scenario_state.staging:
        # Staging: what Datadog will name the clicks, from the elements the patient clicked.
        clicked = scenario_state.get("rum_names", [])
        assert name in clicked, f"RUM would name the clicks {clicked}, not {name!r}"
        return
    mock_session = request.getfixturevalue("mock_session")
    wait_until(page, lambda: name in rum_clicks(mock_session),
               f"RUM click {name!r} (recorded so far: {rum_clicks(mock_session)})")
    evidence = record_evidence(request)
    if evidence is not None:
        evidence.add_rum(mock_session.rum_actions())
        link = scenario_state.get("link")
        if link is not None:
            final_url = link.get("final_url", page.url)
            evidence.add_link(link["source"], link["name"], link["href"] or "", final_url, name)


@then("the care system radio buttons are named after the care systems")
def radio_names(scenario_state: ScenarioState) -> None:
    select = scenario_state.current
    assert isinstance(select, SelectCareTeamPage)
    radio = select.care_system_radio()
    expect(radio.legend()).to_contain_text("Select a VA health care system")
    for system in scenario_state.patient.care_systems:
        name = re.compile("^" + re.escape(system.name))
        expect(radio.host.get_by_role("radio", name=name)).to_have_count(1)


@then(parsers.parse('the care system radio buttons are tracked as "{name}"'))
def radio_tracked(scenario_state: ScenarioState, name: str) -> None:
    select = scenario_state.current
    assert isinstance(select, SelectCareTeamPage)
    assert select.care_system_radio().rum_action_name() == name
