"""Read pytest's --junitxml: per-scenario outcome and duration, for the self-test and the benchmark."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

FEATURE_SUFFIX = ".feature"


@dataclass(frozen=True)
class CaseResult:
    name: str  # "features/x.feature::Scenario[row]", as close to the node id as junit allows
    outcome: str  # passed | failed | skipped
    seconds: float


def case_name(classname: str, name: str) -> str:
    # junit turns "features/x.feature" into "features.x.feature"; undo that for feature files.
    if classname.endswith(FEATURE_SUFFIX):
        path = classname[: -len(FEATURE_SUFFIX)].replace(".", "/") + FEATURE_SUFFIX
        return f"{path}::{name}"
    return f"{classname}::{name}" if classname else name


def read_cases(path: Path) -> list[CaseResult]:
    if not path.is_file():
        return []
    cases = []
    for case in ET.parse(path).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        else:
            outcome = "passed"
        cases.append(
            CaseResult(
                name=case_name(case.get("classname", ""), case.get("name", "")),
                outcome=outcome,
                seconds=float(case.get("time", "0") or 0),
            )
        )
    return cases
