"""Accessibility scans (the harness's `a11y` fixture) and small-screen reflow."""

from __future__ import annotations

from playwright.sync_api import Page
from pytest_bdd import parsers, then, when

from harness.accessibility.fixture import A11y
from steps.state import ScenarioState

REFLOW_WIDTH = 320  # WCAG 1.4.10: content reflows at 320 CSS px without horizontal scrolling


def _state_name(scenario_state: ScenarioState) -> str:
    return type(scenario_state.current).__name__.removesuffix("Page")


@then("the page has no accessibility violations")
def no_violations(page: Page, a11y: A11y, scenario_state: ScenarioState) -> None:
    a11y.assert_clean(page, _state_name(scenario_state))


@then(parsers.parse('the "{state}" state has no accessibility violations'))
def state_no_violations(page: Page, a11y: A11y, state: str) -> None:
    a11y.assert_clean(page, state)


@when(parsers.parse("they use a screen {width:d} pixels wide"))
def narrow_screen(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 720})


@then("the page fits the screen without horizontal scrolling")
def fits(scenario_state: ScenarioState, page: Page) -> None:
    current = scenario_state.current
    current.expect_loaded()
    assert not current.has_horizontal_scroll(), (
        f"{type(current).__name__} scrolls sideways at {page.viewport_size}: "
        f"{page.evaluate('() => document.documentElement.scrollWidth')} px wide"
    )


@when("they open the emergency note")
def open_note(scenario_state: ScenarioState) -> None:
    scenario_state.current.open_emergency_note()
