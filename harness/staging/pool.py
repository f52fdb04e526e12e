"""The pool of staging test users: each signed-in user observed once, read-only, at the start of a run.

A scenario runs as the first user in the pool whose observed patient meets its premises, so a run is
reproducible; a scenario no user can run is skipped with the premises no user met.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.oracle import ObservedPatient


@dataclass(frozen=True)
class PoolUser:
    name: str  # the label QA gave the user (--staging-user NAME=PATH); never the patient's name
    storage_state: Path
    patient: ObservedPatient  # as the app would receive it, observed once at the start of the run

    @property
    def shape(self) -> str:
        """The user's patient in words (care teams, care systems, recent teams), with no name or id."""
        return self.patient.describe()


POOL_KEY = pytest.StashKey[tuple[PoolUser, ...]]()


def pool_of(config: pytest.Config) -> tuple[PoolUser, ...]:
    """The run's staging users in the order given (empty in mock mode)."""
    return config.stash.get(POOL_KEY, ())
