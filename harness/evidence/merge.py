"""Join the evidence of N shards (`pytest --shard K/N --evidence --evidence-dir DIR_K`) into one directory
that `build` turns into one report and one verdict. A shard that is missing, given twice, from another
split, or run with another seed is an error that names it: a gate must never judge part of a suite."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from harness.evidence import store
from harness.evidence.schema import RunJSON

DURATIONS = "durations.json"  # node id -> seconds, what `pytest --durations-file` balances shards with


def _shard_run(directory: Path) -> tuple[dict[str, Any], dict[str, int]]:
    run_file = directory / "run.json"
    if not run_file.is_file():
        raise store.EvidenceDataError(
            f"{directory}: no run.json, so not a shard's evidence directory "
            "(each shard runs `pytest --shard K/N --evidence --evidence-dir DIR`)"
        )
    run = store.read(run_file)
    shard = (run.get("identity") or {}).get("shard")
    if not isinstance(shard, dict) or not {"index", "total"} <= set(shard):
        raise store.EvidenceDataError(f"{directory}: this run was not sharded (no --shard K/N)")
    return run, shard


def check_shards(directories: list[Path]) -> list[tuple[Path, dict[str, Any], dict[str, int]]]:
    """Each shard K/N exactly once, all from one N-way split and one seed; else an error naming them."""
    if not directories:
        raise store.EvidenceDataError("no shard directories given")
    runs = [(d, *_shard_run(d)) for d in directories]
    totals = sorted({shard["total"] for _, _, shard in runs})
    if len(totals) > 1:
        described = ", ".join(f"{d} is {s['index']}/{s['total']}" for d, _, s in runs)
        raise store.EvidenceDataError(f"the shards come from different splits: {described}")
    total = totals[0]
    by_index: dict[int, list[Path]] = defaultdict(list)
    for directory, _, shard in runs:
        by_index[shard["index"]].append(directory)
    problems = [
        f"shard {index}/{total} is given more than once: {', '.join(map(str, dirs))}"
        for index, dirs in sorted(by_index.items())
        if len(dirs) > 1
    ]
    problems += [f"shard {i}/{total} is missing" for i in range(1, total + 1) if i not in by_index]
    if problems:
        raise store.EvidenceDataError("; ".join(problems))
    balances = {shard.get("durations_sha256") for _, _, shard in runs}
    if len(balances) > 1:
        described = ", ".join(f"{s['index']}/{total}: {s.get('durations_sha256')}" for _, _, s in runs)
        raise store.EvidenceDataError(
            f"the shards were balanced by different durations files ({described}), so their slices need "
            "not fit together; give every shard the same --durations-file"
        )
    seeds = {run["identity"].get("run_seed") for _, run, _ in runs}
    if len(seeds) > 1:
        described = ", ".join(f"{s['index']}/{total}: {r['identity'].get('run_seed')}" for _, r, s in runs)
        raise store.EvidenceDataError(
            f"the shards ran with different seeds ({described}); pass the same --seed to every shard"
        )
    return sorted(runs, key=lambda entry: entry[2]["index"])


def _scenario_ids(directory: Path) -> list[str]:
    return [
        scenario["nodeid"]
        for path in sorted((directory / store.RAW).glob("*.json"))
        for scenario in store.read(path).get("scenarios") or []
    ]


def merge(directories: list[Path], out: Path) -> RunJSON:
    """Copy the shards' raw evidence and screenshots into `out` with one run.json; return that run."""
    out = out.resolve()
    if any(d.resolve() == out for d in directories):
        raise store.EvidenceDataError(f"--out {out} is one of the shard directories; choose a new one")
    runs = check_shards(directories)
    owner: dict[str, str] = {}
    for directory, _, _ in runs:
        for nodeid in _scenario_ids(directory):
            if nodeid in owner and owner[nodeid] != str(directory):
                raise store.EvidenceDataError(
                    f"{nodeid} was run by two shards ({owner[nodeid]} and {directory}); "
                    "every shard must use the same tests, filters and durations file"
                )
            owner[nodeid] = str(directory)
    store.reset(out)
    for directory, _, shard in runs:
        for path in sorted((directory / store.RAW).glob("*.json")):
            shutil.copy2(path, out / store.RAW / f"shard{shard['index']}-{path.name}")
        shots = directory / store.SHOTS
        if shots.is_dir():  # screenshot paths are unique per scenario, and scenarios per shard
            shutil.copytree(shots, out / store.SHOTS, dirs_exist_ok=True)
    first = runs[0][1]
    identity = dict(first["identity"])
    identity["shard"] = None
    identity["shards"] = [
        {
            "index": shard["index"],
            "total": shard["total"],
            "directory": str(directory),
            "date": run["identity"].get("date"),
            "git": run["identity"].get("git"),
            "command": run["identity"].get("command"),
        }
        for directory, run, shard in runs
    ]
    identity["command"] = f"merged from {len(runs)} shards"
    store.write_run(out, identity, first.get("options") or {})
    return store.load(out)


def write_durations(run: RunJSON, out: Path) -> Path:
    """Seconds per scenario of this run, for balancing the next run's shards (CI caches the file)."""
    durations = {
        s["nodeid"]: s["duration_s"] for s in run["scenarios"] if isinstance(s.get("duration_s"), int | float)
    }
    path = out / DURATIONS
    store.write_json(path, dict(sorted(durations.items())))
    return path
