"""The WCAG 2.2 A/AA ledger: for each success criterion, how this run checked it (axe rules, a scenario,
what was announced, the zoom and spacing geometry, or a manual check), its result, and where the evidence
is. "Supports" appears only with evidence that passed; a criterion nothing checked is "Not evaluated", so
the ledger never claims more than the run saw.

Issue 22, colour and second engine: the colour check (1.4.1: each error and alert state says what is wrong
without colour) and a second engine (IBM Equal Access, mapped by its own WCAG_2_2 ruleset) beside axe: the
second engine's passes are evidence, a violation it finds where axe does not is "Needs review" (engines
disagree; a person decides), never a failure on its own.

Exported three ways from the same rows: the report's table, VA's Staging Review accessibility artifact
(Markdown) and an ACR-style table (JSON and HTML, with the VPAT's conformance words).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

from harness.accessibility.colour import problems_in as colour_problems
from harness.accessibility.ruleset import wcag_criteria
from harness.evidence.aggregate import LayoutRow
from harness.evidence.schema import ScenarioJSON

# WCAG 2.2 Level A and AA (4.1.1 Parsing is obsolete in 2.2 and left out).
CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("1.1.1", "A", "Non-text Content"),
    ("1.2.1", "A", "Audio-only and Video-only (Prerecorded)"),
    ("1.2.2", "A", "Captions (Prerecorded)"),
    ("1.2.3", "A", "Audio Description or Media Alternative (Prerecorded)"),
    ("1.2.4", "AA", "Captions (Live)"),
    ("1.2.5", "AA", "Audio Description (Prerecorded)"),
    ("1.3.1", "A", "Info and Relationships"),
    ("1.3.2", "A", "Meaningful Sequence"),
    ("1.3.3", "A", "Sensory Characteristics"),
    ("1.3.4", "AA", "Orientation"),
    ("1.3.5", "AA", "Identify Input Purpose"),
    ("1.4.1", "A", "Use of Color"),
    ("1.4.2", "A", "Audio Control"),
    ("1.4.3", "AA", "Contrast (Minimum)"),
    ("1.4.4", "AA", "Resize Text"),
    ("1.4.5", "AA", "Images of Text"),
    ("1.4.10", "AA", "Reflow"),
    ("1.4.11", "AA", "Non-text Contrast"),
    ("1.4.12", "AA", "Text Spacing"),
    ("1.4.13", "AA", "Content on Hover or Focus"),
    ("2.1.1", "A", "Keyboard"),
    ("2.1.2", "A", "No Keyboard Trap"),
    ("2.1.4", "A", "Character Key Shortcuts"),
    ("2.2.1", "A", "Timing Adjustable"),
    ("2.2.2", "A", "Pause, Stop, Hide"),
    ("2.3.1", "A", "Three Flashes or Below Threshold"),
    ("2.4.1", "A", "Bypass Blocks"),
    ("2.4.2", "A", "Page Titled"),
    ("2.4.3", "A", "Focus Order"),
    ("2.4.4", "A", "Link Purpose (In Context)"),
    ("2.4.5", "AA", "Multiple Ways"),
    ("2.4.6", "AA", "Headings and Labels"),
    ("2.4.7", "AA", "Focus Visible"),
    ("2.4.11", "AA", "Focus Not Obscured (Minimum)"),
    ("2.5.1", "A", "Pointer Gestures"),
    ("2.5.2", "A", "Pointer Cancellation"),
    ("2.5.3", "A", "Label in Name"),
    ("2.5.4", "A", "Motion Actuation"),
    ("2.5.7", "AA", "Dragging Movements"),
    ("2.5.8", "AA", "Target Size (Minimum)"),
    ("3.1.1", "A", "Language of Page"),
    ("3.1.2", "AA", "Language of Parts"),
    ("3.2.1", "A", "On Focus"),
    ("3.2.2", "A", "On Input"),
    ("3.2.3", "AA", "Consistent Navigation"),
    ("3.2.4", "AA", "Consistent Identification"),
    ("3.2.6", "A", "Consistent Help"),
    ("3.3.1", "A", "Error Identification"),
    ("3.3.2", "A", "Labels or Instructions"),
    ("3.3.3", "AA", "Error Suggestion"),
    ("3.3.4", "AA", "Error Prevention (Legal, Financial, Data)"),
    ("3.3.7", "A", "Redundant Entry"),
    ("3.3.8", "AA", "Accessible Authentication (Minimum)"),
    ("4.1.2", "A", "Name, Role, Value"),
    ("4.1.3", "AA", "Status Messages"),
)

# Scenarios that check a criterion, by the requirement they are tagged with (requirements.toml).
BY_REQUIREMENT: dict[str, tuple[str, ...]] = {
    "KEYBOARD-1": ("2.1.1", "2.1.2", "2.4.3"),
    "REFLOW-1": ("1.4.10",),
}
# ... and by the steps they run (steps/assistive.py): what is heard is status messages and errors.
BY_STEP: dict[str, tuple[str, ...]] = {
    "they hear each error shown on the form": ("3.3.1", "4.1.3"),
    'they hear "': ("4.1.3",),
    "they hear the page heading": ("2.4.3",),
    "they are not left on the send button": ("2.4.3",),
    "without colour, every error and alert still says what is wrong": ("1.4.1",),
}
# The zoom and spacing geometry (harness.accessibility.geometry), per measured result.
BY_GEOMETRY = {"1.4.4": "200% zoom", "1.4.10": "400% zoom (320 CSS px)", "1.4.12": "WCAG text spacing",
               "2.4.11": "focused controls", "2.5.8": "target size"}  # fmt: skip
# Issue 22, transcripts and aria snapshots: what a screen reader reads of each page state and its aria
# snapshot against the stored contract (harness.accessibility.aria_snapshots): structure and relationships,
# reading order, headings and labels, names and roles. Whether headings and labels describe their topic
# (2.4.6) is a person's judgment: the transcripts are the evidence they read, so it stays for review.
BY_SCREEN_READER = {
    "1.3.1": "aria snapshot and transcript",
    "1.3.2": "aria snapshot (order)",
    "2.4.6": "transcript (headings and labels)",
    "4.1.2": "aria snapshot and transcript",
}
# Not applicable to this flow, and why (stated, never inferred).
NOT_APPLICABLE = {
    "1.2.1": "the flow has no audio or video",
    "1.2.2": "the flow has no audio or video",
    "1.2.3": "the flow has no audio or video",
    "1.2.4": "the flow has no live audio",
    "1.2.5": "the flow has no video",
    "3.3.8": "the flow runs after sign-in; it asks for no authentication",
}
SUPPORTS, PARTIAL, FAILS, NA, NOT_EVALUATED, REVIEW = (
    "Supports",
    "Partially Supports",
    "Does Not Support",
    "Not Applicable",
    "Not Evaluated",
    "Needs review",
)


class Row(TypedDict):
    """One success criterion of the ledger."""

    criterion: str  # "1.4.3"
    level: str  # "A", "AA"
    name: str
    how: list[str]
    result: str  # SUPPORTS ... REVIEW
    remarks: str
    manual: list[str]  # the manual checks that cover it


class ManualProgress(TypedDict):
    id: str
    title: str
    result: str
    proved: list[str]
    left: list[str]


class AcrRow(TypedDict):
    criteria: str
    conformance_level: str
    remarks_and_explanations: str
    methods: list[str]


class Acr(TypedDict):
    product: str
    standard: str
    evaluated: str | None
    commit: str | None
    environment: str
    criteria: list[AcrRow]


class _Measured(TypedDict):
    measured: int
    found: list[str]


class _Heard(TypedDict):
    read: int
    matched: int
    failing: list[str]
    review: list[str]


def _axe(scenarios: Sequence[ScenarioJSON]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Per criterion: page states where axe passed it, failed it, or asked for review."""
    passed: dict[str, int] = {}
    failed: dict[str, int] = {}
    review: dict[str, int] = {}
    for scenario in scenarios:
        for scan in scenario.get("a11y", []):
            for number in scan.get("passed_criteria", []):
                passed[number] = passed.get(number, 0) + 1
            for rules, into in ((scan.get("violations", []), failed), (scan.get("incomplete", []), review)):
                for rule in rules:
                    for number in wcag_criteria(list(rule.get("tags", []))):
                        into[number] = into.get(number, 0) + 1
    return passed, failed, review


def _scenarios(scenarios: Sequence[ScenarioJSON]) -> dict[str, dict[str, list[str]]]:
    """Per criterion: the scenarios that check it, split by result."""
    out: dict[str, dict[str, list[str]]] = {}
    for scenario in scenarios:
        if scenario.get("kind") != "scenario" or scenario.get("status") in ("skipped", "not run"):
            continue
        numbers = {n for req in scenario.get("requirements", []) for n in BY_REQUIREMENT.get(req, ())}
        for step in scenario.get("steps", []):
            text = str(step.get("text", "")).casefold()
            numbers |= {n for phrase, ns in BY_STEP.items() if text.startswith(phrase) for n in ns}
        outcome = "passed" if scenario["status"] in ("passed", "xfailed") else "failed"
        for number in numbers:
            out.setdefault(number, {"passed": [], "failed": []})[outcome].append(scenario["name"])
    return out


def _geometry(layout: list[LayoutRow]) -> dict[str, _Measured]:
    """Per criterion the geometry checks: page states measured and what they found."""
    out: dict[str, _Measured] = {n: {"measured": 0, "found": []} for n in BY_GEOMETRY}
    for row in layout:
        applies = ["2.4.11", "2.5.8"] + (["1.4.12"] if row["spacing"] else [])
        applies += ["1.4.4"] if row["zoom"] == 200 and not row["spacing"] else []
        applies += ["1.4.10"] if row["zoom"] == 400 and not row["spacing"] else []
        for number in applies:
            out[number]["measured"] += 1
        for problem in row["problems"]:
            number = "2.4.11" if problem.startswith("focused control hidden") else (
                "1.4.12" if row["spacing"] else ("1.4.10" if row["zoom"] == 400 else "1.4.4"))  # fmt: skip
            out[number]["found"].append(f"{row['state']} at {row['zoom']}%: {problem}")
        out["2.5.8"]["found"] += [f"{row['state']}: small target {t}" for t in row["small_targets"]]
    return out


def _screen_reader(scenarios: Sequence[ScenarioJSON]) -> _Heard:
    """Page states read and snapshots matched, and what differed (a failure on the mock, a review item on
    staging) or was lost since the previous run on the same data."""
    read = sum(len(s.get("transcripts") or []) for s in scenarios)
    aria = [a for s in scenarios for a in s.get("aria") or []]
    matched = sum(1 for a in aria if a.get("result") == "matched")
    differs = [a for a in aria if a.get("result") == "differs"]
    lost = [f"{t['state']}: lost {'; '.join(t['previous']['lost'])}" for s in scenarios
            for t in s.get("transcripts") or [] if (t.get("previous") or {}).get("failure")]  # fmt: skip
    failing = [
        f"aria snapshot of {a['state']} differs from its template" for a in differs if not a.get("staging")
    ]
    review = [f"the real site's {a['state']} differs from the stand-in's aria snapshot" for a in differs
              if a.get("staging")]  # fmt: skip
    return {"read": read, "matched": matched, "failing": failing + lost, "review": review}


# Issue 22, colour and second engine
def _colour_and_engine(scenarios: Sequence[ScenarioJSON]) -> dict[str, dict[str, list[str]]]:
    """Per criterion the colour check's and the second engine's how, evidence, failures and review items."""
    out: dict[str, dict[str, list[str]]] = {}

    def add(number: str, part: str, text: str) -> None:
        lines = out.setdefault(number, {"how": [], "evidence": [], "failing": [], "review": []})[part]
        lines += [text] if text not in lines else []

    checked = [c for s in scenarios for c in s.get("colour", [])]
    if checked:
        add("1.4.1", "how", "colour check without colour vision")
        problems = list(dict.fromkeys(f"{c['state']}: {p}" for c in checked for p in colour_problems(c)))
        for problem in problems[:5]:
            add("1.4.1", "failing", problem)
        if not problems:
            states = len({c["state"] for c in checked})
            add("1.4.1", "evidence", f"every error and alert said what is wrong without colour on {states} "
                "page states (#colour)")  # fmt: skip
    passed: dict[str, int] = {}
    only: dict[str, int] = {}
    for scan in (e for s in scenarios for e in s.get("engines", [])):
        for number in set(scan.get("engine_passed", [])) - set(scan.get("engine_failed", [])):
            passed[number] = passed.get(number, 0) + 1
        for d in scan.get("disagreements", []):
            if d["violated_by"] == "second engine":
                only[d["criterion"]] = only.get(d["criterion"], 0) + 1
    for number in {*passed, *only}:
        add(number, "how", "second engine")
        if passed.get(number):
            add(number, "evidence", f"the second engine passed it on {passed[number]} page states (#engines)")
        if only.get(number):
            add(number, "review", f"the second engine finds it violated on {only[number]} page states where "
                "axe does not (#engines)")  # fmt: skip
    return out


def ledger(
    scenarios: Sequence[ScenarioJSON], layout: list[LayoutRow], manual: list[dict[str, Any]]
) -> list[Row]:
    """One row per WCAG 2.2 A/AA success criterion."""
    passed, failed, review = _axe(scenarios)
    by_scenario = _scenarios(scenarios)
    geometry = _geometry(layout)
    heard = _screen_reader(scenarios)
    more = _colour_and_engine(scenarios)  # Issue 22, colour and second engine
    rows: list[Row] = []
    for number, level, name in CRITERIA:
        how: list[str] = []
        evidence: list[str] = []
        failing: list[str] = []
        needs_review: list[str] = []
        if number in passed or number in failed:
            how.append("axe rules")
            evidence.append(f"axe passed it on {passed.get(number, 0)} page states (#a11y)")
            if number in failed:
                failing.append(f"axe found violations on {failed[number]} page states (#a11y)")
        if number in review:
            needs_review.append(f"axe asks for review on {review[number]} page states (#a11y)")
        checked = by_scenario.get(number)
        if checked:
            how.append("scenarios")
            if checked["passed"]:
                evidence.append(f"{len(checked['passed'])} scenarios passed (#scenarios)")
            failing += [f"scenario failed: {name}" for name in checked["failed"]]
        if number in geometry and geometry[number]["measured"]:
            how.append(f"geometry: {BY_GEOMETRY[number]}")
            if number == "2.5.8" and geometry[number]["found"]:
                needs_review += geometry[number]["found"][:5]  # 2.5.8 has exceptions a person judges
            elif geometry[number]["found"]:
                failing += geometry[number]["found"][:5]
            else:
                evidence.append(f"measured on {geometry[number]['measured']} page states (#layout)")
        if number in BY_SCREEN_READER and heard["read"]:  # Issue 22, transcripts and aria snapshots
            how.append(BY_SCREEN_READER[number])
            if number == "2.4.6":
                needs_review.append(f"read the headings and labels of {heard['read']} page states "
                                    "(#screen-reader)")  # fmt: skip
            elif heard["matched"]:
                evidence.append(f"aria snapshots matched their contract on {heard['matched']} page states, "
                                f"{heard['read']} read (#screen-reader)")  # fmt: skip
            failing += heard["failing"][:5] if number != "2.4.6" else []
            needs_review += heard["review"][:5]
        extra = more.get(number)  # Issue 22, colour and second engine
        if extra:
            how += extra["how"]
            evidence += extra["evidence"]
            failing += extra["failing"]
            needs_review += extra["review"]
        checks = [c for c in manual if number in c.get("criteria", [])]
        for check in checks:
            how.append(f"manual check {check['id']}")
            if check["result"] == "pass":
                evidence.append(f"manual check {check['id']} passed")
            elif check["result"] == "fail":
                failing.append(f"manual check {check['id']} failed")
        if number in NOT_APPLICABLE and not how:
            result, remarks = NA, NOT_APPLICABLE[number]
        elif failing:
            result, remarks = (PARTIAL if evidence else FAILS), "; ".join(failing)
        elif evidence and not needs_review:
            result, remarks = SUPPORTS, "; ".join(evidence)
        elif needs_review:
            result, remarks = REVIEW, "; ".join([*evidence, *needs_review])
        else:
            pending = [c["id"] for c in checks if c["result"] == "not run"]
            result = NOT_EVALUATED
            remarks = (
                f"left for manual check {', '.join(pending)}" if pending else "nothing in this run checks it"
            )
        rows.append(
            {"criterion": number, "level": level, "name": name, "how": how or ["none"], "result": result,
             "remarks": remarks, "manual": [c["id"] for c in checks]}
        )  # fmt: skip
    return rows


def manual_progress(rows: list[Row], manual: list[dict[str, Any]]) -> list[ManualProgress]:
    """For each manual check, what automation already proved of its criteria and what is left to a person."""
    by_number = {r["criterion"]: r for r in rows}
    out: list[ManualProgress] = []
    for check in manual:
        numbers = [n for n in check.get("criteria", []) if n in by_number]
        if not numbers:
            continue
        proved = [f"{n} {by_number[n]['name']}" for n in numbers if by_number[n]["result"] == SUPPORTS]
        left = [f"{n} {by_number[n]['name']}" for n in numbers if by_number[n]["result"] != SUPPORTS]
        out.append({"id": check["id"], "title": check.get("title", ""), "result": check["result"],
                    "proved": proved, "left": left})  # fmt: skip
    return out


def staging_review_markdown(rows: list[Row], identity: dict[str, Any]) -> str:
    """VA's Staging Review accessibility artifact: one table against WCAG 2.2 A/AA."""
    commit = str((identity.get("git") or {}).get("commit") or "?")[:12]
    lines = [
        "# Accessibility artifact for Staging Review: Secure Messaging, Start a new message",
        "",
        f"WCAG 2.2 Level A and AA. Run of {identity.get('date', '?')}, commit {commit}, environment "
        f"{identity.get('env') or 'mock'}. Evidence: the go/no-go report (index.html) beside this file.",
        "",
        "| Success criterion | Level | How it was checked | Result | Remarks |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        remarks = r["remarks"].replace("|", "/")
        how = ", ".join(r["how"])
        lines.append(f"| {r['criterion']} {r['name']} | {r['level']} | {how} | {r['result']} | {remarks} |")
    counts = {
        k: sum(r["result"] == k for r in rows) for k in (SUPPORTS, PARTIAL, FAILS, NA, NOT_EVALUATED, REVIEW)
    }
    lines += ["", "Totals: " + ", ".join(f"{k} {v}" for k, v in counts.items())]
    return "\n".join(lines) + "\n"


def acr(rows: list[Row], identity: dict[str, Any]) -> Acr:
    """An ACR-style report (the VPAT's table) as data."""
    return {
        "product": "VA.gov Secure Messaging, Start a new message (curated list flow)",
        "standard": "WCAG 2.2 Level A and AA",
        "evaluated": identity.get("date"),
        "commit": (identity.get("git") or {}).get("commit"),
        "environment": identity.get("env") or "mock",
        "criteria": [
            {
                "criteria": f"{r['criterion']} {r['name']} (Level {r['level']})",
                "conformance_level": r["result"],
                "remarks_and_explanations": r["remarks"],
                "methods": r["how"],
            }
            for r in rows
        ],
    }


def acr_html(report: Acr) -> str:
    e = html.escape
    body = "".join(
        f'<tr><th scope="row">{e(c["criteria"])}</th><td>{e(c["conformance_level"])}</td>'
        f"<td>{e(c['remarks_and_explanations'])}</td></tr>"
        for c in report["criteria"]
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Accessibility Conformance Report: '
        f"{e(report['product'])}</title><style>body{{font-family:sans-serif;margin:2rem;color:#1b1b1b}}"
        "table{border-collapse:collapse}th,td{border:1px solid #565c65;padding:.4rem;text-align:left;"
        "vertical-align:top}</style></head><body><main><h1>Accessibility Conformance Report</h1>"
        f"<p>{e(report['product'])}. Standard: {e(report['standard'])}. "
        f"Evaluated {e(str(report['evaluated']))}"
        f" on commit {e(str(report['commit'])[:12])} ({e(report['environment'])}).</p>"
        '<table><caption>WCAG 2.2 Level A and AA</caption><thead><tr><th scope="col">Criteria</th>'
        '<th scope="col">Conformance level</th><th scope="col">Remarks and explanations</th></tr></thead>'
        f"<tbody>{body}</tbody></table></main></body></html>\n"
    )


def write_exports(directory: Path, rows: list[Row], identity: dict[str, Any]) -> None:
    (directory / "a11y-staging-review.md").write_text(
        staging_review_markdown(rows, identity), encoding="utf-8"
    )
    report = acr(rows, identity)
    (directory / "acr.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (directory / "acr.html").write_text(acr_html(report), encoding="utf-8")
