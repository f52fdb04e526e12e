"""A staging run's side of the report: the pool of test users and what ran as each, the scenarios no user
could run grouped by what a new test user would need, and the share of all scenarios that passed on
staging (the numbers of the `staging_coverage` criterion).

Users appear by the label QA gave them and their patient in words (harness.staging.pool.PoolUser.shape,
recorded in run.json at the run's start): never a patient's name, id or cookie.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TypedDict

from harness.evidence.aggregate import PASSING, ran
from harness.evidence.schema import ContextJSON, ScenarioJSON

_ADD_A_USER = "add a test user with"


class UserRow(TypedDict):
    name: str
    shape: str | None  # the patient in words; None when the pool was not recorded
    ran: int
    passed: int


class NeedsGroup(TypedDict):
    needs: list[str]
    unmet: list[str]
    count: int
    scenarios: list[str]


class Unrunnable(TypedDict):
    scenarios: int
    groups: list[NeedsGroup]
    sentence: str | None


class StagingCoverage(TypedDict, total=False):
    collected: int | None  # None: the run did not record what it collected (then nothing else)
    passed: int
    share: float
    not_run: int
    skipped: int
    not_passed: int


class StagingSummary(TypedDict):
    users: list[UserRow]
    unrunnable: Unrunnable


def _count(n: int) -> str:
    return f"{n} scenario" + ("" if n == 1 else "s")


def _scenarios(scenarios: Sequence[ScenarioJSON]) -> list[ScenarioJSON]:
    return [s for s in scenarios if s.get("kind") == "scenario"]


def users(pool: list[dict[str, Any]], scenarios: Sequence[ScenarioJSON]) -> list[UserRow]:
    """Each pool user with the scenarios that ran as it; a label the records name but the pool does not
    (a pool not recorded) still gets its row, its patient unknown."""
    rows: dict[str, UserRow] = {
        str(u["name"]): {"name": str(u["name"]), "shape": u.get("shape"), "ran": 0, "passed": 0} for u in pool
    }
    for scenario in _scenarios(scenarios):
        label = (scenario.get("context") or {}).get("staging_user")
        if not label or not ran(scenario):
            continue
        row = rows.setdefault(label, {"name": label, "shape": None, "ran": 0, "passed": 0})
        row["ran"] += 1
        row["passed"] += int(scenario["status"] in PASSING)
    return list(rows.values())


def needs_of(context: ContextJSON) -> list[str]:
    """What a new test user needs to run a scenario no user could: every premise the scenario asked for
    (one user runs the whole scenario), the unmet ones included even when the premises were not recorded."""
    premises = [str(p) for p in context.get("premises") or []]
    return premises + [str(u) for u in context.get("unmet") or [] if str(u) not in premises]


def unrunnable(scenarios: Sequence[ScenarioJSON]) -> Unrunnable:
    """Skipped scenarios whose premises no pool user met, grouped by what a new user needs, most first,
    and the one sentence that says which users to add."""
    groups: dict[tuple[str, ...], NeedsGroup] = {}
    for scenario in _scenarios(scenarios):
        context: ContextJSON = scenario.get("context") or {}
        if scenario["status"] != "skipped" or not context.get("unmet"):
            continue
        needs = tuple(needs_of(context))
        group = groups.setdefault(needs, {"needs": list(needs), "unmet": [], "count": 0, "scenarios": []})
        group["count"] += 1
        group["scenarios"].append(scenario["name"])
        group["unmet"] += [u for u in context["unmet"] if u not in group["unmet"]]
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], " and ".join(g["needs"])))
    total = sum(g["count"] for g in ordered)
    sentence = None
    if ordered:
        wanted = "; ".join(f"{' and '.join(g['needs'])} ({_count(g['count'])})" for g in ordered)
        sentence = f"To run the remaining {_count(total)}, {_ADD_A_USER}: {wanted}."
    return {"scenarios": total, "groups": ordered, "sentence": sentence}


def coverage(scenarios: Sequence[ScenarioJSON], collected: list[str]) -> StagingCoverage:
    """Of every scenario collected (those -m staging_safe deselected and those skipped included), how many
    ran and passed; None counts when the run did not record what it collected (an older run)."""
    if not collected:
        return {"collected": None}
    ids = set(collected)
    by_status = Counter(s["status"] for s in _scenarios(scenarios) if s["nodeid"] in ids)
    skipped = by_status["skipped"] + by_status["not run"]
    return {
        "collected": len(ids),
        "passed": by_status["passed"],
        "share": round(by_status["passed"] / len(ids), 4),
        # deselected (not staging-safe, -k, another shard's) or never reached: no record of this run
        "not_run": len(ids) - sum(by_status.values()),
        "skipped": skipped,
        "not_passed": sum(by_status.values()) - by_status["passed"] - skipped,  # failed, error, xfail
    }


def summarise(identity: dict[str, Any], scenarios: Sequence[ScenarioJSON]) -> StagingSummary | None:
    """The report's "Staging test users" section; None in a mock run, which has no pool."""
    if (identity.get("env") or "mock") != "staging":
        return None
    return {
        "users": users(list(identity.get("staging_pool") or []), scenarios),
        "unrunnable": unrunnable(scenarios),
    }
