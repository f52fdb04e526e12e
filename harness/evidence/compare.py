"""Compare this run with an earlier summary.json: accessibility findings and scenario statuses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harness.evidence.summary import Comparison, FindingView, StatusChange, Summary


def compare(current: Summary, baseline: dict[str, Any]) -> Comparison:
    """`baseline` is an earlier summary.json as read, of whichever harness wrote it."""
    old_findings = {f["fingerprint"]: f for f in baseline.get("a11y", {}).get("findings", [])}
    new_findings = {f["fingerprint"]: f for f in current["a11y"]["findings"]}

    def view(finding: Mapping[str, Any]) -> FindingView:
        return {
            "fingerprint": finding.get("fingerprint"),
            "state": finding.get("state"),
            "rule": finding.get("rule"),
            "impact": finding.get("impact"),
            "target": finding.get("target"),
            "status": finding.get("status"),
        }

    old_status = {s["nodeid"]: s["status"] for s in baseline.get("scenarios", [])}
    new_status = {s["nodeid"]: s["status"] for s in current["scenarios"]}
    changes: list[StatusChange] = [
        {
            "nodeid": nodeid,
            "before": old_status.get(nodeid, "absent"),
            "after": new_status.get(nodeid, "absent"),
        }
        for nodeid in sorted(set(old_status) | set(new_status))
        if old_status.get(nodeid, "absent") != new_status.get(nodeid, "absent")
    ]
    return {
        "baseline": {
            "date": baseline.get("identity", {}).get("date"),
            "commit": baseline.get("identity", {}).get("git", {}).get("commit"),
            "verdict": baseline.get("verdict"),
        },
        "a11y_new": [view(new_findings[k]) for k in sorted(set(new_findings) - set(old_findings))],
        "a11y_fixed": [view(old_findings[k]) for k in sorted(set(old_findings) - set(new_findings))],
        "a11y_persistent": [view(new_findings[k]) for k in sorted(set(new_findings) & set(old_findings))],
        "status_changes": changes,
        "verdict_change": None
        if baseline.get("verdict") == current.get("verdict")
        else {"before": baseline.get("verdict"), "after": current.get("verdict")},
    }
