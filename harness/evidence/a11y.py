"""Compact axe-core results into what the report needs, and decode WCAG tags into success criteria."""

from __future__ import annotations

from typing import Any

from harness.accessibility.ruleset import wcag_criteria

IMPACTS = ("critical", "serious", "moderate", "minor")
_HTML_MAX = 300
_LEVEL_TAGS = {
    "wcag2a": "WCAG 2.0 A",
    "wcag2aa": "WCAG 2.0 AA",
    "wcag2aaa": "WCAG 2.0 AAA",
    "wcag21a": "WCAG 2.1 A",
    "wcag21aa": "WCAG 2.1 AA",
    "wcag22aa": "WCAG 2.2 AA",
    "best-practice": "best practice (not WCAG)",
}
# Names of the success criteria axe rules map to (WCAG 2.2); an unknown number still shows as "SC x.y.z".
SC_NAMES = {
    "1.1.1": "Non-text Content",
    "1.2.2": "Captions (Prerecorded)",
    "1.3.1": "Info and Relationships",
    "1.3.2": "Meaningful Sequence",
    "1.3.5": "Identify Input Purpose",
    "1.4.1": "Use of Color",
    "1.4.2": "Audio Control",
    "1.4.3": "Contrast (Minimum)",
    "1.4.4": "Resize Text",
    "1.4.10": "Reflow",
    "1.4.11": "Non-text Contrast",
    "1.4.12": "Text Spacing",
    "2.1.1": "Keyboard",
    "2.2.1": "Timing Adjustable",
    "2.2.2": "Pause, Stop, Hide",
    "2.4.1": "Bypass Blocks",
    "2.4.2": "Page Titled",
    "2.4.3": "Focus Order",
    "2.4.4": "Link Purpose (In Context)",
    "2.4.7": "Focus Visible",
    "2.5.3": "Label in Name",
    "2.5.8": "Target Size (Minimum)",
    "3.1.1": "Language of Page",
    "3.1.2": "Language of Parts",
    "3.3.1": "Error Identification",
    "3.3.2": "Labels or Instructions",
    "4.1.1": "Parsing",
    "4.1.2": "Name, Role, Value",
    "4.1.3": "Status Messages",
}


def success_criteria(tags: list[str]) -> list[str]:
    """'wcag143' -> 'SC 1.4.3 Contrast (Minimum)'; level tags -> 'WCAG 2.1 AA'; best-practice flagged."""
    out = [f"SC {n} {SC_NAMES.get(n, '')}".rstrip() for n in wcag_criteria(tags)]
    return out + [_LEVEL_TAGS[tag] for tag in tags if tag in _LEVEL_TAGS]


def _rule(rule: dict[str, Any], with_nodes: bool) -> dict[str, Any]:
    tags = [str(t) for t in rule.get("tags", [])]
    out: dict[str, Any] = {
        "id": str(rule.get("id", "?")),
        "impact": rule.get("impact") or "minor",
        "help": str(rule.get("help", "")),
        "help_url": str(rule.get("helpUrl", rule.get("help_url", ""))),
        "wcag": success_criteria(tags),
        "tags": tags,
    }
    if with_nodes:
        out["nodes"] = [
            {
                "target": " ".join(_flatten_target(node.get("target", []))),
                "html": str(node.get("html", ""))[:_HTML_MAX],
                "summary": str(node.get("failureSummary", node.get("summary", ""))),
            }
            for node in rule.get("nodes", [])
        ]
    return out


def _flatten_target(target: Any) -> list[str]:
    """axe targets can nest for frames and shadow roots; show them as one CSS path."""
    if isinstance(target, str):
        return [target]
    out: list[str] = []
    for part in target or []:
        out.extend(_flatten_target(part))
    return out


def _from_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The accessibility fixture's flat findings (one per node) grouped back into rules with nodes."""
    rules: dict[str, dict[str, Any]] = {}
    for finding in findings:
        rule = rules.setdefault(
            finding["rule"],
            {
                "id": finding["rule"],
                "impact": finding.get("impact") or "minor",
                "help": finding.get("help", ""),
                "help_url": finding.get("help_url", ""),
                "wcag": success_criteria(list(finding.get("tags", []))),
                "tags": list(finding.get("tags", [])),
                "nodes": [],
            },
        )
        rule["nodes"].append(
            {
                "target": str(finding.get("target", "")),
                "html": str(finding.get("html", ""))[:_HTML_MAX],
                "summary": str(finding.get("failure_summary", "")),
            }
        )
    return list(rules.values())


def compact(state: str, url: str, result: dict[str, Any]) -> dict[str, Any]:
    """One page state's axe result, without passes' and inapplicable rules' details (counts only).

    Accepts the accessibility fixture's A11yResult.to_dict() (findings already split into violations,
    expired and waived; all of them are kept, waivers are applied again when the report is built so
    expiry is judged on the report's date) or axe's raw result."""
    if "axe_version" in result or any("rule" in f for f in result.get("violations", [])):
        findings = [*result.get("violations", []), *result.get("expired", []), *result.get("waived", [])]
        violations = _from_findings(findings)
        incomplete = _from_findings(result.get("incomplete", []))
        engine = result.get("axe_version")
        passes = len(result.get("passes", []))
        passed_criteria = list(result.get("passed_criteria", []))
        inapplicable = 0
    else:
        violations = [_rule(rule, with_nodes=True) for rule in result.get("violations", [])]
        incomplete = [_rule(rule, with_nodes=True) for rule in result.get("incomplete", [])]
        test_engine = result.get("testEngine") or {}
        engine = test_engine.get("version") if isinstance(test_engine, dict) else None
        passes = len(result.get("passes", []))
        passed_criteria = sorted(
            {n for rule in result.get("passes", []) for n in wcag_criteria(list(rule.get("tags", [])))}
        )
        inapplicable = len(result.get("inapplicable", []))
    return {
        "state": state,
        "url": url,
        "violations": violations,
        "incomplete": incomplete,
        "passes": passes,
        "passed_criteria": passed_criteria,
        "inapplicable": inapplicable,
        "engine": engine,
        "counts": {
            impact: sum(len(v["nodes"]) for v in violations if v["impact"] == impact) for impact in IMPACTS
        },
    }


def fingerprint(state: str, rule_id: str, target: str) -> str:
    """Stable identity of a finding across runs: page state, rule and node target (not the churning html)."""
    return f"{state}|{rule_id}|{target}"
