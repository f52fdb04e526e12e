"""Every scenario that injects a fault carries the fault tag (`fault_tag` in go-no-go.toml, `@errors`):
the send error rate is judged on the scenarios without it, so an untagged fault is a false NO-GO."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pytest_bdd.parser import FeatureParser

ROOT = Path(__file__).resolve().parents[2]
# The Given steps that make the mock answer with an error (steps/backend.py, steps/attachments.py).
FAULT_STEPS = re.compile(
    r"(fails( once)? with|^saving a draft fails|^loading the care teams fails|^saving the contact list fails|"
    r"^the search for recently messaged care teams fails|^the file scanner rejects)"
)


def test_every_scenario_with_a_fault_carries_the_fault_tag() -> None:
    fault_tag = tomllib.loads((ROOT / "go-no-go.toml").read_text())["defaults"]["fault_tag"]
    untagged = []
    for path in sorted((ROOT / "features").glob("*.feature")):
        feature = FeatureParser(str(ROOT / "features"), path.name).parse()
        for scenario in feature.scenarios.values():
            steps = [step.name for step in scenario.steps]
            if any(FAULT_STEPS.search(text) for text in steps) and fault_tag not in (
                scenario.tags | feature.tags
            ):
                untagged.append(f"{path.name}: {scenario.name}")
    assert not untagged, f"scenarios that inject a fault without @{fault_tag}: {untagged}"


def test_the_fault_steps_are_found() -> None:
    assert FAULT_STEPS.search("sending a message fails with a server error")
    assert FAULT_STEPS.search("the file scanner rejects the attachments they send")
    assert not FAULT_STEPS.search("they send the message")
