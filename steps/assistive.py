"""What a screen-reader user hears: assertions on the announcements log (harness.accessibility.announcements),
always about what was told since the scenario's last action (its last When)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then

from harness.accessibility import geometry
from harness.accessibility.announcements import Announcements, Heard, norm
from pages.start_message import StartMessagePage
from steps.state import ScenarioState, record_evidence


def _told(heard: list[Heard]) -> str:
    return "\n".join(f"  {h}" for h in heard) or "  nothing"


def _hear(page: Page, announcements: Announcements, text: str) -> None:
    wanted = norm(text)
    found = announcements.wait_until(page, lambda h: h.spoken and wanted in norm(h.text))
    assert found, f"a screen reader was not told {text!r}; since the last action it was told:\n" + _told(
        announcements.since_mark()
    )


@then(parsers.parse('they hear "{text}"'))
def hear(page: Page, announcements: Announcements, text: str) -> None:
    """A live region said it, or focus moved to an element whose name says it."""
    _hear(page, announcements, text)


@then("they hear the page heading")
def hear_heading(page: Page, announcements: Announcements, scenario_state: ScenarioState) -> None:
    """After a navigation, focus moves to the page's h1, so a screen reader reads where the patient is."""
    current = scenario_state.current
    current.expect_loaded()
    heading = norm(current.heading_text())
    found = announcements.wait_until(page, lambda h: h.kind == "focus" and norm(h.text) == heading)
    assert found, (
        f"focus did not move to the heading {current.heading_text()!r}, so a screen reader does not say "
        "where the patient is; since the last action it was told:\n" + _told(announcements.since_mark())
    )


@then("they hear each error shown on the form")
def hear_errors(page: Page, announcements: Announcements, scenario_state: ScenarioState) -> None:
    """Every field error shown after Send is announced (live region or the focused field's name)."""
    errors = scenario_state.on(StartMessagePage).field_errors()
    expect(errors.first).to_be_visible()
    shown = [" ".join(t.split()) for t in errors.all_inner_texts() if t.strip()]
    assert shown, "no field error is shown"
    for text in shown:
        _hear(page, announcements, text)


@then("they are not left on the Send button")
def not_on_send(page: Page, announcements: Announcements) -> None:
    """After sending, focus moves on (the real app focuses its alert): a screen reader user is not left
    on a button of a form that is gone."""
    found = announcements.wait_until(page, lambda h: h.kind == "focus" and norm(h.text) != "send")
    last = [h for h in announcements.since_mark() if h.kind == "focus"]
    assert found and norm(last[-1].text) != "send", (
        "focus stayed on the Send button after sending; since the last action a screen reader was told:\n"
        + _told(announcements.since_mark())
    )


def _measure_zoomed(page: Page, scenario_state: ScenarioState, request: pytest.FixtureRequest) -> list[str]:
    """This page state at each zoom level, with and without WCAG text spacing, into the evidence."""
    current = scenario_state.current
    current.expect_loaded()
    layouts = [geometry.measure(page, zoom, spacing) for zoom in geometry.ZOOMS for spacing in (False, True)]
    evidence = record_evidence(request)
    if evidence is not None:
        state = type(current).__name__.removesuffix("Page")
        evidence.add_layout(state, page.url, [layout.as_json() for layout in layouts])
    return [problem for layout in layouts for problem in layout.problems]


@then("zoomed in, the page reflows with nothing hidden, clipped or out of reach")
def zoomed(page: Page, scenario_state: ScenarioState, request: pytest.FixtureRequest) -> None:
    """WCAG 1.4.10, 1.4.12 and 2.4.11 from the geometry (harness.accessibility.geometry)."""
    problems = _measure_zoomed(page, scenario_state, request)
    assert not problems, f"{type(scenario_state.current).__name__} zoomed in:\n" + "\n".join(problems)
