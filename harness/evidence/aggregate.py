"""Numbers over the whole run, computed from the merged scenario records only.

Each function reads `schema.ScenarioJSON` records and returns one typed part of the facts the criteria
judge and summary.json keeps (the TypedDicts below)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any, NotRequired, TypedDict
from urllib.parse import urlsplit

from contract import toggle_label
from harness.accessibility import geometry
from harness.accessibility.waivers import Waiver, find_waiver
from harness.evidence.a11y import IMPACTS, fingerprint
from harness.evidence.schema import (
    A11yNodeJSON,
    ContextJSON,
    ErrorJSON,
    FeatureJSON,
    LinkJSON,
    RolloutJSON,
    ScenarioJSON,
)

PASSING = {"passed", "xfailed"}  # an expected failure (known issue) does not count against the run
FAILING = {"failed", "error", "xpassed"}  # xpassed: the known issue is gone, so its xfail is stale
LATENCY_BINS_MS = (10, 25, 50, 100, 250, 500, 1000)  # upper bounds; the last range is open-ended
DRAFT_ENDPOINTS = {
    "draft_create": "drafts_created",
    "draft_update": "drafts_updated",
    "draft_delete": "drafts_deleted",
}


Scenarios = Sequence[ScenarioJSON]


class StatusCounts(TypedDict):
    scenario: dict[str, int]  # "total" and a count per status
    test: dict[str, int]
    duration_s: float


class HistogramBin(TypedDict):
    label: str
    count: int


class LatencyStats(TypedDict):
    p50: float | None
    p95: float | None
    count: int
    histogram: list[HistogramBin]


class ApiMetrics(TypedDict):
    scenarios_with_api: int
    drafts_created: dict[str, int]  # calls by status code
    drafts_updated: dict[str, int]
    drafts_deleted: dict[str, int]
    messages_sent: dict[str, int]
    latency_ms: dict[str, LatencyStats]  # "draft", "send"
    send_error_rate: float | None
    send_error_rate_fault_free: float | None
    sends_fault_free: int
    send_errors_fault_free: int


class MatrixCell(TypedDict):
    state: str
    profile: str
    ran: int
    passed: int
    failed: int
    skipped: int
    required: bool
    scenarios: list[str]
    result: NotRequired[str]  # once every scenario is placed


class CoverageMatrix(TypedDict):
    states: list[str]
    profiles: list[str]
    cells: list[MatrixCell]
    required: int
    covered: int
    gaps: list[str]
    unplaced_scenarios: int


class ScenarioRef(TypedDict):
    nodeid: str
    name: str
    status: str


class ManualRef(TypedDict):
    id: str
    title: str
    result: str


class TraceRow(TypedDict):
    id: str
    title: str
    known: bool
    scenarios: list[ScenarioRef]
    manual_checks: list[ManualRef]
    seeded_defects: list[dict[str, Any]]  # harness.gherkin.traceability.defects_by_requirement's
    result: str


class IncompleteRule(TypedDict):
    """An axe rule that asked for review, with how many nodes it asked about."""

    id: str
    impact: str
    help: str
    help_url: str
    wcag: list[str]
    tags: list[str]
    nodes: int


class Finding(TypedDict):
    fingerprint: str
    state: str
    rule: str
    impact: str
    help: str
    help_url: str
    wcag: list[str]
    target: str
    html: str
    summary: str
    status: str  # open, waived, expired waiver
    waiver: str | None
    scenarios: list[str]


class _StateTally(TypedDict):
    state: str
    urls: list[str]
    scans: int
    contexts: list[str]
    violations: dict[str, Finding]
    incomplete: dict[str, IncompleteRule]
    passes: int
    inapplicable: int


class A11yState(TypedDict):
    state: str
    urls: list[str]
    scans: int
    contexts: list[str]
    violations: list[Finding]
    incomplete: list[IncompleteRule]
    passes: int
    inapplicable: int
    counts: dict[str, int]
    waived: int


class WaiverView(TypedDict):
    rule: str
    state: str
    target: str
    owner: str
    ticket: str
    reason: str
    expires: str
    status: str


class A11ySummary(TypedDict):
    states: list[A11yState]
    scans: int
    open_by_impact: dict[str, int]
    findings: list[Finding]
    waivers: list[WaiverView]


class LinkRow(TypedDict):
    source: str
    name: str
    href: str
    final_url: str
    rum_action: str | None
    clicks: int
    scenarios: list[str]


# "as" is a keyword: the functional form names it.
RumRequiredRow = TypedDict(
    "RumRequiredRow",
    {"action": str, "accepts": list[str], "observed": bool, "as": str | None, "count": int},
)


class LinksAndRum(TypedDict):
    links: list[LinkRow]
    rum_observed: dict[str, int]
    rum_required: list[RumRequiredRow]


class RolloutRow(RolloutJSON):
    deviation: float
    ok: bool
    scenario: str


class Failure(TypedDict):
    nodeid: str | None
    name: str | None
    status: str | None
    failing_step: str | None
    error: ErrorJSON | None
    rerun: str | None
    trace: str | None
    seed: int | None
    run_seed: int | None
    context: ContextJSON | None
    feature: FeatureJSON | None
    screenshot: str | None  # the failing step's


class LayoutRow(TypedDict):
    state: str
    zoom: int
    spacing: bool
    measured: int
    problems: list[str]
    small_targets: list[str]
    controls: int


def ran(scenario: ScenarioJSON) -> bool:
    return scenario["status"] in PASSING | FAILING


def percentile(values: list[float], pct: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 2)


def _counts_of(scenarios: Scenarios, kind: str) -> dict[str, int]:
    counter = Counter(s["status"] for s in scenarios if s.get("kind") == kind)
    return {"total": sum(counter.values()), **dict(sorted(counter.items()))}


def status_counts(scenarios: Scenarios) -> StatusCounts:
    return {
        "scenario": _counts_of(scenarios, "scenario"),
        "test": _counts_of(scenarios, "test"),
        "duration_s": round(sum(s.get("duration_s") or 0 for s in scenarios), 2),
    }


# --- API metrics ----------------------------------------------------------------------------------
def api_metrics(scenarios: Scenarios, fault_tag: str) -> ApiMetrics:
    """The release plan's dashboard over the run: drafts and sends by status code, latency, error rate."""
    counts: dict[str, Counter[str]] = {
        name: Counter() for name in (*DRAFT_ENDPOINTS.values(), "messages_sent")
    }
    latency: dict[str, list[float]] = {"draft": [], "send": []}
    sends = {"all": [0, 0], "fault_free": [0, 0]}  # [errors, total]
    with_api = 0
    for scenario in scenarios:
        api = scenario.get("api")
        if not api:
            continue
        with_api += 1
        fault_free = fault_tag not in scenario.get("tags", [])
        for call in api.get("calls", []):
            endpoint, status = call.get("endpoint"), call.get("status")
            if endpoint in DRAFT_ENDPOINTS:
                counts[DRAFT_ENDPOINTS[endpoint]][str(status)] += 1
                if (ms := call.get("latency_ms")) is not None:
                    latency["draft"].append(float(ms))
            elif endpoint == "send":
                counts["messages_sent"][str(status)] += 1
                if (ms := call.get("latency_ms")) is not None:
                    latency["send"].append(float(ms))
                error = status is None or int(status) >= 400
                for key in ("all", "fault_free") if fault_free else ("all",):
                    sends[key][0] += error
                    sends[key][1] += 1
    by_status = {name: dict(sorted(counter.items())) for name, counter in counts.items()}
    return {
        "scenarios_with_api": with_api,
        "drafts_created": by_status["drafts_created"],
        "drafts_updated": by_status["drafts_updated"],
        "drafts_deleted": by_status["drafts_deleted"],
        "messages_sent": by_status["messages_sent"],
        "latency_ms": {
            kind: {
                "p50": percentile(values, 50),
                "p95": percentile(values, 95),
                "count": len(values),
                "histogram": latency_histogram(values),
            }
            for kind, values in latency.items()
        },
        "send_error_rate": _rate(*sends["all"]),
        "send_error_rate_fault_free": _rate(*sends["fault_free"]),
        "sends_fault_free": sends["fault_free"][1],
        "send_errors_fault_free": sends["fault_free"][0],
    }


def latency_histogram(values: list[float]) -> list[HistogramBin]:
    """Calls per latency range (ms), for the report's distribution chart and its table."""
    bins: list[HistogramBin] = [{"label": f"≤ {upper} ms", "count": 0} for upper in LATENCY_BINS_MS]
    bins.append({"label": f"> {LATENCY_BINS_MS[-1]} ms", "count": 0})
    for value in values:
        index = next((i for i, upper in enumerate(LATENCY_BINS_MS) if value <= upper), len(LATENCY_BINS_MS))
        bins[index]["count"] += 1
    return bins


def _rate(errors: int, total: int) -> float | None:
    return round(errors / total, 4) if total else None


# --- coverage matrix ------------------------------------------------------------------------------
def toggle_state(toggles: dict[str, str], matrix: dict[str, Any]) -> str | None:
    """The matrix's toggle state (go-no-go.toml's [matrix] toggle_states) these toggles are in."""
    defaults = matrix.get("toggle_defaults", {})
    for state in matrix.get("toggle_states", []):
        if all(toggles.get(name, defaults.get(name)) == value for name, value in state["toggles"].items()):
            return str(state["name"])
    return None


def matrix_shapes(context: ContextJSON) -> list[str]:
    """The patient shapes a scenario covers: those observed to hold for the patient the app received.
    Records without observed shapes (older runs, tests without a page) fall back to the mock profile."""
    shapes = [str(s) for s in context.get("shapes") or []]
    if shapes:
        return shapes
    return [str(context["profile"])] if context.get("profile") else []


def coverage_matrix(scenarios: Scenarios, matrix: dict[str, Any]) -> CoverageMatrix:
    """Toggle states x patient shapes: ran, passed, failed per cell; required cells never run are gaps.

    The profile a scenario gets is chosen by its seed, so a cell is filled by what the patient was
    observed to be, not by the profile's name: one scenario counts in every shape its patient had."""
    states = [s["name"] for s in matrix.get("toggle_states", [])]
    profiles = list(matrix.get("profiles", []))  # the shapes (oracle.shapes.SHAPES) the matrix asks for
    excluded = {(e[0], e[1]) for e in matrix.get("exclude", [])}
    # keyed (state, shape); a scenario's own state may be None, which simply matches no cell
    cells: dict[tuple[str | None, str], MatrixCell] = {
        (st, pr): {
            "state": st,
            "profile": pr,
            "ran": 0,
            "passed": 0,
            "failed": 0,
            "skipped": 0,
            "required": (st, pr) not in excluded,
            "scenarios": [],
        }
        for st in states
        for pr in profiles
    }
    unplaced = 0
    for scenario in scenarios:
        if scenario.get("kind") != "scenario":
            continue
        context: ContextJSON = scenario.get("context") or {}
        state = toggle_state(context.get("toggles") or {}, matrix)
        placed = [cells[(state, shape)] for shape in matrix_shapes(context) if (state, shape) in cells]
        if not placed:
            unplaced += 1
        for cell in placed:
            cell["scenarios"].append(scenario["nodeid"])
            if ran(scenario):
                cell["ran"] += 1
                cell["passed" if scenario["status"] in PASSING else "failed"] += 1
            else:
                cell["skipped"] += 1
    for cell in cells.values():
        cell["result"] = "not covered" if not cell["ran"] else "failed" if cell["failed"] else "passed"
    required = [c for c in cells.values() if c["required"]]
    return {
        "states": states,
        "profiles": profiles,
        "cells": list(cells.values()),
        "required": len(required),
        "covered": sum(1 for c in required if c["ran"]),
        "gaps": [f"{c['state']} x {c['profile']}" for c in required if not c["ran"]],
        "unplaced_scenarios": unplaced,
    }


# --- requirement traceability ---------------------------------------------------------------------
def traceability(
    scenarios: Scenarios,
    requirements: dict[str, dict[str, Any]],
    manual: list[dict[str, Any]],
    seeded: dict[str, list[dict[str, Any]]] | None = None,
) -> list[TraceRow]:
    """Per requirement: its scenarios and manual checks with their results, and the seeded defects whose
    own scenario must catch them (the coverage rule; `seeded` from harness.gherkin.traceability)."""
    linked: dict[str, list[ScenarioRef]] = defaultdict(list)
    for scenario in scenarios:
        for req in scenario.get("requirements", []):
            linked[req].append(
                {"nodeid": scenario["nodeid"], "name": scenario["name"], "status": scenario["status"]}
            )
    manual_by_req: dict[str, list[ManualRef]] = defaultdict(list)
    for check in manual:
        for req in check.get("requirements", []):
            manual_by_req[req].append(
                {"id": check["id"], "title": check.get("title", ""), "result": check.get("result", "not run")}
            )
    out: list[TraceRow] = []
    for req_id in sorted(set(requirements) | set(linked) | set(manual_by_req)):
        runs = linked.get(req_id, [])
        checks = manual_by_req.get(req_id, [])
        statuses = [r["status"] for r in runs if r["status"] in PASSING | FAILING]
        manual_results = [c["result"] for c in checks]
        if any(s in FAILING for s in statuses) or "fail" in manual_results:
            result = "failed"
        elif statuses or "pass" in manual_results:
            result = "passed"
        else:
            result = "not covered"
        out.append(
            {
                "id": req_id,
                "title": requirements.get(req_id, {}).get("title", ""),
                "known": req_id in requirements,
                "scenarios": runs,
                "manual_checks": checks,
                "seeded_defects": (seeded or {}).get(req_id, []),
                "result": result,
            }
        )
    return out


# --- accessibility --------------------------------------------------------------------------------
_NO_NODE: A11yNodeJSON = {"target": "", "html": "", "summary": ""}  # a violation axe gave no node for


def accessibility(scenarios: Scenarios, waivers: list[Waiver], today: dt.date) -> A11ySummary:
    """Per page state: scans, violations (deduplicated by fingerprint), needs-review, waivers applied."""
    states: dict[str, _StateTally] = {}
    findings: dict[str, Finding] = {}
    for scenario in scenarios:
        for scan in scenario.get("a11y", []):
            state = states.setdefault(
                scan["state"],
                {
                    "state": scan["state"],
                    "urls": [],
                    "scans": 0,
                    "contexts": [],
                    "violations": {},
                    "incomplete": {},
                    "passes": 0,
                    "inapplicable": 0,
                },
            )
            state["scans"] += 1
            state["passes"] = max(state["passes"], scan.get("passes", 0))
            state["inapplicable"] = max(state["inapplicable"], scan.get("inapplicable", 0))
            if scan["url"] not in state["urls"]:
                state["urls"].append(scan["url"])
            context = _context_label(scenario.get("context") or {})
            if context not in state["contexts"]:
                state["contexts"].append(context)
            for rule in scan.get("incomplete", []):
                state["incomplete"].setdefault(rule["id"], {**rule, "nodes": len(rule.get("nodes", []))})
            for rule in scan.get("violations", []):
                for node in rule.get("nodes", []) or [_NO_NODE]:
                    key = fingerprint(scan["state"], rule["id"], node["target"])
                    finding = findings.get(key)
                    if finding is None:
                        waiver = find_waiver(waivers, rule["id"], node["target"], scan["state"])
                        status = "open"
                        if waiver is not None:
                            status = "expired waiver" if waiver.expired(today) else "waived"
                        finding = findings[key] = {
                            "fingerprint": key,
                            "state": scan["state"],
                            "rule": rule["id"],
                            "impact": rule["impact"],
                            "help": rule["help"],
                            "help_url": rule["help_url"],
                            "wcag": rule["wcag"],
                            "target": node["target"],
                            "html": node["html"],
                            "summary": node["summary"],
                            "status": status,
                            "waiver": _waiver_label(waiver),
                            "scenarios": [],
                        }
                        state["violations"][key] = finding
                    if scenario["nodeid"] not in finding["scenarios"]:
                        finding["scenarios"].append(scenario["nodeid"])
    open_counts = Counter(f["impact"] for f in findings.values() if f["status"] != "waived")
    by_state: list[A11yState] = []
    for state in states.values():
        violations = sorted(
            state["violations"].values(),
            key=lambda f: (IMPACTS.index(f["impact"]) if f["impact"] in IMPACTS else 9, f["rule"]),
        )
        counts = Counter(f["impact"] for f in violations if f["status"] != "waived")
        by_state.append(
            {
                "state": state["state"],
                "urls": state["urls"],
                "scans": state["scans"],
                "contexts": state["contexts"],
                "violations": violations,
                "incomplete": list(state["incomplete"].values()),
                "passes": state["passes"],
                "inapplicable": state["inapplicable"],
                "counts": {i: counts.get(i, 0) for i in IMPACTS},
                "waived": sum(1 for f in violations if f["status"] == "waived"),
            }
        )
    return {
        "states": sorted(by_state, key=lambda s: s["state"]),
        "scans": sum(s["scans"] for s in by_state),
        "open_by_impact": {i: open_counts.get(i, 0) for i in IMPACTS},
        "findings": sorted(findings.values(), key=lambda f: f["fingerprint"]),
        "waivers": [_waiver_view(w, today) for w in waivers],
    }


def _waiver_label(waiver: Waiver | None) -> str | None:
    return waiver.describe() if waiver is not None else None


def _waiver_view(waiver: Waiver, today: dt.date) -> WaiverView:
    status = "expired" if waiver.expired(today) else "active"
    if status == "active" and (waiver.expires - today).days <= 14:
        status = "expires soon"
    return {
        "rule": waiver.rule,
        "state": waiver.state,
        "target": waiver.target,
        "owner": waiver.owner,
        "ticket": waiver.ticket,
        "reason": waiver.reason,
        "expires": waiver.expires.isoformat(),
        "status": status,
    }


def _context_label(context: ContextJSON) -> str:
    toggles = ", ".join(f"{toggle_label(k)}={v}" for k, v in sorted(context.get("toggles", {}).items()))
    user = context.get("staging_user")
    # A staging scenario ran as its user, whatever profile its tags name for the mock.
    patient = f"staging user {user}" if user else context.get("profile") or "no profile"
    return patient + (f" ({toggles})" if toggles else "")


# --- links, RUM and rollout -----------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _local_path(url: str) -> str:
    """The mock's URLs differ per xdist worker only by port; show their path so clicks group together."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.hostname in ("127.0.0.1", "localhost"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url


def _link_row(link: LinkJSON, source: str, final_url: str) -> LinkRow:
    return {**link, "source": source, "final_url": final_url, "clicks": 0, "scenarios": []}


def _link_order(row: LinkRow) -> tuple[str, str]:
    return row["source"], row["name"]


def links_and_rum(scenarios: Scenarios, required: list[list[str]]) -> LinksAndRum:
    grouped: dict[tuple[str | None, ...], LinkRow] = {}  # by where it was, what it said and did
    observed: Counter[str] = Counter()
    for scenario in scenarios:
        for link in scenario.get("links", []):
            source, final_url = _local_path(link["source"]), _local_path(link["final_url"])
            key = (source, link["name"], link["href"], final_url, link.get("rum_action"))
            row = grouped.setdefault(key, _link_row(link, source, final_url))
            row["clicks"] += 1
            row["scenarios"].append(scenario["nodeid"])
        for action in scenario.get("rum_actions", []):
            observed[action["name"]] += 1
    normalised = {_norm(name): name for name in observed}
    required_rows: list[RumRequiredRow] = []
    for alternatives in required:
        hit = next((normalised[_norm(a)] for a in alternatives if _norm(a) in normalised), None)
        required_rows.append(
            {
                "action": alternatives[0],
                "accepts": alternatives,
                "observed": hit is not None,
                "as": hit,
                "count": observed.get(hit, 0) if hit else 0,
            }
        )
    return {
        "links": sorted(grouped.values(), key=_link_order),
        "rum_observed": dict(observed.most_common()),
        "rum_required": required_rows,
    }


def rollout(scenarios: Scenarios, tolerance: float) -> dict[str, list[RolloutRow]]:
    out: dict[str, list[RolloutRow]] = defaultdict(list)
    for scenario in scenarios:
        for entry in scenario.get("rollout", []):
            deviation = abs(entry["observed_share"] - entry["expected_share"])
            allowed = float((entry.get("extra") or {}).get("tolerance", tolerance))
            ok = deviation <= allowed and entry["sticky"] and entry["monotonic"] and entry["mismatches"] == 0
            out[entry["stage"]].append(
                {**entry, "deviation": round(deviation, 4), "ok": ok, "scenario": scenario["nodeid"]}
            )
    return dict(sorted(out.items()))


def failures(scenarios: Scenarios) -> list[Failure]:
    out: list[Failure] = []
    for scenario in scenarios:
        if scenario["status"] not in FAILING:
            continue
        failing_shot = next(
            (
                s.get("screenshot")
                for s in scenario.get("steps", [])
                if s["status"] in ("failed", "undefined") and s.get("screenshot")
            ),
            None,
        )
        out.append(
            {
                "nodeid": scenario.get("nodeid"),
                "name": scenario.get("name"),
                "status": scenario.get("status"),
                "failing_step": scenario.get("failing_step"),
                "error": scenario.get("error"),
                "rerun": scenario.get("rerun"),
                "trace": scenario.get("trace"),
                "seed": scenario.get("seed"),
                "run_seed": scenario.get("run_seed"),
                "context": scenario.get("context"),
                "feature": scenario.get("feature"),
                "screenshot": failing_shot,
            }
        )
    return out


# --- zoom, reflow and spacing ------------------------------------------------------------------------------
def layout(scenarios: Scenarios) -> list[LayoutRow]:
    """Per page state and zoom level: measured how often, and what was found (problems fail the scenario
    that measured them; small targets are listed, as 2.5.8 has exceptions only a person can judge)."""
    rows: dict[tuple[str, int, bool], LayoutRow] = {}
    for scenario in scenarios:
        for measured in scenario.get("layout", []):
            for result in measured["results"]:
                key = (measured["state"], int(result["zoom"]), bool(result["spacing"]))
                row = rows.setdefault(
                    key,
                    {"state": key[0], "zoom": key[1], "spacing": key[2], "measured": 0, "problems": [],
                     "small_targets": [], "controls": 0},
                )  # fmt: skip
                row["measured"] += 1
                row["controls"] = max(row["controls"], int(result.get("controls") or 0))
                found = geometry.problems_in(result)
                row["problems"] += [f for f in found if f not in row["problems"]]
                small = result.get("small_targets", [])
                row["small_targets"] += [t for t in small if t not in row["small_targets"]]
    return [rows[k] for k in sorted(rows)]
