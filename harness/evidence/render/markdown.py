"""A short Markdown summary for a pull request or a release ticket."""

from __future__ import annotations

from harness.evidence.summary import Summary


def render(summary: Summary) -> str:
    counts = summary["counts"]["scenario"]
    api = summary["api"]
    rate = api["send_error_rate_fault_free"]
    ready = summary["readiness"]
    lines = [
        f"## Go/no-go: **{summary['verdict']}** for {summary['stage_label']}",
        "",
        f"Rule: {summary['rule']}",
        "",
        f"- Scenarios: {counts.get('total', 0)} total, {counts.get('passed', 0)} passed, "
        f"{counts.get('failed', 0)} failed, {counts.get('error', 0)} errors, "
        f"{counts.get('skipped', 0)} skipped",
        f"- Accessibility: {summary['a11y']['scans']} scans; open violations by impact "
        + ", ".join(f"{k} {v}" for k, v in summary["a11y"]["open_by_impact"].items()),
        f"- Coverage matrix: {summary['matrix']['covered']}/{summary['matrix']['required']} cells covered",
        f"- Send error rate (fault-free): {'no sends' if rate is None else f'{rate:.2%}'}; "
        f"send p95 {api['latency_ms']['send']['p95']} ms, draft p95 {api['latency_ms']['draft']['p95']} ms",
        f"- Ready for stage: {ready['ready_for'] or 'none'}",
        f"- Commit {summary['identity'].get('git', {}).get('commit', '?')[:12]}, run seed "
        f"{summary['identity'].get('run_seed')}, criteria {summary['criteria_version']}",
        "",
        "| Criterion | Threshold | Actual | Result |",
        "|---|---|---|---|",
    ]
    for c in summary["criteria"]:
        result = (
            "does not apply"
            if c.get("applies") is False
            else "pass"
            if c["passed"]
            else "needs the mock run"
            if c.get("needs_mock_run")
            else ("accepted risk " + c["accepted_by"]["id"] if c["accepted_by"] else "FAIL")
        )
        lines.append(f"| {c['title']} | {c['threshold']} | {c['actual']} | {result} |")
    lines += _staging(summary)
    lines += _history(summary)
    if summary["failures"]:
        lines += ["", "### Failures", ""]
        for failure in summary["failures"][:20]:
            lines.append(f"- `{failure['nodeid']}`: {failure.get('failing_step') or failure['status']}  ")
            lines.append(f"  `{failure.get('rerun')}`")
    comparison = summary.get("comparison")
    if comparison:
        lines += [
            "",
            f"Compared with {comparison['baseline'].get('date')}: "
            f"{len(comparison['a11y_new'])} new, {len(comparison['a11y_fixed'])} fixed, "
            f"{len(comparison['a11y_persistent'])} persistent accessibility findings; "
            f"{len(comparison['status_changes'])} scenario status changes.",
        ]
    return "\n".join(lines) + "\n"


def _staging(summary: Summary) -> list[str]:
    """A staging run's test users (label and patient in words), and whom to add for what could not run."""
    pool = summary.get("staging")
    if not pool:
        return []
    cov = summary.get("staging_coverage") or {}
    lines = ["", "### Staging test users", ""]
    if cov.get("collected"):
        lines += [f"{cov['passed']} of all {cov['collected']} scenarios ran and passed on staging.", ""]
    lines += ["| Test user | Patient | Scenarios run as this user | Of which passed |", "|---|---|---|---|"]
    for user in pool["users"]:
        lines.append(
            f"| {user['name']} | {user['shape'] or 'not recorded'} | {user['ran']} | {user['passed']} |"
        )
    if not pool["users"]:
        lines.append("| none recorded | | | |")
    if pool["unrunnable"]["sentence"]:
        lines += ["", pool["unrunnable"]["sentence"]]
    return lines


def _history(summary: Summary) -> list[str]:
    """Flaky scenarios found over the history, and those held back by the quarantine."""
    found = summary.get("history") or {}
    held = summary.get("quarantine") or []
    if not found.get("flaky") and not held:
        return []
    lines = ["", f"### Flaky and quarantined ({found.get('runs', 1)} runs in the history)", ""]
    for item in found.get("flaky", []):
        new = " (new since the last stage)" if item["nodeid"] in found.get("new_flaky", []) else ""
        lines.append(f"- flaky{new}: `{item['nodeid']}`: {'; '.join(item['evidence'])}")
    for entry in held:
        results = ", ".join(f"{x['name']}: {x['observed_status']}" for x in entry["scenarios"]) or "no match"
        lines.append(
            f"- quarantined until {entry['expires']} ({entry['owner']}, {entry['ticket']}): "
            f"`{entry['scenario']}` ({results})"
        )
    return lines
