"""Against the mock, a scenario's premises choose the patient: any profile whose served patient meets them.

The candidates are every profile, in an order drawn from the scenario's seed, so over many seeds (the
seed sweep) each premise runs on every data shape that has it. Each candidate is built in the scenario's
own mock session and read back as the app would read it (`harness.oracle.observe`), so the choice is judged by
the oracle, not by what the profile was meant to be.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from fixtures.profiles import PROFILES
from harness.oracle.observe import fetch_documents
from harness.oracle.patient import build_patient
from harness.oracle.premises import ANY_RECENT, Premise, PremiseError, meets
from mocks.client import Session

MAX_ANY_RECENT = 4  # "with recent care teams": 1 to 4, the most the recent page offers
# Profiles whose care teams change what a step means, chosen only when a premise asks for their shape: a
# care team that requires an electronic signature cannot be sent to without signing, so a scenario that
# sends to "their most recent care team" gets one only when it says so.
ONLY_WHEN_ASKED = {"signature_required": "electronic signature"}


@dataclass(frozen=True)
class Choice:
    profile: str
    recent: int | None  # recently messaged care teams built (None: the profile's default)


def recent_teams(premises: Sequence[Premise], rng: random.Random) -> int | None:
    wanted = [p.recent for p in premises if p.recent is not None]
    exact = [count for count in wanted if count != ANY_RECENT]
    if exact:
        return exact[-1]
    return rng.randint(1, MAX_ANY_RECENT) if wanted else None


def candidates(premises: Sequence[Premise], seed: int) -> tuple[random.Random, list[str]]:
    # crc32, not hash(): str hashes are salted per process, and the choice must be the same in every worker.
    rng = random.Random(seed ^ zlib.crc32("|".join(p.needs for p in premises).encode()))
    order = list(PROFILES)
    rng.shuffle(order)
    return rng, order


def choose(session: Session, premises: Sequence[Premise], seed: int, profiles: Sequence[str] = ()) -> Choice:
    """Build, in `session`, the first candidate profile that meets every premise; raise if none does.

    `profiles` narrows the candidates (a step that names a profile gives just that one).
    """
    data = [p for p in premises if not p.toggle]  # the mock sets toggles itself
    rng, order = candidates(data, seed)
    recent = recent_teams(data, rng)
    order = [p for p in order if p not in ONLY_WHEN_ASKED or any(ONLY_WHEN_ASKED[p] in q.needs for q in data)]
    tried: list[str] = []
    with httpx.Client(
        base_url=session.client.base_url, headers=session.headers, trust_env=False, timeout=30
    ) as http:
        for profile in [p for p in order if not profiles or p in profiles]:
            session.set_profile(profile, recent_teams=recent)
            unmet = meets(build_patient(fetch_documents(http, skip=("feature_toggles",))), data)
            if not unmet:
                return Choice(profile, recent)
            tried.append(f"{profile} (lacks {', '.join(p.needs for p in unmet)})")
    raise PremiseError(
        f"no mock profile meets {', '.join(p.needs for p in data)} on seed {seed}: tried {'; '.join(tried)}"
    )
