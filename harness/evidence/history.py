"""Evidence over time. Each built report leaves a compact entry of its run in a history folder (beside the
report by default, the last 20 runs); the report reads the earlier entries to show each scenario's recent
results, the trend of pass rate and duration, and which scenarios are flaky.

Flaky means the same scenario passed in one run and failed in another on the same code and the same seed:
nothing the scenario depends on changed, so the difference is the scenario's (or the app's) own
nondeterminism. "New" flaky scenarios are those flaky since the last run judged for an earlier stage that
were not flaky before it: what a go/no-go criterion (`max_new_flaky`) may refuse.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict, cast

from harness.accessibility import transcript
from harness.evidence.schema import ScenarioJSON

KEEP = 20  # runs kept in the history folder
RECENT = 10  # results shown per scenario
PASSING = {"passed", "xfailed"}
FAILING = {"failed", "error", "xpassed"}
_SAFE = re.compile(r"[^0-9A-Za-z]+")


class ScenarioResult(TypedDict):
    name: str | None
    status: str  # its own status, quarantined or not
    seed: int | None
    duration_s: float | None


class Entry(TypedDict):
    """One run as the history keeps it (a file of the history folder)."""

    run: str  # the run's ISO time
    code: str  # code_of its identity
    env: str
    stage: str
    verdict: str
    scenarios: dict[str, ScenarioResult]  # by node id
    transcripts: dict[str, Any]  # harness.accessibility.transcript.history_block


class TrendRow(TypedDict):
    run: str
    code: str
    stage: str | None
    verdict: str | None
    scenarios: int
    pass_rate: float | None
    duration_s: float


class FlakyRow(TypedDict):
    nodeid: str
    name: str | None
    evidence: list[str]


class Analysis(TypedDict):
    runs: int
    trend: list[TrendRow]
    recent: dict[str, list[str]]  # node id -> its latest statuses, oldest first
    flaky: list[FlakyRow]
    new_flaky: list[str]
    since: str | None  # the run after which newly flaky scenarios count


def default_dir(evidence_dir: Path) -> Path:
    """A folder beside the report's: `store.reset` empties the report's own folder at each run."""
    return evidence_dir.parent / f"{evidence_dir.name}-history"


def code_of(identity: dict[str, Any]) -> str:
    """The code a run tested: its commit, and the hash of its uncommitted changes when there were any."""
    git = identity.get("git") or {}
    commit = str(git.get("commit") or "unknown")
    return f"{commit}+{git['diff_sha256'][:12]}" if git.get("dirty") and git.get("diff_sha256") else commit


def entry(identity: dict[str, Any], stage: str, verdict: str, scenarios: Sequence[ScenarioJSON]) -> Entry:
    """What the history keeps of one run: when, which code, and each scenario's own result and seed."""
    return {
        "run": str(identity.get("date") or ""),
        "code": code_of(identity),
        "env": identity.get("env") or "mock",
        "stage": stage,
        "verdict": verdict,
        "scenarios": {
            s["nodeid"]: {
                "name": s.get("name"),
                "status": s.get("observed_status") or s["status"],
                "seed": s.get("seed"),
                "duration_s": s.get("duration_s"),
            }
            for s in scenarios
            if s.get("kind") == "scenario"
        },
        # Issue 22, transcripts and aria snapshots: each masked transcript once, for the next run's comparison
        "transcripts": transcript.history_block(scenarios),
    }


def _file_name(item: Entry) -> str:
    return f"{_SAFE.sub('-', item['run']).strip('-')}-{_SAFE.sub('', item['code'])[:12]}.json"


def load(directory: Path, exclude_run: str | None = None) -> list[Entry]:
    """The earlier runs' entries, oldest first; unreadable files are skipped (a history is a convenience,
    never a reason a report cannot be built)."""
    if not directory.is_dir():
        return []
    out: list[Entry] = []
    for path in directory.glob("*.json"):
        try:
            item = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if (
            isinstance(item, dict)
            and isinstance(item.get("scenarios"), dict)
            and item.get("run") != exclude_run
        ):
            out.append(cast(Entry, item))  # an entry `save` wrote, read back
    return sorted(out, key=lambda item: str(item.get("run")))


def save(directory: Path, item: Entry, keep: int = KEEP) -> None:
    """Write this run's entry (a rebuilt report replaces its own) and keep only the newest `keep` runs."""
    directory.mkdir(parents=True, exist_ok=True)
    for path in directory.glob("*.json"):  # the same run rebuilt, perhaps on other code: one entry per run
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("run") == item["run"]:
                path.unlink()
        except (OSError, json.JSONDecodeError, AttributeError):
            continue
    (directory / _file_name(item)).write_text(json.dumps(item, indent=1, sort_keys=True), encoding="utf-8")
    runs = sorted(directory.glob("*.json"))  # names start with the run's ISO time: oldest first
    for path in runs[: max(0, len(runs) - keep)]:
        path.unlink()


def flaky(runs: list[Entry]) -> dict[str, list[str]]:
    """Scenarios that passed and failed on the same code and seed, each with the runs that show it."""
    seen: dict[tuple[str, str, int | None], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        for nodeid, result in run["scenarios"].items():
            seen[(nodeid, run["code"], result.get("seed"))][result.get("status") or "?"].append(run["run"])
    out: dict[str, list[str]] = {}
    for (nodeid, code, seed), statuses in seen.items():
        passed = [r for s, rs in statuses.items() if s in PASSING for r in rs]
        failed = [r for s, rs in statuses.items() if s in FAILING for r in rs]
        if passed and failed:
            out.setdefault(nodeid, []).append(
                f"code {code[:12]}, seed {seed}: passed {len(passed)}x, failed {len(failed)}x "
                f"(last failure {max(failed)})"
            )
    return out


def _since_last_stage(earlier: list[Entry], stage: str) -> int:
    """Index of the first earlier run after the newest one judged for another stage (0 when none was)."""
    for index in range(len(earlier) - 1, -1, -1):
        if earlier[index].get("stage") != stage:
            return index + 1
    return 0


def _pass_rate(run: Entry) -> float | None:
    judged = [r for r in run["scenarios"].values() if r.get("status") in PASSING | FAILING]
    return sum(r["status"] in PASSING for r in judged) / len(judged) if judged else None


def analyse(current: Entry, earlier: list[Entry]) -> Analysis:
    """Recent results per scenario, the trend per run, flaky scenarios and those newly flaky."""
    runs = [*earlier, current]
    cut = _since_last_stage(earlier, current["stage"])
    now, before = flaky(runs), flaky(earlier[:cut])
    recent: dict[str, list[str]] = {}
    for nodeid in current["scenarios"]:
        recent[nodeid] = [r["scenarios"][nodeid].get("status") for r in runs if nodeid in r["scenarios"]][
            -RECENT:
        ]
    names = {nodeid: result.get("name") for run in runs for nodeid, result in run["scenarios"].items()}
    return {
        "runs": len(runs),
        "trend": [
            {
                "run": run["run"],
                "code": run["code"][:12],
                "stage": run.get("stage"),
                "verdict": run.get("verdict"),
                "scenarios": len(run["scenarios"]),
                "pass_rate": _pass_rate(run),
                "duration_s": round(sum(r.get("duration_s") or 0 for r in run["scenarios"].values()), 1),
            }
            for run in runs
        ],
        "recent": recent,
        "flaky": [{"nodeid": n, "name": names.get(n), "evidence": ev} for n, ev in sorted(now.items())],
        "new_flaky": sorted(set(now) - set(before)),
        "since": earlier[cut - 1]["run"] if cut else None,
    }
