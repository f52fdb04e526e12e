"""Comparison with an earlier summary: new / fixed / persistent findings and status changes."""

from __future__ import annotations

from typing import Any, cast

from harness.evidence.compare import compare
from harness.evidence.summary import Summary


def finding(rule: str, target: str) -> dict[str, str]:
    return {
        "fingerprint": f"state|{rule}|{target}",
        "state": "state",
        "rule": rule,
        "impact": "serious",
        "target": target,
        "status": "open",
    }


def summary(findings: list[dict[str, str]], statuses: dict[str, str], verdict: str) -> dict[str, Any]:
    """A summary.json as read, with only what the comparison reads."""
    return {
        "verdict": verdict,
        "identity": {"date": "2026-11-26", "git": {"commit": "abc"}},
        "a11y": {"findings": findings},
        "scenarios": [{"nodeid": k, "status": v} for k, v in statuses.items()],
    }


def test_new_fixed_persistent_and_status_changes() -> None:
    old = summary(
        [finding("label", "#a"), finding("color-contrast", "#b")],
        {"s1": "passed", "s2": "failed", "gone": "passed"},
        "NO-GO",
    )
    new = summary(
        [finding("color-contrast", "#b"), finding("region", "#c")],
        {"s1": "failed", "s2": "passed", "added": "passed"},
        "NO-GO",
    )
    result = compare(cast(Summary, new), old)  # the current run's summary, partial on purpose
    assert [f["rule"] for f in result["a11y_new"]] == ["region"]
    assert [f["rule"] for f in result["a11y_fixed"]] == ["label"]
    assert [f["rule"] for f in result["a11y_persistent"]] == ["color-contrast"]
    assert result["status_changes"] == [
        {"nodeid": "added", "before": "absent", "after": "passed"},
        {"nodeid": "gone", "before": "passed", "after": "absent"},
        {"nodeid": "s1", "before": "passed", "after": "failed"},
        {"nodeid": "s2", "before": "failed", "after": "passed"},
    ]
    assert result["verdict_change"] is None
    assert result["baseline"]["commit"] == "abc"
