"""--shard K/N: every test in exactly one shard, the same split everywhere, balanced by recorded time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.run.shard import parse_shard, read_durations, split

IDS = [f"features/f{i % 3}.feature::Scenario {i}" for i in range(10)]


def test_each_test_lands_in_exactly_one_shard() -> None:
    shards = split(IDS, 3)
    flat = [nodeid for shard in shards for nodeid in shard]
    assert sorted(flat) == sorted(IDS)
    assert [len(s) for s in shards] == [4, 3, 3]


def test_the_split_does_not_depend_on_collection_order() -> None:
    assert split(IDS, 3) == split(list(reversed(IDS)), 3)


def test_recorded_durations_balance_the_shards() -> None:
    durations = {IDS[0]: 60.0, IDS[1]: 30.0, IDS[2]: 30.0}
    shards = split(IDS[:6], 2, durations)
    # The 60 s test alone on one side; the two 30 s tests and the unknown ones (median 30 s) on the other
    # would be 150 s, so LPT puts the unknowns where the load is least.
    loads = [sum(durations.get(n, 30.0) for n in shard) for shard in shards]
    assert IDS[0] in shards[0] and IDS[1] not in shards[0]
    assert max(loads) - min(loads) <= 30.0


def test_shard_option_is_checked() -> None:
    assert parse_shard("2/3").label == "2/3"
    for bad in ("0/3", "4/3", "3", "a/b"):
        with pytest.raises(pytest.UsageError, match="expected K/N"):
            parse_shard(bad)


def test_durations_file_keeps_only_numbers(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"a": 1.5, "b": "slow", "c": -1}))
    assert read_durations(path) == {"a": 1.5}
