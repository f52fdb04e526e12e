"""`python -m harness.evidence merge`: a missing, repeated or foreign shard is an error that names it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.evidence import store
from harness.evidence.__main__ import main
from harness.evidence.merge import check_shards, merge
from harness.evidence.record import ScenarioRecord


def shard_dir(
    root: Path, index: int, total: int, nodeids: list[str], seed: int = 7, durations: str | None = None
) -> Path:
    directory = root / f"shard-{index}-of-{total}-{len(list(root.glob('*')))}"
    store.reset(directory)
    shard = {"index": index, "total": total, "durations_sha256": durations}
    identity = {"run_seed": seed, "shard": shard, "date": "2026-12-02"}
    store.write_run(directory, identity, {"stage": None, "gate": False})
    scenarios = [
        ScenarioRecord(n, n, status="passed", duration_s=1.0 + i).as_json() for i, n in enumerate(nodeids)
    ]
    store.write_worker(directory, "gw0-abc", {}, scenarios)
    return directory


def test_a_missing_shard_is_named(tmp_path: Path) -> None:
    dirs = [shard_dir(tmp_path, 1, 3, ["a"]), shard_dir(tmp_path, 3, 3, ["c"])]
    with pytest.raises(store.EvidenceDataError, match=r"shard 2/3 is missing"):
        check_shards(dirs)


def test_a_repeated_shard_is_named(tmp_path: Path) -> None:
    first, again = shard_dir(tmp_path, 1, 2, ["a"]), shard_dir(tmp_path, 1, 2, ["a"])
    dirs = [first, again, shard_dir(tmp_path, 2, 2, ["b"])]
    expected = re.escape(f"shard 1/2 is given more than once: {first}, {again}")
    with pytest.raises(store.EvidenceDataError, match=expected):
        check_shards(dirs)


def test_shards_of_different_splits_or_seeds_are_refused(tmp_path: Path) -> None:
    with pytest.raises(store.EvidenceDataError, match="different splits"):
        check_shards([shard_dir(tmp_path, 1, 2, ["a"]), shard_dir(tmp_path, 2, 3, ["b"])])
    with pytest.raises(store.EvidenceDataError, match="different durations files"):
        check_shards([shard_dir(tmp_path, 1, 2, ["a"]), shard_dir(tmp_path, 2, 2, ["b"], durations="ab12")])
    with pytest.raises(store.EvidenceDataError, match="different seeds"):
        check_shards([shard_dir(tmp_path, 1, 2, ["a"], seed=1), shard_dir(tmp_path, 2, 2, ["b"], seed=2)])


def test_an_unsharded_directory_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    store.reset(plain)
    store.write_run(plain, {"run_seed": 7}, {})
    with pytest.raises(store.EvidenceDataError, match="was not sharded"):
        check_shards([plain])


def test_a_scenario_run_by_two_shards_is_refused(tmp_path: Path) -> None:
    dirs = [shard_dir(tmp_path, 1, 2, ["a", "b"]), shard_dir(tmp_path, 2, 2, ["b"])]
    with pytest.raises(store.EvidenceDataError, match="b was run by two shards"):
        merge(dirs, tmp_path / "merged")


def test_merge_joins_every_shard(tmp_path: Path) -> None:
    dirs = [shard_dir(tmp_path, 2, 2, ["b"]), shard_dir(tmp_path, 1, 2, ["a"])]
    run = merge(dirs, tmp_path / "merged")
    assert sorted(s["nodeid"] for s in run["scenarios"]) == ["a", "b"]
    assert [s["index"] for s in run["identity"]["shards"]] == [1, 2]


def test_the_command_exits_2_and_names_the_missing_shard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only = shard_dir(tmp_path, 2, 2, ["b"])
    assert main(["merge", "--out", str(tmp_path / "merged"), str(only)]) == 2
    assert "shard 1/2 is missing" in capsys.readouterr().err
