"""The coverage rule: every requirement has a seeded defect that the scenario written for it catches.

Static half (read from the files): each defect in mocks/defects.py names a requirement of
requirements.toml and exactly one scenario, and that scenario carries the tag `@req:<that requirement>`;
every requirement has at least one such defect. Dynamic half: `make selftest --first-catch` runs each
defect against its scenario (harness/selfcheck/defect_matrix.py) and writes which were caught to
reports/selftest/first-catch.json, which the evidence report's traceability section shows.
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pytest_bdd.feature import get_feature

from harness.gherkin.tags import load_requirements
from mocks.defects import DEFECTS

ROOT = Path(__file__).resolve().parents[2]
FIRST_CATCH_FILE = Path("reports/selftest/first-catch.json")
REQ_TAG = "req:"


@dataclass(frozen=True)
class DefectTrace:
    defect: str
    req: str
    scenario: str
    places: tuple[str, ...]  # the feature files holding a scenario of that title (one, when all is well)
    scenario_reqs: frozenset[str]  # the requirements that scenario is tagged with


def scenario_requirements(features_dir: Path) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Scenario title -> (feature file, requirement ids on it: feature, rule, scenario and Examples tags)."""
    found: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for path in sorted(features_dir.glob("*.feature")):
        feature = get_feature(str(features_dir), path.name)
        for template in feature.scenarios.values():
            tags = set(feature.tags) | template.tags
            if template.rule is not None:
                tags |= template.rule.tags
            for examples in template.examples:
                tags |= examples.tags
            reqs = frozenset(tag.removeprefix(REQ_TAG) for tag in tags if tag.startswith(REQ_TAG))
            found[template.name].append((path.name, reqs))
    return found


def defect_traces(root: Path = ROOT) -> list[DefectTrace]:
    scenarios = scenario_requirements(root / "features")
    traces = []
    for name, defect in DEFECTS.items():
        matches = scenarios.get(defect.caught_by, [])
        reqs = frozenset().union(*(r for _, r in matches)) if matches else frozenset()
        traces.append(DefectTrace(name, defect.req, defect.caught_by, tuple(p for p, _ in matches), reqs))
    return traces


def static_problems(root: Path = ROOT) -> list[str]:
    """What breaks the rule before anything runs: unknown requirements, missing or untagged scenarios."""
    requirements = load_requirements(root)
    traces = defect_traces(root)
    problems = []
    for trace in traces:
        if trace.req not in requirements:
            problems.append(f"defect {trace.defect}: requirement {trace.req} is not in requirements.toml")
        if len(trace.places) != 1:
            where = f"{len(trace.places)} scenarios ({', '.join(trace.places)})" if trace.places else "none"
            problems.append(f"defect {trace.defect}: caught_by {trace.scenario!r} names {where}, not one")
        elif trace.req not in trace.scenario_reqs:
            problems.append(
                f"defect {trace.defect}: its scenario {trace.scenario!r} ({trace.places[0]}) is not tagged "
                f"@req:{trace.req}"
            )
    covered = {trace.req for trace in traces}
    problems += [f"requirement {req} has no seeded defect" for req in requirements if req not in covered]
    return problems


def coverage_gaps(caught: set[str], complete: bool, root: Path = ROOT) -> list[str]:
    """The static problems, and (after a run of every defect) the requirements no caught defect covers."""
    problems = static_problems(root)
    if complete:
        traces = defect_traces(root)  # parses every feature file: once, not once per requirement
        with_defects = {trace.req for trace in traces}
        caught_reqs = {trace.req for trace in traces if trace.defect in caught}
        problems += [
            f"requirement {req}: none of its seeded defects was caught by its own scenario"
            for req in load_requirements(root)
            if req in with_defects and req not in caught_reqs
        ]
    return problems


def write_first_catch(caught: dict[str, bool], root: Path = ROOT) -> Path:
    """Record a `selftest --first-catch` run where the evidence report looks for it."""
    path = root / FIRST_CATCH_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=False
    ).stdout.strip()
    record = {
        "commit": commit or None,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "caught": caught,
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


def read_first_catch(root: Path = ROOT) -> dict[str, Any] | None:
    path = root / FIRST_CATCH_FILE
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def defects_by_requirement(root: Path = ROOT) -> dict[str, list[dict[str, Any]]]:
    """For the report: per requirement, its seeded defects, their scenario and the last self-test result."""
    last = read_first_catch(root) or {}
    caught = last.get("caught", {})
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for trace in defect_traces(root):
        out[trace.req].append(
            {
                "defect": trace.defect,
                "summary": DEFECTS[trace.defect].summary,
                "scenario": trace.scenario,
                "caught": caught.get(trace.defect),  # None: not in the last self-test
                "selftest": {"commit": last.get("commit"), "at": last.get("at")} if last else None,
            }
        )
    return dict(out)
