"""Issue 22, colour and second engine: the report's rows for the colour check (WCAG 1.4.1, per error or
alert state) and for the second engine beside axe (per page state: its criteria and the disagreements),
read from the scenarios' evidence records only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from harness.accessibility.colour import problems_in
from harness.evidence.schema import ScenarioJSON


class _ColourTally(TypedDict):
    state: str
    checked: int
    fields: list[str]
    alerts: list[str]
    problems: list[str]
    ms: list[float]
    screenshot: str | None
    scenarios: list[str]


class ColourRow(TypedDict):
    state: str
    checked: int
    fields: list[str]  # each field in error and what it said
    alerts: list[str]
    problems: list[str]
    screenshot: str | None  # a data URI of the state without colour
    scenarios: list[str]
    median_ms: int


class EngineState(TypedDict):
    state: str
    scans: int
    engine_failed: list[str]  # WCAG criteria
    axe_failed: list[str]
    engine_review: list[str]
    disagreements: list[dict[str, Any]]  # harness.accessibility.second_engine's, as recorded


class EnginesSummary(TypedDict):
    engine: str | None
    states: list[EngineState]
    disagreements: int
    scans: int
    median_ms: int | None
    max_ms: int | None


def colour(scenarios: Sequence[ScenarioJSON]) -> list[ColourRow]:
    """One row per checked state (the same state checked by several scenarios is one row)."""
    rows: dict[str, _ColourTally] = {}
    for scenario in scenarios:
        for checked in scenario.get("colour", []):
            row = rows.setdefault(
                checked["state"],
                {"state": checked["state"], "checked": 0, "fields": [], "alerts": [], "problems": [],
                 "ms": [], "screenshot": None, "scenarios": []},
            )  # fmt: skip
            row["checked"] += 1
            row["ms"].append(float(checked.get("ms") or 0))
            row["screenshot"] = row["screenshot"] or checked.get("screenshot")
            if scenario.get("name") not in row["scenarios"]:
                row["scenarios"].append(scenario.get("name"))
            for f in checked.get("fields", []):
                text = (
                    f'{f["field"]}: "{f["message"]}"'
                    if f.get("message")
                    else f"{f['field']}: no visible message"
                )
                row["fields"] += [text] if text not in row["fields"] else []
            for a in checked.get("alerts", []):
                text = f'{a["status"]}: "{a.get("text") or ""}"' + (" with an icon" if a.get("icon") else "")
                row["alerts"] += [text] if text not in row["alerts"] else []
            row["problems"] += [p for p in problems_in(checked) if p not in row["problems"]]
    out: list[ColourRow] = []
    for row in rows.values():
        ms = sorted(row["ms"])
        out.append(
            {"state": row["state"], "checked": row["checked"], "fields": row["fields"],
             "alerts": row["alerts"], "problems": row["problems"], "screenshot": row["screenshot"],
             "scenarios": row["scenarios"], "median_ms": round(ms[len(ms) // 2]) if ms else 0}
        )  # fmt: skip
    return sorted(out, key=lambda r: r["state"])


def engines(scenarios: Sequence[ScenarioJSON]) -> EnginesSummary:
    """Per page state the second engine's and axe's violated criteria and where they disagree; its cost."""
    states: dict[str, EngineState] = {}
    costs: list[float] = []
    name = None
    for scenario in scenarios:
        for scan in scenario.get("engines", []):
            name = name or scan.get("engine")
            if not scan.get("cached"):
                costs.append(float(scan.get("ms") or 0))
            row = states.setdefault(
                scan["state"],
                {"state": scan["state"], "scans": 0, "engine_failed": [], "axe_failed": [],
                 "engine_review": [], "disagreements": []},
            )  # fmt: skip
            row["scans"] += 1
            for key in ("engine_failed", "axe_failed", "engine_review"):
                row[key] += [n for n in scan.get(key, []) if n not in row[key]]
            seen = {(d["criterion"], d["violated_by"]) for d in row["disagreements"]}
            for d in scan.get("disagreements", []):
                if (d["criterion"], d["violated_by"]) not in seen:
                    row["disagreements"].append(d)
                    seen.add((d["criterion"], d["violated_by"]))
    costs.sort()
    return {
        "engine": name,
        "states": [states[k] for k in sorted(states)],
        "disagreements": sum(len(s["disagreements"]) for s in states.values()),
        "scans": len(costs),
        "median_ms": round(costs[len(costs) // 2]) if costs else None,
        "max_ms": round(costs[-1]) if costs else None,
    }
