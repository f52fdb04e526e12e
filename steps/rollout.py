"""Rollout stages and rollback of the curated list flow.

A cohort of N seeded patients (one mock session each) is read through the fast path: each patient's
/v0/feature_toggles answer decides their flow, without a browser. A small sample also walks the real
pages, and the rollback scenario does the whole journey in the browser. The expected flow comes from
harness/rollout/stages.py (Flipper's crc32 rule on the patient's email), never from the mock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

import contract
from harness.accessibility.fixture import A11y
from harness.rollout import stages as rollout
from harness.rollout.cohort import Cohort, CohortPatient
from harness.rollout.stages import Flow
from harness.run.mock_server import WorkerMock
from mocks.client import Session
from pages.app import SecureMessagingApp
from pages.base import BasePage
from pages.interstitial import InterstitialPage
from pages.legacy_compose import LegacyComposePage
from pages.recent_care_teams import RecentCareTeamsPage
from pages.router import wait_for_flow_page
from pages.select_care_team import SelectCareTeamPage
from pages.start_message import StartMessagePage
from steps.care_teams import recent_expected
from steps.state import ScenarioState, record_evidence, required

VISITS = 2  # two reads per stage: the second proves the flow is sticky

# The first page after the interstitial tells the flow apart (new-message-flow.md §2.3).
FLOW_OF_PAGE: dict[type, Flow] = {
    LegacyComposePage: "legacy",
    SelectCareTeamPage: "curated",
    RecentCareTeamsPage: "curated_with_recent",
}


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


# ---------------------------------------------------------------- cohort (fast path)


@given("a cohort of patients", target_fixture="cohort")
def a_cohort(rollout_cohort: Cohort, seeded_defects: tuple[str, ...]) -> Cohort:
    rollout_cohort.previous, rollout_cohort.result = {}, None  # nothing carried over from a scenario before
    rollout_cohort.seed_defects(seeded_defects)
    return rollout_cohort


@given(parsers.parse("the rollout is at the stage before {stage}"))
def at_stage_before(cohort: Cohort, stage: str) -> None:
    cohort.roll_to(rollout.previous_percentage(rollout.stage_named(stage)))
    cohort.previous = {actor: flows[0] for actor, flows in cohort.observe(visits=1).items()}


@given(parsers.parse("the rollout is at stage {stage}"))
def at_stage(cohort: Cohort, stage: str) -> None:
    cohort.roll_to(rollout.stage_named(stage).percentage)
    cohort.previous = {actor: flows[0] for actor, flows in cohort.observe(visits=1).items()}


@when(parsers.parse("the rollout rises to stage {stage} at {percentage}"))
def rise_to_stage(request: pytest.FixtureRequest, cohort: Cohort, stage: str, percentage: str) -> None:
    planned = rollout.stage_named(stage)
    pct = rollout.parse_percentage(percentage)
    if planned.percentage != pct:
        raise AssertionError(f"stage {stage} is {planned.percentage:g}% in the plan, not {percentage}")
    cohort.roll_to(pct)
    result = rollout.evaluate_stage(stage, pct, cohort.observe(VISITS), previous=cohort.previous)
    cohort.result = result
    evidence = record_evidence(request)
    if evidence is not None and hasattr(evidence, "add_rollout"):
        evidence.add_rollout(
            stage=stage,
            percentage=pct,
            cohort=result.cohort,
            expected_share=result.expected_share,
            observed_share=result.observed_share,
            sticky=result.sticky,
            monotonic=result.monotonic,
            mismatches=len(result.mismatches),
            tolerance=result.tolerance,
            from_percentage=rollout.previous_percentage(planned),
        )


@when(parsers.parse("the curated list flow is rolled back to {percentage}"))
def roll_back(cohort: Cohort, percentage: str) -> None:
    pct = rollout.parse_percentage(percentage)
    cohort.roll_to(pct)
    cohort.result = rollout.evaluate_stage(f"rollback to {percentage}", pct, cohort.observe(VISITS))


@then("every patient in the cohort gets the flow the Flipper rule gives them")
def flows_match_flipper(cohort: Cohort) -> None:
    result = cohort.stage_result()
    shown = "\n  ".join(result.mismatches[:10])
    assert not result.mismatches, (
        f"{len(result.mismatches)} of {result.cohort} patients got a flow other than Flipper's "
        f"crc32 rule at {result.percentage:g}% gives them (first 10):\n  {shown}"
    )


@then(parsers.parse("the cohort's share on the curated list flow is within tolerance of {percentage}"))
def share_within_tolerance(cohort: Cohort, percentage: str) -> None:
    result = cohort.stage_result()
    target = rollout.parse_percentage(percentage)
    assert result.percentage == target, f"the stage observed was {result.percentage:g}%, not {percentage}"
    assert result.share_ok, (
        f"{_percent(result.observed_share)} of {result.cohort} patients are on the curated list flow; "
        f"{percentage} +/- {result.tolerance * 100:.1f} points allowed "
        f"({rollout.SHARE_Z:g} binomial standard errors plus a continuity correction)"
    )


@then("every patient keeps the same flow on a second visit")
def flows_are_sticky(cohort: Cohort) -> None:
    assert cohort.stage_result().sticky, "some patients got a different flow on their second visit"


@then("no patient was taken off the curated list flow by the rise")
def rise_is_monotonic(cohort: Cohort) -> None:
    result = cohort.stage_result()
    assert result.monotonic, f"the rise to {result.percentage:g}% took patients off the curated list flow"


@then("no patient in the cohort gets the curated list flow")
def no_one_on_curated(cohort: Cohort) -> None:
    result = cohort.stage_result()
    assert result.observed_share == 0, f"{_percent(result.observed_share)} still on the curated list flow"
    assert not result.mismatches, "\n".join(result.mismatches[:10])


# ---------------------------------------------------------------- cohort sample (full UI)


def _sample(cohort: Cohort, count: int) -> list[tuple[CohortPatient, Flow]]:
    """`count` patients covering every flow the current percentage produces, first-come per flow."""
    by_flow: dict[Flow, list[CohortPatient]] = {}
    for patient in cohort.patients:
        by_flow.setdefault(rollout.expected_flow(patient.actor, cohort.percentage), []).append(patient)
    if len(by_flow) < 2:
        raise AssertionError(f"at {cohort.percentage:g}% the cohort has only the {list(by_flow)} flow")
    picked: list[tuple[CohortPatient, Flow]] = []
    while len(picked) < count and any(by_flow.values()):
        for flow, patients in by_flow.items():
            if patients and len(picked) < count:
                picked.append((patients.pop(0), flow))
    return picked


@when(parsers.parse("{count:d} patients of the cohort, on different flows, start a new message"))
def sample_starts_new_message(
    cohort: Cohort,
    count: int,
    new_context: Callable[..., Any],
    mock_server: WorkerMock,
    scenario_state: ScenarioState,
) -> None:
    seen: list[tuple[str, Flow, Flow]] = []
    for patient, expected in _sample(cohort, count):
        context = new_context()  # each patient its own browser storage, as separate people would have
        context.add_cookies([patient.session.cookie])
        page = context.new_page()
        interstitial = SecureMessagingApp(page, mock_server.url).open_path(contract.INTERSTITIAL)
        assert isinstance(interstitial, InterstitialPage), f"expected the interstitial, got {interstitial}"
        landed = interstitial.continue_()
        seen.append((patient.actor, expected, FLOW_OF_PAGE.get(type(landed), "legacy")))
        if type(landed) not in FLOW_OF_PAGE:
            raise AssertionError(f"{patient.actor}: unexpected page {type(landed).__name__} at {page.url}")
        context.close()
    scenario_state.rollout_sample = seen


@then("each of them sees the pages of the flow the Flipper rule gives them")
def sample_sees_expected_flow(scenario_state: ScenarioState) -> None:
    seen = scenario_state.rollout_sample
    wrong = [f"{actor}: expected {expected}, saw {got}" for actor, expected, got in seen if expected != got]
    assert not wrong, "\n".join(wrong)
    assert len({expected for _, expected, _ in seen}) >= 2, "the sample did not cover two flows"


# ---------------------------------------------------------------- rollback of one patient (full UI)


@given("they have saved a draft on the start message page of the curated list flow")
def saved_draft_on_curated(
    app: SecureMessagingApp, mock_session: Session, scenario_state: ScenarioState, scenario_seed: int
) -> None:
    scenario_state.current = app.open_path(contract.INTERSTITIAL)
    scenario_state.current = scenario_state.on(InterstitialPage).continue_(recent_expected=True)
    recent = scenario_state.on(RecentCareTeamsPage)
    recent.choose_care_team(recent.care_team_options()[0])
    scenario_state.current = recent.continue_()
    start = scenario_state.on(StartMessagePage)
    subject = f"Rollback check {scenario_seed % 100_000}"
    start.choose_category("General")
    start.write(subject, "Checking that a saved draft survives turning the curated list flow off.")
    start.save_draft()
    expect(start.draft_saved_notice()).to_be_visible()
    drafts = [d for d in mock_session.patient()["drafts"] if d["subject"] == subject]
    assert len(drafts) == 1, f"the mock store holds {len(drafts)} drafts with subject {subject!r}"
    scenario_state.saved_draft = drafts[0]


@when(parsers.parse("the curated list flow is switched {state} mid-journey"))
def switch_curated(mock_session: Session, state: str) -> None:
    value = state.strip().lower()
    if value not in ("on", "off"):
        raise ValueError(f"expected 'on' or 'off', got {state!r}")
    mock_session.set_toggle(contract.CURATED_LIST_FLOW, value)


@when("they reload the page")
def reload_page(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    app.page.reload()
    scenario_state.current = wait_for_flow_page(app.page)


@then("they are no longer on the curated list flow")
def not_on_curated(scenario_state: ScenarioState) -> None:
    current = scenario_state.current
    curated_pages = (RecentCareTeamsPage, SelectCareTeamPage, StartMessagePage)
    assert not isinstance(current, curated_pages), f"still on {type(current).__name__} after the rollback"


@when("they start a new message again")
def start_again(app: SecureMessagingApp, scenario_state: ScenarioState) -> None:
    scenario_state.current = app.open_path(contract.INTERSTITIAL)
    scenario_state.current = scenario_state.on(InterstitialPage).continue_()


@then(parsers.parse("they land on the {flow} flow"))
def see_flow(scenario_state: ScenarioState, flow: str) -> None:
    wanted: dict[str, type[BasePage]] = {
        "legacy": LegacyComposePage,
        "curated list": RecentCareTeamsPage,  # the patient messaged care teams recently
    }
    if flow not in wanted:
        raise ValueError(f"unknown flow {flow!r}; expected one of {list(wanted)}")
    scenario_state.on(wanted[flow], f"the first page of the {flow} flow")


@then("their saved draft is still in their drafts")
def draft_survives(mock_session: Session, scenario_state: ScenarioState) -> None:
    saved = required(scenario_state.saved_draft, "draft saved")
    drafts = {d["messageId"]: d for d in mock_session.patient()["drafts"]}
    assert saved["messageId"] in drafts, f"draft {saved['messageId']} is gone after the rollback"
    assert drafts[saved["messageId"]]["subject"] == saved["subject"]
    deletes = [e for e in mock_session.journal() if e.get("endpoint") == "draft_delete"]
    assert not deletes, f"the rollback deleted drafts: {deletes}"


# ---------------------------------------------------------------- live toggles (staging safe)


@given("the feature toggles the signed-in patient gets")
def signed_in_toggles(
    request: pytest.FixtureRequest, live_toggles: dict[str, bool], scenario_state: ScenarioState
) -> None:
    scenario_state.live_flow = rollout.flow_from_toggles(live_toggles)


@when("they open the interstitial and continue")
def open_interstitial_and_continue(
    app: SecureMessagingApp, a11y: A11y, scenario_state: ScenarioState
) -> None:
    scenario_state.current = app.open_path(contract.INTERSTITIAL)
    interstitial = scenario_state.on(InterstitialPage)
    scans = [a11y.scan(app.page, "interstitial")]
    # On a real site the link flips to the recent page only once the sent search answers.
    landed = interstitial.continue_(recent_expected=recent_expected(scenario_state))
    scans.append(a11y.scan(app.page, f"after the interstitial: {type(landed).__name__}"))
    scenario_state.current = landed
    scenario_state.a11y_scans = scans


@then("they land on the first page of the flow those toggles give")
def first_page_matches_live_toggles(scenario_state: ScenarioState) -> None:
    flow = required(scenario_state.live_flow, "flow the live toggles give")
    expected: set[type] = {next(page for page, f in FLOW_OF_PAGE.items() if f == flow)}
    if flow == "curated_with_recent" and not scenario_state.patient.recent_teams:
        expected = {SelectCareTeamPage}  # the recent page shows only with recent care teams
    current = scenario_state.current
    assert type(current) in expected, (
        f"the live toggles give the {flow} flow, so expected {sorted(c.__name__ for c in expected)}, "
        f"got {type(current).__name__} at {current.page.url}"
    )


@then("the interstitial and that page have no accessibility violations")
def no_violations_on_the_way(scenario_state: ScenarioState) -> None:
    failing = [scan for scan in scenario_state.a11y_scans if not scan.clean]
    assert not failing, "\n\n".join(scan.report() for scan in failing)
