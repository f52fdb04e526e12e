"""Staged-rollout maths: which flow Flipper gives each patient, and whether a cohort behaves as planned.

Pure functions (plus one reader of the public toggles endpoint) so the rules are unit-tested apart from
any server. The Flipper rule is sm-api.md §3.4: a percentage-of-actors gate opens for an actor iff
``crc32(feature + flipper_id) % 100_000 < percentage * 1_000``; the user actor's flipper id is the
lower-cased email, else the account uuid (§3.3).
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS, STAGES, RolloutStage

Flow = Literal["legacy", "curated", "curated_with_recent"]
FLOWS: tuple[Flow, ...] = ("legacy", "curated", "curated_with_recent")

_BUCKETS = 100_000
_SCALE = 1_000
# z for the share tolerance: 4 standard errors, a false alarm about once in 16,000 stages. The cohort
# is seeded, so a result is reproducible; a wrong bucket rule (say a 100x scale error) misses by far more.
SHARE_Z = 4.0


def stage_named(name: str) -> RolloutStage:
    for stage in STAGES:
        if stage.name == name:
            return stage
    raise ValueError(f"unknown rollout stage {name!r}; stages are {[s.name for s in STAGES]}")


def next_stage(stage: RolloutStage) -> RolloutStage | None:
    index = STAGES.index(stage)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def previous_percentage(stage: RolloutStage) -> float:
    index = STAGES.index(stage)
    return STAGES[index - 1].percentage if index else 0.0


def parse_percentage(text: str | float) -> float:
    """'25%' / '25' / 25 -> 25.0, rejecting anything outside 0..100."""
    value = float(str(text).strip().removesuffix("%"))
    if not 0 <= value <= 100:
        raise ValueError(f"a rollout percentage must be within 0..100, got {text!r}")
    return value


def flipper_id(email: str | None, account_uuid: str | None) -> str | None:
    """vets-api's User#flipper_id: the lower-cased email if present, otherwise the account uuid."""
    if email:
        return email.lower()
    return account_uuid or None


def flipper_bucket(feature: str, actor_id: str) -> int:
    return zlib.crc32(f"{feature}{actor_id}".encode()) % _BUCKETS


def gate_open(feature: str, actor_id: str | None, percentage: float) -> bool:
    """Flipper's percentage-of-actors gate for one actor (no actor never opens it)."""
    if not actor_id or percentage <= 0:
        return False
    if percentage >= 100:
        return True
    return flipper_bucket(feature, actor_id) < percentage * _SCALE


def flow_for(curated_on: bool, recent_on: bool) -> Flow:
    if not curated_on:
        return "legacy"
    return "curated_with_recent" if recent_on else "curated"


def expected_flow(actor_id: str | None, curated_pct: float, recent_pct: float | None = None) -> Flow:
    """The flow a patient lands on when both toggles are rolled out by percentage of actors."""
    recent_pct = curated_pct if recent_pct is None else recent_pct
    return flow_for(
        gate_open(CURATED_LIST_FLOW, actor_id, curated_pct),
        gate_open(RECENT_RECIPIENTS, actor_id, recent_pct),
    )


def flow_from_toggles(toggles: Mapping[str, bool]) -> Flow:
    return flow_for(bool(toggles.get(CURATED_LIST_FLOW)), bool(toggles.get(RECENT_RECIPIENTS)))


def on_curated(flow: Flow) -> bool:
    return flow != "legacy"


def share(flags: Iterable[bool]) -> float:
    values = list(flags)
    if not values:
        raise ValueError("share of an empty cohort")
    return sum(values) / len(values)


def share_tolerance(percentage: float, cohort_size: int, z: float = SHARE_Z) -> float:
    """Allowed |observed share - percentage/100| for a cohort of hashed, effectively random actors.

    The count on the new flow is Binomial(n, p); the tolerance is z standard errors plus a continuity
    correction of 1/(2n). At 0% and 100% Flipper short-circuits, so the tolerance is exactly zero.
    """
    if cohort_size <= 0:
        raise ValueError("cohort size must be positive")
    p = percentage / 100
    if p <= 0 or p >= 1:
        return 0.0
    return z * math.sqrt(p * (1 - p) / cohort_size) + 1 / (2 * cohort_size)


def within_tolerance(observed: float, percentage: float, cohort_size: int) -> bool:
    return abs(observed - percentage / 100) <= share_tolerance(percentage, cohort_size) + 1e-12


def is_sticky(visits: Sequence[Flow]) -> bool:
    """A patient keeps one flow across visits (no percentage-of-time coin flips)."""
    return len(set(visits)) <= 1


def taken_off_curated(before: Mapping[str, Flow], after: Mapping[str, Flow]) -> list[str]:
    """Actors on the curated list flow before a percentage rise and on the legacy flow after it."""
    return sorted(
        actor
        for actor, flow in before.items()
        if on_curated(flow) and not on_curated(after.get(actor, "legacy"))
    )


def is_monotonic(history: Sequence[Mapping[str, Flow]]) -> bool:
    """True when no rise in the sequence of stage observations took anyone off the curated list flow."""
    return all(not taken_off_curated(a, b) for a, b in itertools.pairwise(history))


@dataclass(frozen=True)
class StageResult:
    """What one rollout stage showed for a cohort; the evidence report's rollout row."""

    stage: str
    percentage: float
    cohort: int
    expected_share: float
    observed_share: float
    tolerance: float
    sticky: bool
    monotonic: bool
    mismatches: list[str]

    @property
    def share_ok(self) -> bool:
        return abs(self.observed_share - self.percentage / 100) <= self.tolerance + 1e-12

    @property
    def passed(self) -> bool:
        return self.share_ok and self.sticky and self.monotonic and not self.mismatches


def evaluate_stage(
    stage: str,
    percentage: float,
    visits: Mapping[str, Sequence[Flow]],
    previous: Mapping[str, Flow] | None = None,
) -> StageResult:
    """Compare each actor's observed flows (one per visit) with the Flipper rule at `percentage`."""
    if not visits:
        raise ValueError("no cohort observations")
    expected = {actor: expected_flow(actor, percentage) for actor in visits}
    first = {actor: flows[0] for actor, flows in visits.items()}
    mismatches = sorted(
        f"{actor}: expected {expected[actor]}, saw {list(flows)}"
        for actor, flows in visits.items()
        if any(flow != expected[actor] for flow in flows)
    )
    return StageResult(
        stage=stage,
        percentage=percentage,
        cohort=len(visits),
        expected_share=share(on_curated(f) for f in expected.values()),
        observed_share=share(on_curated(f) for f in first.values()),
        tolerance=share_tolerance(percentage, len(visits)),
        sticky=all(is_sticky(flows) for flows in visits.values()),
        monotonic=previous is None or not taken_off_curated(previous, first),
        mismatches=mismatches,
    )


def parse_feature_toggles(payload: Any) -> dict[str, bool]:
    """`{data: {features: [{name, value}]}}` -> {name: value}, as the site-wide client reduces it."""
    try:
        features = payload["data"]["features"]
        return {str(f["name"]): bool(f["value"]) for f in features}
    except (KeyError, TypeError) as exc:
        raise ValueError(f"not a /v0/feature_toggles body: {str(payload)[:200]}") from exc


def read_feature_toggles(
    base_url: str,
    *,
    session_id: str | None = None,
    cookies: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
    timeout: float = 10.0,
) -> dict[str, bool]:
    """GET <base_url>/v0/feature_toggles as a browser would: the one place the harness reads it.

    `session_id` picks a mock session (header X-Mock-Session); `cookies` carries a signed-in browser's
    cookies in staging mode. Pass a shared `client` to reuse connections across a cohort.
    """
    headers = {"X-Mock-Session": session_id} if session_id else {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    url = f"{base_url.rstrip('/')}/v0/feature_toggles"
    if client is not None:
        response = client.get(url, headers=headers)
    else:
        with httpx.Client(timeout=timeout) as own:
            response = own.get(url, headers=headers)
    response.raise_for_status()
    return parse_feature_toggles(response.json())


class ToggleReader:
    """Reads /v0/feature_toggles for many mock sessions over one connection pool (the cohort fast path)."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url
        self._client = httpx.Client(timeout=timeout)

    def flow(self, session_id: str) -> Flow:
        toggles = read_feature_toggles(self.base_url, session_id=session_id, client=self._client)
        return flow_from_toggles(toggles)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ToggleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
