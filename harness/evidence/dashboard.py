"""The release plan's Datadog dashboard, computed from the RUM events as Datadog computes it, with the
mock journal's figures beside it and every disagreement flagged.

- Clicks on the four tracked elements: RUM actions by name (a dashboard query on the name counts every
  action with it, whatever its type), beside every click the scenarios made on them.
- Draft and send latency: RUM resource durations of the draft and send calls made on the new flow's
  select-care-team and start-message pages, beside the mock's own latency for the same calls.
- Send error rate of the new flow against the legacy flow, side by side: RUM sends by the page they were
  made on (start message = new, the legacy compose form = legacy), beside the journal's sends split by
  the scenario's curated-list toggle.
- DD collection: `DD_RUM.getInitConfiguration()` on every page of the new flow (go/no-go criterion).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NotRequired, TypedDict, cast
from urllib.parse import urlsplit

from contract import BY_NAME, CURATED_LIST_FLOW, ENDPOINTS, INTERSTITIAL, SELECT_CARE_TEAM, START_MESSAGE
from harness.evidence.aggregate import percentile
from harness.evidence.schema import ApiJSON, RumCollectionJSON, RumJSON, RumResourceJSON, ScenarioJSON

EXPECTED_SERVICE = "va.gov-mhv-secure-messaging"
EXPECTED_SAMPLE_RATE = 100
NEW_FLOW_VIEWS = (SELECT_CARE_TEAM, START_MESSAGE)
NEW_SEND_VIEWS = (START_MESSAGE,)
LEGACY_SEND_VIEWS = (INTERSTITIAL,)
_DRAFTS = (ENDPOINTS["draft_create"].pattern, ENDPOINTS["draft_update"].pattern)
_SEND = ENDPOINTS["send"].pattern
_JOURNAL_DRAFTS = {"draft_create", "draft_update"}
# What a scenario without RUM or API evidence reads as (never written to).
_NO_RUM: RumJSON = {"mode": "", "clicked": [], "actions": [], "resources": [], "errors": 0, "views": 0}
_NO_API: ApiJSON = {"calls": [], "metrics": {}}


class ClickRow(TypedDict):
    action: str
    rum: int  # actions RUM counted under the element's names
    clicked: int  # clicks the scenarios made on it
    flags: list[str]


class Stats(TypedDict):
    p50: float | None
    p95: float | None
    count: int


class LatencyRow(TypedDict):
    rum: Stats
    journal: Stats
    flags: list[str]


class Rate(TypedDict):
    errors: int
    total: int
    rate: float | None


class ErrorRateRow(TypedDict):
    rum: Rate
    journal: Rate
    flags: list[str]


class CollectionRow(RumCollectionJSON):
    scenario: str
    reason: NotRequired[str]  # why it does not prove its page collected (collection_row_problem)


class Collection(TypedDict):
    pages: list[CollectionRow]
    bad: list[CollectionRow]
    service: str
    rate: int


class Dashboard(TypedDict):
    scenarios_with_rum: int
    clicks: list[ClickRow]
    latency_ms: dict[str, LatencyRow]  # "draft", "send"
    send_error_rate: dict[str, ErrorRateRow]  # "new", "legacy"
    collection: Collection


def _kind(resource: RumResourceJSON) -> str | None:
    # The SDK does not always report the method of a fetch resource: the path alone names the call then
    # (the app only writes to these two paths; GETs of a message use /messages/<id>).
    path, method = resource.get("path") or "", (resource.get("method") or "").upper()
    if any(p.search(path) for p in _DRAFTS) and method in ("POST", "PUT", ""):
        return "draft"
    if _SEND.search(path) and method in ("POST", ""):
        return "send"
    return None


def _failed(status: int | None) -> bool:
    return not isinstance(status, int) or status == 0 or status >= 400


def _stats(values: list[float]) -> Stats:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "count": len(values)}


def _rate(errors: int, total: int) -> Rate:
    return {"errors": errors, "total": total, "rate": round(errors / total, 4) if total else None}


def _curated(scenario: ScenarioJSON) -> bool | None:
    value = ((scenario.get("context") or {}).get("toggles") or {}).get(CURATED_LIST_FLOW)
    return None if value is None else str(value).lower() in ("on", "true", "100%")


def _spelt(text: str) -> str:
    """A name as a dashboard query matches it: case-sensitive; only the apostrophe's form and spacing are
    let go (the release plan writes a straight one where the page shows a curly one)."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def clicks(scenarios: Sequence[ScenarioJSON], required: list[list[str]]) -> list[ClickRow]:
    """Per tracked element: the actions RUM counted under its names, beside the clicks the scenarios made
    on it (every click, recorded where the page objects click: `pages/tracked.py`). A row is flagged only
    where the two disagree."""
    rows: list[ClickRow] = []
    for names in required:
        wanted = {_spelt(n) for n in names}
        actions = [a for s in scenarios for a in (s.get("rum") or _NO_RUM).get("actions", [])
                   if _spelt(str(a.get("name") or "")) in wanted]  # fmt: skip
        clicked = [n for s in scenarios for n in (s.get("rum") or _NO_RUM).get("clicked", [])]
        made = sum(1 for n in clicked if _spelt(n) in wanted)
        not_clicks = sum(1 for a in actions if a.get("type") != "click")
        # One flag per disagreeing row: a click counted twice (a custom action beside the click) is one fault.
        why = f"{not_clicks} of them are not click actions" if not_clicks else ""
        flags = []
        if len(actions) != made:
            counts = f"RUM counts {len(actions)}, the scenarios clicked {made}"
            flags.append(f"{counts} ({why})" if why else counts)
        elif why:
            flags.append(why)
        rows.append({"action": names[0], "rum": len(actions), "clicked": made, "flags": flags})
    return rows


def latency(scenarios: Sequence[ScenarioJSON]) -> dict[str, LatencyRow]:
    rum: dict[str, list[float]] = {"draft": [], "send": []}
    journal: dict[str, list[float]] = {"draft": [], "send": []}
    for scenario in scenarios:
        for resource in (scenario.get("rum") or _NO_RUM).get("resources", []):
            kind = _kind(resource)
            duration = resource.get("duration_ms")
            if kind and resource.get("view") in NEW_FLOW_VIEWS and duration is not None:
                rum[kind].append(float(duration))
        if _curated(scenario) and scenario.get("rum"):
            for call in (scenario.get("api") or _NO_API).get("calls", []):
                kind = "draft" if call.get("endpoint") in _JOURNAL_DRAFTS else (
                    "send" if call.get("endpoint") == "send" else None)  # fmt: skip
                if kind and (ms := call.get("latency_ms")) is not None:
                    journal[kind].append(float(ms))
    out = {}
    for kind in ("draft", "send"):
        row: LatencyRow = {"rum": _stats(rum[kind]), "journal": _stats(journal[kind]), "flags": []}
        if row["rum"]["count"] != row["journal"]["count"]:
            seen, served = row["rum"]["count"], row["journal"]["count"]
            row["flags"].append(f"RUM saw {seen} calls, the mock served {served}")
        browser, server = row["rum"]["p50"], row["journal"]["p50"]
        if browser is not None and server is not None and browser < server:
            row["flags"].append("the browser measured less time than the server spent")
        out[kind] = row
    return out


def error_rates(scenarios: Sequence[ScenarioJSON]) -> dict[str, ErrorRateRow]:
    counts = {("rum", "new"): [0, 0], ("rum", "legacy"): [0, 0],
              ("journal", "new"): [0, 0], ("journal", "legacy"): [0, 0]}  # fmt: skip
    for scenario in scenarios:
        for resource in (scenario.get("rum") or _NO_RUM).get("resources", []):
            if _kind(resource) != "send":
                continue
            flow = "new" if resource.get("view") in NEW_SEND_VIEWS else (
                "legacy" if resource.get("view") in LEGACY_SEND_VIEWS else None)  # fmt: skip
            if flow:
                counts["rum", flow][0] += _failed(resource.get("status"))
                counts["rum", flow][1] += 1
        curated = _curated(scenario)
        if curated is None or not scenario.get("rum"):
            continue
        flow = "new" if curated else "legacy"
        for call in (scenario.get("api") or _NO_API).get("calls", []):
            if call.get("endpoint") == "send":
                counts["journal", flow][0] += _failed(call.get("status"))
                counts["journal", flow][1] += 1
    out: dict[str, ErrorRateRow] = {}
    for flow in ("new", "legacy"):
        rum, journal = _rate(*counts["rum", flow]), _rate(*counts["journal", flow])
        flags = []
        if (rum["errors"], rum["total"]) != (journal["errors"], journal["total"]):
            flags.append(
                f"RUM {rum['errors']}/{rum['total']} vs journal {journal['errors']}/{journal['total']}"
            )
        out[flow] = {"rum": rum, "journal": journal, "flags": flags}
    return out


# Where each page of the new flow lives: a row names a page, and is only evidence for it when its address
# is that page's (a direct load of select care team is redirected to the interstitial). The contract's
# routes, so the report reads no page objects.
NEW_FLOW_PAGE_PATHS = {
    name: BY_NAME[name]
    for name in ("interstitial", "recent care teams", "select care team", "care team help", "start message")
}


def collection_row_problem(row: RumCollectionJSON) -> str | None:
    """Why a DD-collection row does not prove its page collected at the planned rate (None: it does)."""
    name, url = str(row.get("page")), str(row.get("url"))
    expected = NEW_FLOW_PAGE_PATHS.get(name)
    if expected is None or urlsplit(url).path.rstrip("/") != expected.rstrip("/"):
        return f"recorded on {url}, not on {name}"
    if not row.get("initialised", True):
        return "RUM not initialised"
    if row.get("sessionSampleRate") != EXPECTED_SAMPLE_RATE or row.get("service") != EXPECTED_SERVICE:
        return f"sessionSampleRate {row.get('sessionSampleRate')}, service {row.get('service')}"
    return None


def collection(scenarios: Sequence[ScenarioJSON]) -> Collection:
    # A copy of each entry, which gets a `reason` when it proves nothing.
    pages = [
        cast(CollectionRow, {**entry, "scenario": s["nodeid"]})
        for s in scenarios
        for entry in s.get("rum_collection", [])
    ]
    bad = []
    for page in pages:
        problem = collection_row_problem(page)
        if problem is not None:
            page["reason"] = problem
            bad.append(page)
    return {"pages": pages, "bad": bad, "service": EXPECTED_SERVICE, "rate": EXPECTED_SAMPLE_RATE}


def rum_dashboard(scenarios: Sequence[ScenarioJSON], required: list[list[str]]) -> Dashboard:
    with_rum = [s for s in scenarios if s.get("rum")]
    return {
        "scenarios_with_rum": len(with_rum),
        "clicks": clicks(with_rum, required),
        "latency_ms": latency(with_rum),
        "send_error_rate": error_rates(with_rum),
        "collection": collection(scenarios),
    }
