"""Run seed and per-scenario seeds.

A scenario's seed depends only on the run seed and its node id, never on what ran before it, so a
scenario gets the same data alone, in the full suite and on any xdist worker (faker's shared stream
does not give that: joke2k/faker#1657).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

# The scenario's seed as its `scenario_seed` fixture computed it: the evidence and JUnit read this one.
SCENARIO_SEED = pytest.StashKey[int]()


def default_run_seed(today: dt.date | None = None) -> int:
    """Today's date as YYYYMMDD (UTC): stable within a day, different across days."""
    day = today or dt.datetime.now(dt.UTC).date()
    return int(day.strftime("%Y%m%d"))


TODAY = "today"
SEED_INI = "harness_seed"  # the pinned run seed, in pyproject.toml's [tool.pytest.ini_options]


def resolve_run_seed(option: str | int | None, pinned: str | None, today: dt.date | None = None) -> int:
    """The run seed: `--seed N`, else the pinned one, else today's date; `today` (either place) = the date.

    CI and `make test` use the pinned seed so main cannot turn red by the calendar; `--seed today` keeps
    the daily variation for exploration.
    """
    for value in (option, pinned):
        if value is None or str(value).strip() == "":
            continue
        text = str(value).strip()
        if text == TODAY:
            return default_run_seed(today)
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"a run seed is an integer or {TODAY!r}, not {text!r}") from None
    return default_run_seed(today)


def scenario_seed(run_seed: int, nodeid: str) -> int:
    """A stable 32-bit seed from the run seed and the node id (Python's hash() is salted per process)."""
    digest = hashlib.sha256(f"{run_seed}:{nodeid}".encode()).digest()
    return int.from_bytes(digest[:4], "big")
