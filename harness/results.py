"""Read a pytest-reportlog file (`--report-log`): per-test outcome and duration, for the self-test and the
benchmark. Node ids come back exactly as pytest wrote them (JUnit would mangle them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CaseResult:
    name: str  # the pytest node id
    outcome: str  # passed | failed | skipped
    seconds: float  # setup + call + teardown


def read_cases(path: Path) -> list[CaseResult]:
    """One result per test, in the order the tests finished; an unreadable or missing log gives none."""
    if not path.is_file():
        return []
    outcomes: dict[str, str] = {}
    seconds: dict[str, float] = {}
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
    return [CaseResult(name, outcomes[name], seconds[name]) for name in outcomes]
