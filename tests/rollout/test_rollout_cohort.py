"""The rollout cohort (harness/rollout/cohort.py) on fake sessions: toggles set once per change, samples cover
flows."""

from dataclasses import dataclass, field
from typing import cast

import pytest

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS, STAGES
from harness.rollout import stages as rollout
from harness.rollout.cohort import Cohort, CohortPatient
from mocks.client import Session
from steps.rollout import _sample


@dataclass
class FakeSession:
    id: str
    calls: list[tuple[str, str]] = field(default_factory=list)
    toggles: dict[str, str] = field(default_factory=dict)

    def set_toggle(self, name: str, value: str) -> None:
        self.calls.append((name, value))
        self.toggles[name] = value


def fake(session: Session) -> FakeSession:
    """The fake behind a cohort patient's session (make_cohort gives every patient one)."""
    assert isinstance(session, FakeSession)
    return session


def make_cohort(n: int = 40) -> Cohort:
    patients = [
        # The cohort only reads a session's id and sets its toggles, which the fake records.
        CohortPatient(session=cast(Session, FakeSession(f"s{i}")), actor=f"patient{i}@example.com")
        for i in range(n)
    ]
    by_id = {p.session.id: p for p in patients}

    def read_flow(session_id: str) -> rollout.Flow:
        # What a correct server answers: Flipper's rule at the session's current percentage.
        patient = by_id[session_id]
        pct = rollout.parse_percentage(fake(patient.session).toggles[CURATED_LIST_FLOW])
        return rollout.expected_flow(patient.actor, pct)

    return Cohort(patients=patients, read_flow=read_flow)


def test_roll_to_sets_both_toggles_and_only_when_the_percentage_changes() -> None:
    cohort = make_cohort(3)
    cohort.roll_to(25)
    cohort.roll_to(25)
    cohort.roll_to(50)
    first = fake(cohort.patients[0].session)
    assert first.calls == [
        (CURATED_LIST_FLOW, "25%"),
        (RECENT_RECIPIENTS, "25%"),
        (CURATED_LIST_FLOW, "50%"),
        (RECENT_RECIPIENTS, "50%"),
    ]


def test_a_correct_server_passes_every_stage_of_the_plan() -> None:
    cohort = make_cohort()
    previous: dict[str, rollout.Flow] = {}
    for stage in STAGES:
        cohort.roll_to(stage.percentage)
        result = rollout.evaluate_stage(stage.name, stage.percentage, cohort.observe(2), previous or None)
        assert result.sticky and result.monotonic and not result.mismatches
        previous = {actor: flows[0] for actor, flows in cohort.observe(1).items()}


def test_the_sample_covers_every_flow_present() -> None:
    cohort = make_cohort()
    cohort.roll_to(50)
    picked = _sample(cohort, 3)
    assert len(picked) == 3
    assert len({flow for _, flow in picked}) >= 2
    assert all(rollout.expected_flow(p.actor, 50) == flow for p, flow in picked)


def test_a_sample_at_zero_percent_cannot_show_two_flows() -> None:
    cohort = make_cohort(5)
    cohort.roll_to(0)
    with pytest.raises(AssertionError, match="only the"):
        _sample(cohort, 3)
