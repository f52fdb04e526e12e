"""The defect matrix: each seeded defect run against the scenario written to catch it, in one pytest run.

`--defect-matrix all` (or `NAME,NAME`) keeps only the scenarios some chosen defect names as `caught_by`
(mocks/defects.py) and runs each twice or more: once clean (`defect=none`) and once per such defect, its
mock session switched to that defect alone. A defect is caught when its run fails and the clean run of
the same scenario (same Examples row) passes. `harness.selfcheck.selftest --first-catch` reads the
outcome: one run on xdist instead of one suite per defect.

Node ids carry `defect=none` (clean) or `defect=NAME` in their brackets: `-k "defect=NAME"` picks one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from harness.run.options import options_of
from mocks.defects import DEFECTS

FIXTURE = "seeded_defects"  # the autouse fixture (harness/plugin.py) whose value the matrix parametrizes
DEFECT_ID = "defect="
CLEAN_ID = f"{DEFECT_ID}none"  # no example value reads "defect=...", so the matrix's part is unambiguous
_TOKEN = rf"{re.escape(DEFECT_ID)}[a-z0-9_]+"
# The matrix's id is one "-"-joined part of the node id's brackets, wherever pytest put it.
_MATRIX_ID = re.compile(rf"(?<=\[){_TOKEN}(?:-|(?=\]))|-{_TOKEN}(?=[-\]])")
_DEFECT = re.compile(rf"[\[-]{re.escape(DEFECT_ID)}([a-z0-9_]+)(?=[-\]])")


def chosen(config: pytest.Config) -> tuple[str, ...]:
    return options_of(config).defect_matrix


def defects_caught_by(scenario: str, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if DEFECTS[name].caught_by == scenario]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    names = chosen(metafunc.config)
    if not names or FIXTURE not in metafunc.fixturenames:
        return
    defects = defects_caught_by(metafunc.definition.name, names)
    if not defects:
        return
    metafunc.parametrize(
        FIXTURE,
        [(), *((name,) for name in defects)],
        ids=[CLEAN_ID, *(f"{DEFECT_ID}{name}" for name in defects)],
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Only the matrix's pairs run: every other scenario (and test) is deselected."""
    if not chosen(config):
        return
    kept = [item for item in items if FIXTURE in getattr(getattr(item, "callspec", None), "params", {})]
    deselected = [item for item in items if item not in kept]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@dataclass(frozen=True)
class Catch:
    defect: str
    caught: bool
    clean_failed: bool  # the scenario fails without any defect: a broken catcher, never a catch
    runs: tuple[str, ...]  # node ids of the defect's runs (one per Examples row)


def variant(nodeid: str) -> str:
    """The node id without the matrix's part: the clean run and the defect runs of one row share it."""
    return _MATRIX_ID.sub("", nodeid).replace("[]", "")


def defect_of(nodeid: str) -> str | None:
    match = _DEFECT.search(nodeid)
    return match.group(1) if match and match.group(0)[1:] != CLEAN_ID else None


def read_catches(outcomes: dict[str, str], names: tuple[str, ...]) -> list[Catch]:
    """Per defect: caught when one of its runs failed while the clean run of that row passed."""
    clean = {variant(nodeid): outcome for nodeid, outcome in outcomes.items() if defect_of(nodeid) is None}
    catches = []
    for name in names:
        runs = tuple(nodeid for nodeid in outcomes if defect_of(nodeid) == name)
        caught = any(outcomes[r] == "failed" and clean.get(variant(r)) == "passed" for r in runs)
        clean_failed = any(clean.get(variant(r)) == "failed" for r in runs)
        catches.append(Catch(name, caught, clean_failed, runs))
    return catches
