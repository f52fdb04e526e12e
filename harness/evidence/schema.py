"""The evidence JSON, typed: one scenario's record as the recorder writes it (`raw/<worker>.json`) and as
the report builder reads it back from disk, merged from workers and shards.

TypedDicts rather than classes because the record crosses a file: the builder, the shard merge and the
history read JSON, never objects. `record.ScenarioRecord` is the recorder's side of the same record and
`as_json()` produces a `ScenarioJSON` (tests/evidence/test_schema.py keeps their fields the same).
Readers keep using `.get` where records written by an older harness, or by a test, may lack a key.
The annotations are evaluated (no `from __future__ import annotations`) so that `NotRequired` shows in
`__optional_keys__` at run time.
"""

from typing import Any, NotRequired, TypedDict


class HeardJSON(TypedDict):
    """What assistive technology was told during a step (harness.accessibility.announcements)."""

    kind: str
    text: str
    detail: str
    path: str


class StepJSON(TypedDict):
    keyword: str
    text: str
    line: int | None
    status: str  # passed, failed, skipped, undefined, not run (running while it runs)
    duration_s: float
    screenshot: str | None  # relative to the evidence directory
    error: str | None
    heard: list[HeardJSON]


class FeatureJSON(TypedDict):
    name: str
    file: str
    line: int | None


class ErrorJSON(TypedDict):
    phase: str  # setup, call, teardown, collect
    message: str


class ContextJSON(TypedDict, total=False):
    """The patient profile, toggle states and data seed a scenario ran with. Records written before a
    key existed lack it, hence total=False."""

    profile: str | None
    toggles: dict[str, str]  # toggle name -> "on" | "off" | "25%"
    seed: int | None
    data: str | None
    premises: list[str]
    staging_user: str | None
    unmet: list[str]
    shapes: list[str]


# --- what a scenario observed -----------------------------------------------------------------------
class A11yNodeJSON(TypedDict):
    target: str
    html: str
    summary: str


class A11yRuleJSON(TypedDict):
    id: str
    impact: str
    help: str
    help_url: str
    wcag: list[str]
    tags: list[str]
    nodes: list[A11yNodeJSON]


class A11yScanJSON(TypedDict):
    """One axe scan of a page state, compacted (harness.evidence.a11y.compact)."""

    state: str
    url: str
    violations: list[A11yRuleJSON]
    incomplete: list[A11yRuleJSON]
    passes: int
    passed_criteria: list[str]
    inapplicable: int
    engine: str | None
    counts: dict[str, int]  # nodes in violation per impact


class LinkJSON(TypedDict):
    source: str
    name: str
    href: str
    final_url: str
    rum_action: str | None


class RumActionJSON(TypedDict):
    name: str
    type: str | None


class RumViewActionJSON(TypedDict):
    name: str | None
    type: str | None
    view: str | None


class RumResourceJSON(TypedDict):
    path: str | None
    method: str | None
    status: int | None
    duration_ms: float | None
    view: str | None


class RumJSON(TypedDict):
    """What the RUM intake received for one scenario, and the tracked clicks it made."""

    mode: str
    clicked: list[str]
    actions: list[RumViewActionJSON]
    resources: list[RumResourceJSON]
    errors: int
    views: int


class RumCollectionJSON(TypedDict):
    """`DD_RUM.getInitConfiguration()` as one page of the new flow reported it."""

    page: str
    url: str
    h1: str | None
    initialised: bool
    service: str | None
    sessionSampleRate: float | None
    sessionReplaySampleRate: float | None


class ApiCallJSON(TypedDict):
    endpoint: str | None
    method: str | None
    path: str | None
    status: int | None
    latency_ms: float | None


class ApiJSON(TypedDict):
    calls: list[ApiCallJSON]
    metrics: dict[str, Any]  # the mock's own dashboard figures, as it reports them


class RolloutJSON(TypedDict):
    """One rollout-stage measurement: the cohort's observed share of the new flow against the gate."""

    stage: str
    percentage: float
    cohort: int
    expected_share: float
    observed_share: float
    sticky: bool
    monotonic: bool
    mismatches: int
    extra: dict[str, Any]  # whatever else the step measured (tolerance, from_percentage)


class LayoutJSON(TypedDict):
    """One page state measured zoomed in, with and without text spacing (geometry.Layout.as_json)."""

    state: str
    url: str
    results: list[dict[str, Any]]


# The accessibility checks' own results (harness.accessibility: colour, second_engine, transcript,
# aria_snapshots), kept as they give them with the state and url added; their modules read them.
ColourJSON = dict[str, Any]
EnginesJSON = dict[str, Any]
TranscriptJSON = dict[str, Any]
AriaJSON = dict[str, Any]


class QuarantineEntryJSON(TypedDict):
    scenario: str
    reason: str
    owner: str
    ticket: str
    expires: str


class ScenarioJSON(TypedDict):
    """One scenario (or plain test) as recorded: `record.ScenarioRecord.as_json()`."""

    nodeid: str
    name: str
    kind: str  # "scenario" or "test"
    feature: FeatureJSON | None
    tags: list[str]
    requirements: list[str]
    markers: list[str]
    worker: str
    status: str  # passed, failed, error, skipped, xfailed, xpassed, not run (quarantined when judged)
    duration_s: float
    steps: list[StepJSON]
    error: ErrorJSON | None
    failing_step: str | None
    reason: str | None
    trace: str | None
    seed: int | None
    run_seed: int | None
    rerun: str | None
    context: ContextJSON
    a11y: list[A11yScanJSON]
    links: list[LinkJSON]
    rum_actions: list[RumActionJSON]
    rum: RumJSON | None
    rum_collection: list[RumCollectionJSON]
    layout: list[LayoutJSON]
    colour: list[ColourJSON]
    engines: list[EnginesJSON]
    transcripts: list[TranscriptJSON]
    aria: list[AriaJSON]
    api: ApiJSON | None
    rollout: list[RolloutJSON]
    writes: list[dict[str, Any]]  # staging writes the guard allowed, as it describes them
    notes: list[str]
    # Added when the build judges the run (quarantine.apply), never by the recorder.
    observed_status: NotRequired[str]
    quarantine: NotRequired[QuarantineEntryJSON]


class FactsJSON(TypedDict, total=False):
    """What one process learnt about the run beside its scenarios (`raw/<worker>.json`'s `facts`)."""

    browser: str | None
    axe_version: str | None
    base_url: str | None
    run_seed: int | None
    scenarios_collected: list[str]
    screenshot_errors: list[str]


class RunJSON(TypedDict):
    """Every process's file merged (store.load): what the builder reads."""

    identity: dict[str, Any]  # run.json's identity, with what the workers learnt added
    options: dict[str, Any]
    scenarios: list[ScenarioJSON]
    collected: list[str]  # node ids of every scenario collected, before any deselection
