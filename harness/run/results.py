"""Read a pytest-reportlog file (`--report-log`): per-test outcome, duration and skip reason, for the
self-test, the seed sweep, the benchmark and the project's tests of whole runs: the one reader of report
logs. Node ids come back exactly as pytest wrote them (JUnit would mangle them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CaseResult:
    name: str  # the pytest node id
    outcome: str  # passed | failed | skipped
    seconds: float  # setup + call + teardown
    reason: str = ""  # why it was skipped (pytest's skip message), else empty


def read_cases(path: Path) -> list[CaseResult]:
    """One result per test, in the order the tests finished; an unreadable or missing log gives none."""
    if not path.is_file():
        return []
    outcomes: dict[str, str] = {}
    seconds: dict[str, float] = {}
    reasons: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line) if line.strip() else {}
        if entry.get("$report_type") != "TestReport":
            continue
        nodeid = entry["nodeid"]
        seconds[nodeid] = seconds.get(nodeid, 0.0) + float(entry.get("duration") or 0.0)
        outcome, when = str(entry["outcome"]), entry.get("when")
        # setup comes first; the call decides unless setup failed; a failing teardown fails the test too
        if outcome == "failed" or when == "setup" or (when == "call" and outcomes[nodeid] != "failed"):
            outcomes[nodeid] = outcome
        longrepr = entry.get("longrepr")
        if outcome == "skipped" and isinstance(longrepr, list) and len(longrepr) == 3:
            reasons[nodeid] = str(longrepr[2])  # (file, line, message)
    return [CaseResult(name, outcomes[name], seconds[name], reasons.get(name, "")) for name in outcomes]
