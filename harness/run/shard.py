"""`pytest --shard K/N`: run the K-th of N slices of the suite, e.g. one per CI runner.

Every shard computes the same split from the same collected tests, so the N slices cover each test exactly
once. With a durations file (nodeid -> seconds; `python -m harness.evidence merge` writes one as
`durations.json`) the split balances recorded time, longest first onto the least loaded shard; tests it
does not list count as the median recorded test. Without one every test counts the same. Ties break on the
node id, so the split never depends on collection order, the machine or xdist.

Why not pytest-split (`--splits N --group K`, whose `least_duration` does the same split): the shards'
evidence is merged into one report (`python -m harness.evidence merge`), and the merge must know each
run's shard identity and prove the slices fit together: every shard records K, N and the sha256 of the
durations file it split by in run.json, and the merge refuses a missing, repeated or foreign shard. The
durations come from the merged evidence itself (`durations.json`), not from a separate
`--store-durations` run. pytest-split records none of that; the split itself is the 30 lines below.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.run.options import options_of

DURATIONS_FILE = "test-durations.json"
SHARD_KEY = pytest.StashKey["Shard"]()


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    total: int

    @property
    def label(self) -> str:
        return f"{self.index}/{self.total}"

    def as_dict(self) -> dict[str, int]:
        return {"index": self.index, "total": self.total}


def parse_shard(text: str) -> Shard:
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise pytest.UsageError(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. --shard 2/3")
    return Shard(int(match[1]), int(match[2]))


def read_durations(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise pytest.UsageError(f"--durations-file {path}: not a readable JSON object ({error})") from None
    if not isinstance(data, dict):
        raise pytest.UsageError(f"--durations-file {path}: expected an object of node id -> seconds")
    return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float) and v >= 0}


def split(nodeids: list[str], total: int, durations: dict[str, float] | None = None) -> list[list[str]]:
    """Longest-processing-time-first assignment of node ids to `total` shards (deterministic)."""
    durations = durations or {}
    known = [durations[n] for n in nodeids if n in durations]
    default = statistics.median(known) if known else 1.0
    weight = {n: durations.get(n, default) for n in nodeids}
    shards: list[list[str]] = [[] for _ in range(total)]
    loads = [0.0] * total
    for nodeid in sorted(set(nodeids), key=lambda n: (-weight[n], n)):
        target = min(range(total), key=lambda i: (loads[i], i))
        shards[target].append(nodeid)
        loads[target] += weight[nodeid]
    return shards


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness")
    group.addoption(
        "--shard",
        default=None,
        metavar="K/N",
        help="Run only the K-th of N slices of the collected tests (one per CI runner); "
        "`python -m harness.evidence merge` joins the shards' evidence.",
    )
    group.addoption(
        "--durations-file",
        default=None,
        metavar="FILE",
        help=f"Recorded seconds per node id to balance --shard (default: {DURATIONS_FILE} in the rootdir, "
        "when present).",
    )


def pytest_configure(config: pytest.Config) -> None:
    text = options_of(config).shard
    if text:
        config.stash[SHARD_KEY] = parse_shard(text)


def durations_for(config: pytest.Config) -> tuple[dict[str, float], Path | None]:
    option = options_of(config).shard_durations
    if option:
        path = Path(option)
        if not path.is_absolute():
            path = config.invocation_params.dir / path
        if not path.is_file():
            raise pytest.UsageError(f"--durations-file {option}: no such file")
        return read_durations(path), path
    default = config.rootpath / DURATIONS_FILE
    return (read_durations(default), default) if default.is_file() else ({}, None)


@pytest.hookimpl(trylast=True)  # after every other filter (-k, -m, staging), so all shards see the same set
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    shard = config.stash.get(SHARD_KEY, None)
    if shard is None:
        return
    durations, _ = durations_for(config)
    mine = set(split([item.nodeid for item in items], shard.total, durations)[shard.index - 1])
    kept = [item for item in items if item.nodeid in mine]
    deselected = [item for item in items if item.nodeid not in mine]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_report_header(config: pytest.Config) -> list[str]:
    shard = config.stash.get(SHARD_KEY, None)
    if shard is None:
        return []
    _, path = durations_for(config)
    balance = f"balanced by {path}" if path else "equal weights (no durations file)"
    return [f"harness: shard {shard.label}, {balance}"]


def shard_of(config: pytest.Config) -> dict[str, Any] | None:
    """This run's shard for the evidence's run.json, or None when the run is not sharded: K, N and the
    sha256 of the durations file, which every shard must share for the slices to fit together. Read from
    the option, not the stash: other plugins' pytest_configure may run before this one's."""
    text = options_of(config).shard
    if not text:
        return None
    _, path = durations_for(config)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path else None
    return {**parse_shard(text).as_dict(), "durations_sha256": digest}
