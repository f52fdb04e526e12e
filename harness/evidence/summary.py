"""summary.json, typed: the facts the go/no-go criteria judge (`Facts`, aggregated from the scenario
records) and the summary the report is rendered from (`Summary`: the facts, the verdict and what led to
it). An aggregate's type lives beside the function that computes it (aggregate, dashboard, staging, ...);
the verdict's, the comparison's and the quarantine's live here, since criteria, compare and quarantine
read the facts or the summary and would otherwise import one another."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from harness.evidence.aggregate import (
    A11ySummary,
    ApiMetrics,
    CoverageMatrix,
    Failure,
    LayoutRow,
    LinksAndRum,
    RolloutRow,
    StatusCounts,
    TraceRow,
)
from harness.evidence.colour_engines import ColourRow, EnginesSummary
from harness.evidence.dashboard import Dashboard
from harness.evidence.history import Analysis
from harness.evidence.schema import ContextJSON, QuarantineEntryJSON, ScenarioJSON
from harness.evidence.staging import StagingCoverage, StagingSummary
from harness.evidence.wcag import ManualProgress, Row

# go-no-go.toml's and manual-checks.toml's tables, as the project writes them.
Conf = dict[str, Any]


class HeldBack(TypedDict):
    nodeid: str
    name: str | None
    observed_status: str | None


class QuarantineView(QuarantineEntryJSON):
    """A quarantine entry with the scenarios it held back this run."""

    scenarios: list[HeldBack]


class RunFacts(TypedDict):
    """The aggregates both the criteria's facts and summary.json carry, as computed once per run."""

    counts: StatusCounts
    api: ApiMetrics
    matrix: CoverageMatrix
    traceability: list[TraceRow]
    a11y: A11ySummary
    layout: list[LayoutRow]
    colour: list[ColourRow]
    engines: EnginesSummary
    screen_reader: dict[str, Any]  # harness.accessibility.transcript.report_facts
    links: LinksAndRum
    rollout: dict[str, list[RolloutRow]]  # by stage
    manual_checks: list[Conf]
    env: str
    staging: StagingSummary | None  # None in a mock run
    staging_coverage: StagingCoverage
    quarantine: list[QuarantineView]
    history: Analysis
    wcag: list[Row]
    wcag_manual: list[ManualProgress]


class Facts(RunFacts):
    """Everything the criteria judge, aggregated from the judged scenario records."""

    scenarios: list[ScenarioJSON]
    dashboard: NotRequired[Dashboard]  # a run judged without it reads an empty DD collection


class CriterionJSON(TypedDict):
    id: str
    title: str
    threshold: str
    actual: str
    passed: bool
    stage: str
    details: list[str]
    accepted_by: Conf | None  # the accepted risk that excuses it
    needs_mock_run: bool
    applies: bool


class Verdict(TypedDict):
    stage: str
    label: str
    verdict: str  # GO, NO-GO, GO WITH RISK
    rule: str
    criteria: list[CriterionJSON]
    blocking: list[str]


class StageReadiness(TypedDict):
    verdict: str
    rule: str
    label: str
    percentage: float | None


class Readiness(TypedDict):
    ready_for: str | None
    next_stage: str | None
    missing_for_next: list[str]
    stages: dict[str, StageReadiness]


class FindingView(TypedDict):
    fingerprint: str | None
    state: str | None
    rule: str | None
    impact: str | None
    target: str | None
    status: str | None


class StatusChange(TypedDict):
    nodeid: str
    before: str
    after: str


class VerdictChange(TypedDict):
    before: str | None
    after: str | None


class Comparison(TypedDict):
    baseline: dict[str, Any]  # the earlier run's date, commit and verdict
    a11y_new: list[FindingView]
    a11y_fixed: list[FindingView]
    a11y_persistent: list[FindingView]
    status_changes: list[StatusChange]
    verdict_change: VerdictChange | None


class SignoffRow(TypedDict):
    discipline: str
    name: str
    date: str
    decision: str
    notes: str


class ScenarioView(TypedDict):
    """A scenario as summary.json lists it (the raw files keep the whole record)."""

    nodeid: str
    name: str | None
    kind: str | None
    status: str
    duration_s: float | None
    failing_step: str | None
    tags: list[str] | None
    requirements: list[str] | None
    context: ContextJSON | None
    seed: int | None
    rerun: str | None
    trace: str | None
    observed_status: str | None
    quarantine: QuarantineEntryJSON | None


class Summary(RunFacts):
    """summary.json: the verdict, every fact (but the scenarios' whole records) and how it was reached."""

    verdict: str
    stage: str
    stage_label: str
    rule: str
    criteria_version: str
    evaluated_on: str
    criteria: list[CriterionJSON]
    readiness: Readiness
    accepted_risks: list[Conf]
    identity: dict[str, Any]
    dashboard: Dashboard
    failures: list[Failure]
    writes: list[dict[str, Any]]  # each staging write with the scenario that made it
    scenarios_without_requirement: list[str]
    signoff: list[SignoffRow]
    scenarios: list[ScenarioView]
    comparison: NotRequired[Comparison | None]  # set once the summary can be compared
