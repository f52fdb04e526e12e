"""Build the go/no-go report from recorded evidence only: summary.json, index.html, cucumber.json and
summary.md. Reading only the JSON lets a report be rebuilt, merged and compared. The bundle's junit.xml is
pytest's own --junitxml, written during the run (the evidence plugin points it into the directory)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from harness.accessibility import transcript
from harness.accessibility.waivers import load_waivers
from harness.evidence import aggregate, colour_engines, dashboard, history, quarantine, staging, store, wcag
from harness.evidence.compare import compare
from harness.evidence.criteria import CriteriaError, load_criteria, read_toml, readiness, verdict
from harness.evidence.identity import config_hashes, sha256_file
from harness.evidence.redact import redact_text
from harness.evidence.schema import ContextJSON, RunJSON, ScenarioJSON
from harness.evidence.summary import Conf, Facts, ScenarioView, SignoffRow, Summary
from harness.run.timing import EVIDENCE, timed

CRITERIA_FILE = "go-no-go.toml"
WAIVERS_FILE = "a11y-waivers.toml"
SIGNOFF_FILE = "signoff.toml"
MANUAL_FILE = "manual-checks.toml"
REQUIREMENTS_FILE = "requirements.toml"
DISCIPLINES = ("QA", "Accessibility", "Product", "Engineering")


def _signoff(root: Path) -> list[SignoffRow]:
    entries = {str(e.get("discipline")): e for e in read_toml(root / SIGNOFF_FILE).get("signoff", [])}
    return [
        {
            "discipline": d,
            "name": entries.get(d, {}).get("name", ""),
            "date": str(entries.get(d, {}).get("date", "")),
            "decision": entries.get(d, {}).get("decision") or "pending",
            "notes": entries.get(d, {}).get("notes", ""),
        }
        for d in DISCIPLINES
    ]


def _seeded_defects(root: Path) -> dict[str, list[dict[str, Any]]]:
    """The coverage rule's side of traceability; a project without features has no seeded defects."""
    if not (root / "features").is_dir():
        return {}
    from harness.gherkin.traceability import (
        defects_by_requirement,  # reads the features: only when there are any
    )

    return defects_by_requirement(root)


def _manual_checks(root: Path) -> list[Conf]:
    out = []
    for index, check in enumerate(read_toml(root / MANUAL_FILE).get("check", [])):
        if not check.get("id"):
            raise CriteriaError(f"{root / MANUAL_FILE}: check #{index + 1} has no id")
        result = str(check.get("result", "not run")).lower()
        if result not in ("pass", "fail", "not run"):
            raise CriteriaError(
                f"{root / MANUAL_FILE}: check {check['id']}: result must be pass, fail or not run"
            )
        out.append(
            {
                **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in check.items()},
                "result": result,
                "requirements": list(check.get("requirements", [])),
            }
        )
    return out


def _with_tracked_toggles(scenarios: list[ScenarioJSON], criteria: Conf) -> list[ScenarioJSON]:
    """Scenarios whose context lists only the toggles the matrix is about (the mock reports all of its
    toggles; the raw files keep them)."""
    matrix = criteria.get("matrix", {})
    tracked = set(matrix.get("toggle_defaults", {}))
    for state in matrix.get("toggle_states", []):
        tracked |= set(state.get("toggles", {}))
    out: list[ScenarioJSON] = []
    for scenario in scenarios:
        context: ContextJSON = {**(scenario.get("context") or {})}
        context["toggles"] = {k: v for k, v in (context.get("toggles") or {}).items() if k in tracked}
        out.append({**scenario, "context": context})
    return out


def judged_scenarios(run: RunJSON, criteria: Conf, quarantined: list[quarantine.Entry]) -> list[ScenarioJSON]:
    """The run's records as the verdict sees them: tracked toggles only, quarantined ones held back."""
    tracked = _with_tracked_toggles(run["scenarios"], criteria)
    return quarantine.apply(sorted(tracked, key=lambda s: s["nodeid"]), quarantined)


def _scenario_view(scenario: ScenarioJSON) -> ScenarioView:
    s = scenario
    return {
        "nodeid": s["nodeid"],  # every reader before this one needs both
        "name": s.get("name"),
        "kind": s.get("kind"),
        "status": s["status"],
        "duration_s": s.get("duration_s"),
        "failing_step": s.get("failing_step"),
        "tags": s.get("tags"),
        "requirements": s.get("requirements"),
        "context": s.get("context"),
        "seed": s.get("seed"),
        "rerun": s.get("rerun"),
        "trace": s.get("trace"),
        "observed_status": s.get("observed_status"),
        "quarantine": s.get("quarantine"),
    }


def summarise(
    run: RunJSON,
    root: Path,
    stage: str | None,
    baseline: dict[str, Any] | None,
    today: dt.date,
    earlier: list[history.Entry],
    quarantined: list[quarantine.Entry],
    scenarios: list[ScenarioJSON],
) -> Summary:
    """Every number the report shows, judged against the criteria; this dict is summary.json. `earlier`
    are the history's entries of the runs before this one; `scenarios` the records as judged (with the
    `quarantined` entries applied, `judged_scenarios`)."""
    criteria = load_criteria(root / CRITERIA_FILE)
    stage = (stage or run["options"].get("stage") or criteria.get("target_stage") or "A").upper()
    if stage not in criteria["stages"]:
        raise CriteriaError(f"stage {stage} is not defined in {CRITERIA_FILE}")
    current = history.entry(run["identity"], stage, "", scenarios)
    requirements = read_toml(root / REQUIREMENTS_FILE)
    manual = _manual_checks(root)
    layout = aggregate.layout(scenarios)
    ledger = wcag.ledger(scenarios, layout, manual)
    facts: Facts = {
        "scenarios": scenarios,
        "counts": aggregate.status_counts(scenarios),
        "api": aggregate.api_metrics(scenarios, criteria.get("defaults", {}).get("fault_tag", "errors")),
        "matrix": aggregate.coverage_matrix(scenarios, criteria.get("matrix", {})),
        "traceability": aggregate.traceability(
            scenarios,
            {k: v for k, v in requirements.items() if isinstance(v, dict)},
            manual,
            _seeded_defects(root),
        ),
        "a11y": aggregate.accessibility(scenarios, load_waivers(root / WAIVERS_FILE), today),
        "layout": layout,
        "colour": colour_engines.colour(scenarios),  # Issue 22, colour and second engine
        "engines": colour_engines.engines(scenarios),  # Issue 22, colour and second engine
        "screen_reader": transcript.report_facts(scenarios),  # Issue 22, transcripts and aria snapshots
        "links": aggregate.links_and_rum(scenarios, criteria.get("rum", {}).get("required", [])),
        "dashboard": dashboard.rum_dashboard(scenarios, criteria.get("rum", {}).get("required", [])),
        "rollout": aggregate.rollout(scenarios, float(criteria.get("rollout", {}).get("tolerance", 0.05))),
        "manual_checks": manual,
        "env": (run.get("identity") or {}).get("env") or "mock",
        "staging": staging.summarise(run.get("identity") or {}, scenarios),  # None in a mock run
        "staging_coverage": staging.coverage(scenarios, run.get("collected") or []),
        "quarantine": quarantine.summarise(scenarios, quarantined),
        "history": history.analyse(current, earlier),
        "wcag": ledger,
        "wcag_manual": wcag.manual_progress(ledger, manual),
    }
    decided = verdict(criteria, stage, facts, today)
    summary: Summary = {
        "verdict": decided["verdict"],
        "stage": stage,
        "stage_label": decided["label"],
        "rule": decided["rule"],
        "criteria_version": str(criteria.get("version", "unversioned")),
        "evaluated_on": today.isoformat(),
        "criteria": decided["criteria"],
        "readiness": readiness(criteria, facts, today),
        "accepted_risks": [
            {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()}
            | {"active": r["expires"] >= today}
            for r in criteria.get("accepted_risk", [])
        ],
        "identity": run["identity"],
        # every fact but the scenarios' whole records, in the facts' order
        "counts": facts["counts"],
        "api": facts["api"],
        "matrix": facts["matrix"],
        "traceability": facts["traceability"],
        "a11y": facts["a11y"],
        "layout": facts["layout"],
        "colour": facts["colour"],
        "engines": facts["engines"],
        "screen_reader": facts["screen_reader"],
        "links": facts["links"],
        "dashboard": facts["dashboard"],
        "rollout": facts["rollout"],
        "manual_checks": facts["manual_checks"],
        "env": facts["env"],
        "staging": facts["staging"],
        "staging_coverage": facts["staging_coverage"],
        "quarantine": facts["quarantine"],
        "history": facts["history"],
        "wcag": facts["wcag"],
        "wcag_manual": facts["wcag_manual"],
        "failures": aggregate.failures(scenarios),
        "writes": [{"scenario": s["name"], **w} for s in scenarios for w in s.get("writes", [])],
        "scenarios_without_requirement": sorted(
            s["nodeid"] for s in scenarios if s.get("kind") == "scenario" and not s.get("requirements")
        ),
        "signoff": _signoff(root),
        "scenarios": [_scenario_view(s) for s in scenarios],
    }
    summary["comparison"] = compare(summary, baseline) if baseline else None
    return summary


def build(
    directory: Path,
    root: Path | None = None,
    stage: str | None = None,
    baseline: dict[str, Any] | None = None,
    today: dt.date | None = None,
    history_dir: Path | None = None,
) -> Summary:
    """Write every output into `directory`, add the run to the history (`history_dir`, by default beside
    `directory`) and return the summary."""
    with timed(EVIDENCE):
        return _build(directory, root, stage, baseline, today, history_dir or history.default_dir(directory))


def _build(
    directory: Path,
    root: Path | None,
    stage: str | None,
    baseline: dict[str, Any] | None,
    today: dt.date | None,
    history_dir: Path,
) -> Summary:
    from harness.evidence.render import cucumber, html, markdown

    root = root or Path.cwd()
    today = today or dt.datetime.now(dt.UTC).date()
    run = store.load(directory)
    if baseline is None and (directory / "baseline-summary.json").is_file():
        import json

        baseline = json.loads((directory / "baseline-summary.json").read_text(encoding="utf-8"))
    earlier = history.load(history_dir, exclude_run=str(run["identity"].get("date") or ""))
    quarantined = quarantine.load(root / quarantine.QUARANTINE_FILE, today)
    scenarios = judged_scenarios(run, load_criteria(root / CRITERIA_FILE), quarantined)
    summary = summarise(run, root, stage, baseline, today, earlier, quarantined, scenarios)
    store.write_json(directory / "summary.json", summary)
    history.save(history_dir, history.entry(run["identity"], summary["stage"], summary["verdict"], scenarios))
    (directory / "index.html").write_text(html.render(summary, scenarios, directory), encoding="utf-8")
    store.write_json(directory / "cucumber.json", cucumber.render(run["scenarios"], directory))
    (directory / "summary.md").write_text(markdown.render(summary), encoding="utf-8")
    wcag.write_exports(directory, summary["wcag"], run["identity"])
    _redact_junit(directory / store.JUNIT)
    _write_manifest(directory, root)
    return summary


def _redact_junit(path: Path) -> None:
    """pytest's JUnit file holds raw failure messages and tracebacks: redact every text and attribute, as
    the recorder does for its own evidence, so the bundle can be attached to a ticket."""
    if not path.is_file():
        return
    tree = ET.parse(path)
    for element in tree.iter():
        element.text = redact_text(element.text) if element.text else element.text
        element.tail = redact_text(element.tail) if element.tail else element.tail
        for name, value in element.attrib.items():
            element.set(name, redact_text(value))
    tree.write(path, encoding="utf-8", xml_declaration=True)


def _write_manifest(directory: Path, root: Path) -> None:
    """sha256 of every file of the evidence bundle and of the config that judged it, so a report attached
    to a release ticket can be checked for tampering or mix-ups."""
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.name != "manifest.json")
    store.write_json(
        directory / "manifest.json",
        {
            "report": {str(p.relative_to(directory)): sha256_file(p) for p in files},
            "config": config_hashes(root),
        },
    )


def verdict_lines(summary: Summary, directory: Path) -> list[str]:
    """What `make evidence` prints: the verdict, the rule, the key numbers and where the report is."""
    counts = summary.get("counts", {}).get("scenario", {})
    tests = summary.get("counts", {}).get("test", {})
    api = summary.get("api", {})
    rate = api.get("send_error_rate_fault_free")
    ready = summary.get("readiness", {})
    lines = [
        f"VERDICT: {summary.get('verdict')} for {summary.get('stage_label')}",
        f"  rule: {summary.get('rule')}",
        f"  scenarios: {counts.get('total', 0)} ({counts.get('passed', 0)} passed, "
        f"{counts.get('failed', 0)} failed, {counts.get('error', 0)} errors, "
        f"{counts.get('skipped', 0)} skipped, {counts.get('xfailed', 0)} xfailed); "
        f"other tests: {tests.get('total', 0)}",
        f"  accessibility: {summary.get('a11y', {}).get('scans', 0)} scans, open by impact "
        f"{summary.get('a11y', {}).get('open_by_impact')}",
        f"  matrix: {summary.get('matrix', {}).get('covered')}/{summary.get('matrix', {}).get('required')} "
        "cells covered; "
        f"send error rate (fault-free): {'n/a' if rate is None else f'{rate:.2%}'}; "
        f"messages sent by status: {api.get('messages_sent')}",
        f"  ready for stage: {ready.get('ready_for') or 'none'}"
        + (
            f"; missing for {ready['next_stage']}: {len(ready.get('missing_for_next', []))} criteria"
            if ready.get("next_stage")
            else ""
        ),
    ]
    lines += _staging_lines(summary)
    found = summary.get("history") or {}
    if found.get("flaky") or summary.get("quarantine"):
        lines.append(
            f"  history: {found.get('runs', 1)} runs; flaky: {len(found.get('flaky', []))} "
            f"({len(found.get('new_flaky', []))} new since the last stage); "
            f"quarantined: {len(summary.get('quarantine') or [])}"
        )
    for failure in summary.get("failures", [])[:10]:
        lines.append(f"  FAILED {failure['nodeid']} at {failure.get('failing_step') or failure['status']}")
        lines.append(f"    {failure.get('rerun')}")
    lines.append(f"  report: {directory / 'index.html'}")
    return lines


def _staging_lines(summary: Summary) -> list[str]:
    """A staging run's users, its coverage of all scenarios and, when some could not run, whom to add."""
    pool = summary.get("staging")
    if not pool:
        return []
    cov = summary.get("staging_coverage") or {}
    users = ", ".join(f"{u['name']} ({u['ran']} ran)" for u in pool["users"]) or "none recorded"
    share = (
        f"{cov['passed']}/{cov['collected']} of all scenarios passed on staging"
        if cov.get("collected")
        else "scenarios collected not recorded"
    )
    lines = [f"  staging test users: {users}; {share}"]
    if pool["unrunnable"]["sentence"]:
        lines.append(f"  {pool['unrunnable']['sentence']}")
    return lines
