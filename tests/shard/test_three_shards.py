"""Three shards run locally and merged give the same verdict and the same scenarios as one run.

Kept cheap: two small feature files (6 scenarios), each run once in one process and once across the shards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ["features/care_team_help.feature", "features/contact_list.feature"]
SEED = "20261201"


def run_pytest(tmp: Path, evidence: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "pytest", *FEATURES, "-p", "no:xdist", "-p", "no:randomly", "-q",
        "--seed", SEED, "--evidence", f"--evidence-dir={evidence}", "--evidence-screenshots=off",
        # Nested runs keep their artifacts apart: pytest-playwright empties its --output at start.
        f"--output={tmp / 'test-results' / evidence.name}", *extra,
    ]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def scenario_set(summary: dict[str, Any]) -> dict[str, str]:
    return {s["nodeid"]: s["status"] for s in summary["scenarios"]}


@pytest.mark.timeout(900)
@pytest.mark.starts_first
def test_three_merged_shards_match_one_run(tmp_path: Path) -> None:
    single = run_pytest(tmp_path, tmp_path / "single")
    assert (tmp_path / "single" / "summary.json").is_file(), single.stdout[-3000:] + single.stderr[-3000:]
    shard_dirs = []
    for index in (1, 2, 3):
        shard_dirs.append(tmp_path / f"shard-{index}")
        run_pytest(tmp_path, shard_dirs[-1], f"--shard={index}/3")
    merged = tmp_path / "merged"
    command = [sys.executable, "-m", "harness.evidence", "merge", "--out", str(merged), *map(str, shard_dirs)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

    one = json.loads((tmp_path / "single" / "summary.json").read_text())
    joined = json.loads((merged / "summary.json").read_text())
    assert joined["verdict"] == one["verdict"]
    assert joined["rule"] == one["rule"]
    assert scenario_set(joined) == scenario_set(one)
    assert len(scenario_set(one)) == 6  # care team help (4) and contact list (2)
    per_shard = [
        {s["nodeid"] for s in json.loads((d / "summary.json").read_text())["scenarios"]} for d in shard_dirs
    ]
    assert all(per_shard), "every shard ran something"
    assert set().union(*per_shard) == set(scenario_set(one)), "the shards together ran every scenario"
    assert sum(map(len, per_shard)) == len(scenario_set(one)), "each scenario ran in exactly one shard"
    durations = json.loads((merged / "durations.json").read_text())
    assert set(durations) == set(scenario_set(one))
