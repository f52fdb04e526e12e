"""Information not by colour alone (WCAG 1.4.1): on an error or alert state, what is wrong is said in words
or shown with an icon, checked with colour vision emulated away (harness.accessibility.colour)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_bdd import then

from harness.accessibility import colour
from harness.evidence.run import recording_requested
from steps.state import ScenarioState, record_evidence


@then("without colour, every error and alert still says what is wrong")
def without_colour(page: Page, scenario_state: ScenarioState, request: pytest.FixtureRequest) -> None:
    current = scenario_state.current
    current.expect_loaded()
    page_name = type(current).__name__.removesuffix("Page")
    # A screenshot under the emulation only when evidence is recorded: nobody else would see it.
    result = colour.check(page, page_name, screenshot=recording_requested(request.config))
    result.state = f"{page_name}: {len(result.fields)} fields in error, {len(result.alerts)} alerts"
    evidence = record_evidence(request)
    if evidence is not None:
        evidence.add_colour(result.state, page.url, result.as_json())
    assert result.fields or result.alerts, (
        f"{page_name} shows no field in error and no alert: there is nothing here to check without colour"
    )
    problems = result.problems
    assert not problems, f"{page_name} without colour:\n" + "\n".join(problems)
