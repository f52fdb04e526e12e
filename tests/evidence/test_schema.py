"""The typed evidence record: what the recorder writes is what `schema` says, key for key, and what the
build writes is what `summary.Summary` says, so the types the builder and the criteria read are the truth."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS
from harness.evidence import record, schema, summary
from harness.evidence.context import fill_from_tags
from harness.evidence.recorder import ScenarioEvidence
from tests.evidence.staging_run import build_run, staging_records


def keys(typed: Any) -> set[str]:
    return set(typed.__required_keys__) | set(typed.__optional_keys__)


def fields(cls: Any) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_the_recorder_dataclasses_and_the_json_types_have_the_same_fields() -> None:
    assert set(schema.ScenarioJSON.__required_keys__) == fields(record.ScenarioRecord)
    # only the build adds these, when it applies the quarantine
    assert set(schema.ScenarioJSON.__optional_keys__) == {"observed_status", "quarantine"}
    assert keys(schema.StepJSON) == fields(record.StepRecord)
    assert keys(schema.ContextJSON) == fields(record.ScenarioContext)
    assert keys(schema.FeatureJSON) == fields(record.FeatureRef)
    assert keys(schema.ErrorJSON) == fields(record.ErrorInfo)


def test_what_a_scenario_records_has_the_schemas_keys() -> None:
    evidence = ScenarioEvidence("features/x.feature::test_x", "x")
    evidence.add_link("/inbox", "Start a new message", "/new", "http://127.0.0.1/new", "Start a new message")
    evidence.add_tracked_clicks(["Continue"])
    evidence.add_rum_events(
        [
            {"kind": "action", "name": "Continue", "type": "click", "view": {"path": "/new"}},
            {"kind": "resource", "path": "/my_health/v1/messaging/messages", "method": "POST",
             "status": 200, "duration_ms": 12.0, "view": {"path": "/new"}},
        ]
    )  # fmt: skip
    evidence.add_rum_collection("start message", "http://127.0.0.1/new", {"service": "s"}, "Start message")
    evidence.add_api([{"endpoint": "send", "method": "POST", "path": "/x", "status": 200, "latency_ms": 3}])
    evidence.add_rollout("a", 5, 100, 0.05, 0.05, True, True)
    evidence.add_a11y("state", "http://127.0.0.1/new", {"violations": [], "passes": [], "inapplicable": []})
    evidence.start_step("Given", "a patient", 3)
    evidence.end_step("passed")
    written = evidence.record.as_json()
    assert set(written) == schema.ScenarioJSON.__required_keys__
    assert set(written["links"][0]) == keys(schema.LinkJSON)
    assert set(written["rum_actions"][0]) == keys(schema.RumActionJSON)
    rum = written["rum"]
    assert rum is not None and set(rum) == keys(schema.RumJSON)
    assert set(rum["actions"][0]) == keys(schema.RumViewActionJSON)
    assert set(rum["resources"][0]) == keys(schema.RumResourceJSON)
    assert set(written["rum_collection"][0]) == keys(schema.RumCollectionJSON)
    api = written["api"]
    assert api is not None and set(api) == keys(schema.ApiJSON)
    assert set(api["calls"][0]) == keys(schema.ApiCallJSON)
    assert set(written["rollout"][0]) == keys(schema.RolloutJSON)
    assert set(written["a11y"][0]) == keys(schema.A11yScanJSON)
    assert set(written["steps"][0]) == keys(schema.StepJSON)


def test_tags_fill_only_what_nothing_recorded() -> None:
    evidence = ScenarioEvidence("features/x.feature::test_x", "x")
    evidence.set_context(toggles={RECENT_RECIPIENTS: "off"})
    context = evidence.record.context
    fill_from_tags(context, ["curated_on", "recent_on", "mixed"])
    assert context.toggles == {RECENT_RECIPIENTS: "off", CURATED_LIST_FLOW: "on"}
    assert context.profile == "mixed"
    fill_from_tags(context, ["vista_only"])
    assert context.profile == "mixed"


def test_summary_json_has_the_summarys_keys(tmp_path: Path) -> None:
    _, built = build_run(tmp_path, list(staging_records()), env="mock")
    assert set(built) == set(summary.Summary.__annotations__)  # RunFacts' aggregates included
    assert list(built)[:2] == ["verdict", "stage"]  # a reader of summary.json sees the verdict first
    assert set(built["scenarios"][0]) == keys(summary.ScenarioView)
