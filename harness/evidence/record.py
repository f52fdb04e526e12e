"""The evidence record of one scenario, typed: what the recorder fills in and writes as JSON.

The JSON written per worker (`as_json`) is what the report builder reads: `schema.ScenarioJSON`, whose
keys are the field names here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, cast

from harness.evidence.schema import (
    A11yScanJSON,
    ApiJSON,
    AriaJSON,
    ColourJSON,
    EnginesJSON,
    HeardJSON,
    LayoutJSON,
    LinkJSON,
    RolloutJSON,
    RumActionJSON,
    RumCollectionJSON,
    RumJSON,
    ScenarioJSON,
    TranscriptJSON,
)


@dataclass
class StepRecord:
    """One Gherkin step as it ran (or 'not run' when the scenario stopped before it)."""

    keyword: str
    text: str
    line: int | None
    status: str = "running"
    duration_s: float = 0.0
    screenshot: str | None = None
    error: str | None = None
    # What assistive technology was told during the step: live-region changes, focus moves, alerts shown
    # (harness.accessibility.announcements).
    heard: list[HeardJSON] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.keyword} {self.text}"


@dataclass
class FeatureRef:
    name: str
    file: str
    line: int | None


@dataclass
class ErrorInfo:
    """Where a scenario failed (setup, call, teardown, collect) and the end of its traceback."""

    phase: str
    message: str


@dataclass
class ScenarioContext:
    """The patient profile, toggle states and data seed a scenario ran with, and in words what data.

    Records written before a field existed simply lack its key (`schema.ContextJSON`); readers use `.get`
    with these defaults. `recorder.update_context` is the one writer.
    """

    profile: str | None = None
    toggles: dict[str, str] = field(default_factory=dict)
    seed: int | None = None
    data: str | None = None
    premises: list[str] = field(default_factory=list)  # what the scenario asked of the patient, in words
    staging_user: str | None = None  # the pool label of the staging user it ran as
    unmet: list[str] = field(default_factory=list)  # skipped: the premises no staging user met
    # Names of harness.oracle.shapes.SHAPES that hold for the patient the app received (the matrix's columns).
    shapes: list[str] = field(default_factory=list)


@dataclass
class ScenarioRecord:
    nodeid: str
    name: str
    kind: str = "test"  # "scenario" once pytest-bdd reports it
    feature: FeatureRef | None = None
    tags: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    worker: str = "main"
    status: str = "not run"
    duration_s: float = 0.0
    steps: list[StepRecord] = field(default_factory=list)
    error: ErrorInfo | None = None
    failing_step: str | None = None
    reason: str | None = None  # why it was skipped or xfailed
    trace: str | None = None
    seed: int | None = None
    run_seed: int | None = None
    rerun: str | None = None
    context: ScenarioContext = field(default_factory=ScenarioContext)
    # What the scenario observed, each already redacted (see ScenarioEvidence).
    a11y: list[A11yScanJSON] = field(default_factory=list)
    links: list[LinkJSON] = field(default_factory=list)
    rum_actions: list[RumActionJSON] = field(default_factory=list)
    rum: RumJSON | None = None
    rum_collection: list[RumCollectionJSON] = field(default_factory=list)
    # Zoom, reflow, text spacing, focus and target size per page state (harness.accessibility.geometry).
    layout: list[LayoutJSON] = field(default_factory=list)
    # Issue 22, colour and second engine: per page state, fields in error and alerts without colour
    # (harness.accessibility.colour), and the second engine's criteria beside axe's (second_engine).
    colour: list[ColourJSON] = field(default_factory=list)
    engines: list[EnginesJSON] = field(default_factory=list)
    # Issue 22, transcripts and aria snapshots: per page state what a screen reader reads and the aria
    # snapshot against its stored template (harness.accessibility.aria_snapshots).
    transcripts: list[TranscriptJSON] = field(default_factory=list)
    aria: list[AriaJSON] = field(default_factory=list)
    api: ApiJSON | None = None
    rollout: list[RolloutJSON] = field(default_factory=list)
    writes: list[dict[str, Any]] = field(default_factory=list)  # staging writes the guard allowed
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> ScenarioJSON:
        # asdict copies the nested dataclasses into the dicts ScenarioJSON describes, field for field.
        return cast(ScenarioJSON, asdict(self))
