"""The rollout cohort: N seeded patients, one mock session each, shared by a worker's rollout scenarios.

A pytest plugin (option, session fixtures, the cohort's classes), so `steps/rollout.py` stays glue. Each
patient's Flipper actor is computed here from the email (sm-api.md §3.3), not read from the mock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from contract import ROLLOUT_TOGGLES
from harness.rollout import stages as rollout
from harness.rollout.stages import Flow, StageResult
from harness.run.mock_server import WorkerMock
from harness.run.options import options_of
from mocks.client import Session

COHORT_ENV = "SM_ROLLOUT_COHORT"
DEFAULT_COHORT = 200
# Cohort patients: a VistA patient with recent care teams, so the recent recipients toggle shows too.
COHORT_PROFILE = "vista_only"
COHORT_RECENT_TEAMS = 2


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("harness").addoption(
        "--rollout-cohort",
        type=int,
        default=None,
        help=f"Patients per rollout-stage cohort (default ${COHORT_ENV} or {DEFAULT_COHORT}).",
    )


@pytest.fixture(scope="session")
def rollout_cohort_size(pytestconfig: pytest.Config) -> int:
    raw = options_of(pytestconfig).rollout_cohort or os.environ.get(COHORT_ENV)
    raw = raw or DEFAULT_COHORT
    try:
        size = int(raw)
    except ValueError:
        raise pytest.UsageError(f"${COHORT_ENV}={raw!r}: expected a whole number of patients") from None
    if size < 1:
        raise pytest.UsageError(f"rollout cohort size must be at least 1, got {size}")
    return size


@dataclass
class CohortPatient:
    session: Session
    actor: str  # Flipper actor computed here from the email (sm-api.md §3.3), not the mock's flipperId
    percentage: float | None = None  # what this patient's toggles are set to now (we are the only writer)
    defects: tuple[str, ...] = ()  # the seeded defects on in its session now


@dataclass
class Cohort:
    patients: list[CohortPatient]
    read_flow: Callable[[str], Flow]
    percentage: float = 0.0
    previous: dict[str, Flow] = field(default_factory=dict)
    result: StageResult | None = None

    def roll_to(self, percentage: float) -> None:
        """Put both release toggles at `percentage` of actors, as the release plan does for a stage."""
        value = f"{percentage:g}%"
        for patient in self.patients:
            if patient.percentage != percentage:
                for toggle in ROLLOUT_TOGGLES:
                    patient.session.set_toggle(toggle, value)
                patient.percentage = percentage
        self.percentage = percentage

    def seed_defects(self, defects: tuple[str, ...]) -> None:
        """The scenario's seeded defects (--defect, or the defect matrix's pick) in every cohort session."""
        for patient in self.patients:
            if patient.defects != defects:
                patient.session.set_defects(list(defects))
                patient.defects = defects

    def observe(self, visits: int) -> dict[str, list[Flow]]:
        return {p.actor: [self.read_flow(p.session.id) for _ in range(visits)] for p in self.patients}

    def stage_result(self) -> StageResult:
        if self.result is None:
            raise AssertionError("no rollout stage observed yet: a 'When the rollout' step must run first")
        return self.result


def _cohort_seeds(run_seed: int) -> Iterator[int]:
    n = 0
    while True:
        yield (run_seed * 10_007 + n) % 2**31
        n += 1


@pytest.fixture(scope="session")
def rollout_cohort(mock_server: WorkerMock, run_seed: int, rollout_cohort_size: int) -> Iterator[Cohort]:
    """One cohort per worker: building N sessions is the slow part, and every scenario sets the
    toggles it needs before it observes, so scenarios sharing the cohort stay independent."""
    sessions: list[Session] = []
    reader = rollout.ToggleReader(mock_server.url)
    try:
        patients: dict[str, CohortPatient] = {}
        seeds = _cohort_seeds(run_seed)
        while len(patients) < rollout_cohort_size:
            session = mock_server.client.create_session(
                profile=COHORT_PROFILE, seed=next(seeds), recent_teams=COHORT_RECENT_TEAMS
            )
            sessions.append(session)
            user = session.patient()["user"]
            actor = rollout.flipper_id(user.get("email"), user.get("accountUuid"))
            if actor is None:
                raise AssertionError(f"cohort patient without email or account uuid: {sorted(user)}")
            if actor not in patients:  # faker may repeat an email; a cohort counts distinct actors
                patients[actor] = CohortPatient(session=session, actor=actor)
            if len(sessions) > 2 * rollout_cohort_size:
                raise AssertionError("the mock keeps repeating patient emails across seeds")
        yield Cohort(patients=list(patients.values()), read_flow=reader.flow)
    finally:
        reader.close()
        for session in sessions:
            session.delete()
