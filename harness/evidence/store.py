"""The recorded data on disk. Each process writes its own file (xdist workers never share one); the
renderer merges whatever is in the directory, so shards and reruns can be combined without rerunning.

    <dir>/run.json            identity and options of the run (the controller writes it)
    <dir>/raw/<worker>.json   scenarios recorded by one process
    <dir>/shots/...jpg        step screenshots
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from harness.evidence.schema import FactsJSON, RunJSON, ScenarioJSON
from harness.run.timing import EVIDENCE, timed

SCHEMA = 1
RAW = "raw"
SHOTS = "shots"
JUNIT = "junit.xml"  # pytest's own --junitxml: the evidence plugin points it into the directory


class EvidenceDataError(Exception):
    """The evidence directory holds nothing usable (clear message instead of an empty report)."""


def reset(directory: Path) -> None:
    """Start a run from a clean slate: a stale worker file would otherwise merge into this run."""
    for name in (RAW, SHOTS):
        shutil.rmtree(directory / name, ignore_errors=True)
    (directory / RAW).mkdir(parents=True, exist_ok=True)


def write_json(path: Path, data: Any) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=False, default=str), encoding="utf-8")
    tmp.replace(path)


def write_run(directory: Path, identity: dict[str, Any], options: dict[str, Any]) -> None:
    write_json(directory / "run.json", {"schema": SCHEMA, "identity": identity, "options": options})


def update_identity(directory: Path, **values: Any) -> None:
    """Add facts to run.json's identity that are known only once the session started (the staging pool)."""
    run = read(directory / "run.json")
    write_run(directory, {**(run.get("identity") or {}), **values}, run.get("options") or {})


def write_worker(directory: Path, worker: str, facts: FactsJSON, scenarios: list[ScenarioJSON]) -> None:
    with timed(EVIDENCE):
        write_json(
            directory / RAW / f"{worker}.json",
            {"schema": SCHEMA, "worker": worker, "facts": facts, "scenarios": scenarios},
        )


def read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvidenceDataError(f"{path}: not readable evidence JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise EvidenceDataError(
            f"{path}: unknown evidence schema {data.get('schema') if isinstance(data, dict) else '?'}"
        )
    return data


def load(directory: Path) -> RunJSON:
    """Merge run.json and every worker file into one run: identity, options and all scenarios."""
    run_file = directory / "run.json"
    run = read(run_file) if run_file.is_file() else {"identity": {}, "options": {}}
    worker_files = sorted((directory / RAW).glob("*.json"))
    if not worker_files and not run_file.is_file():
        raise EvidenceDataError(
            f"{directory}: no recorded evidence (expected run.json and raw/*.json); "
            "run pytest with --evidence"
        )
    identity = dict(run.get("identity") or {})
    scenarios: list[ScenarioJSON] = []
    base_urls: list[str] = []
    # Every process (and shard) collects the whole selection before filtering it: a union, never a sum.
    collected: set[str] = set()
    for path in worker_files:
        data = read(path)
        facts = data.get("facts") or {}
        collected.update(facts.get("scenarios_collected") or [])
        for key in ("browser", "axe_version"):
            if not identity.get(key) and facts.get(key):
                identity[key] = facts[key]
        if facts.get("base_url") and facts["base_url"] not in base_urls:
            base_urls.append(facts["base_url"])
        if identity.get("run_seed") is None and facts.get("run_seed") is not None:
            identity["run_seed"] = facts["run_seed"]
        scenarios.extend(data.get("scenarios") or [])
    if not identity.get("base_url") and base_urls:
        identity["base_url"] = base_urls[0] if len(base_urls) == 1 else ", ".join(base_urls)
    identity["workers"] = [p.stem for p in worker_files]
    if collected:  # older runs did not record it
        identity["scenarios_collected"] = len(collected)
    # A scenario rerun in the same directory (e.g. a retry on another worker) keeps its last record.
    by_id: dict[str, ScenarioJSON] = {}
    for scenario in scenarios:
        by_id[scenario["nodeid"]] = scenario
    return {
        "identity": identity,
        "options": run.get("options") or {},
        "scenarios": list(by_id.values()),
        "collected": sorted(collected),  # node ids of every scenario collected, before any deselection
    }
