"""Unit tests for harness/rollout/stages.py: the Flipper rule, share tolerance, stickiness and
monotonicity."""

import random

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS, STAGES
from harness.rollout import stages as r

EMAIL = "vets.gov.user+228@gmail.com"
UUID = "ab50bb37-d4c9-4c20-9d6e-767cee4a15e5"


# --- sm-api.md §3.4 test vectors -------------------------------------------------------------------


def test_buckets_match_the_reference_vectors() -> None:
    assert r.flipper_bucket(CURATED_LIST_FLOW, EMAIL) == 50080
    assert r.flipper_bucket(RECENT_RECIPIENTS, EMAIL) == 75974
    assert r.flipper_bucket(CURATED_LIST_FLOW, UUID) == 38245


@pytest.mark.parametrize(
    ("feature", "actor", "pct", "open_"),
    [
        (CURATED_LIST_FLOW, EMAIL, 50.08, False),  # bucket 50080 is not < 50080
        (CURATED_LIST_FLOW, EMAIL, 50.081, True),
        (CURATED_LIST_FLOW, EMAIL, 50, False),
        (CURATED_LIST_FLOW, EMAIL, 75, True),
        (RECENT_RECIPIENTS, EMAIL, 75, False),
        (RECENT_RECIPIENTS, EMAIL, 75.974, False),
        (RECENT_RECIPIENTS, EMAIL, 75.975, True),
        (CURATED_LIST_FLOW, UUID, 38.245, False),
        (CURATED_LIST_FLOW, UUID, 38.246, True),
    ],
)
def test_gate_opens_exactly_above_the_bucket(feature: str, actor: str, pct: float, open_: bool) -> None:
    assert r.gate_open(feature, actor, pct) is open_


def test_flipper_id_is_the_lower_cased_email_else_the_account_uuid() -> None:
    assert r.flipper_id("Vets.Gov.User+228@Gmail.com", UUID) == EMAIL
    assert r.flipper_id(None, UUID) == UUID
    assert r.flipper_id("", UUID) == UUID
    assert r.flipper_id(None, None) is None


def test_no_actor_never_opens_and_the_ends_short_circuit() -> None:
    assert not r.gate_open(CURATED_LIST_FLOW, None, 100)
    assert not r.gate_open(CURATED_LIST_FLOW, "", 99.9)
    assert not r.gate_open(CURATED_LIST_FLOW, EMAIL, 0)
    assert r.gate_open(CURATED_LIST_FLOW, EMAIL, 100)


def test_expected_flow_combines_both_toggles() -> None:
    assert r.expected_flow(EMAIL, 50) == "legacy"  # curated bucket 50080
    assert r.expected_flow(EMAIL, 60) == "curated"  # recent bucket 75974 still closed
    assert r.expected_flow(EMAIL, 80) == "curated_with_recent"
    assert r.expected_flow(EMAIL, 60, recent_pct=100) == "curated_with_recent"
    assert r.flow_from_toggles({CURATED_LIST_FLOW: False, RECENT_RECIPIENTS: True}) == "legacy"


# --- share and tolerance ---------------------------------------------------------------------------


def test_tolerance_is_zero_at_the_ends_and_shrinks_with_the_cohort() -> None:
    assert r.share_tolerance(0, 200) == 0
    assert r.share_tolerance(100, 200) == 0
    assert r.share_tolerance(50, 200) == pytest.approx(4 * (0.25 / 200) ** 0.5 + 1 / 400)
    assert r.share_tolerance(50, 2000) < r.share_tolerance(50, 200)
    with pytest.raises(ValueError):
        r.share_tolerance(50, 0)


def test_within_tolerance_rejects_a_share_off_by_a_scale_error() -> None:
    assert r.within_tolerance(0.26, 25, 200)
    assert not r.within_tolerance(0.0025, 25, 200)  # percentage read as per-mille
    assert not r.within_tolerance(0.01, 0, 200)
    assert r.within_tolerance(1.0, 100, 200)


@pytest.mark.parametrize("pct", [5, 25, 50, 75])
def test_a_hashed_random_cohort_lands_within_tolerance(pct: int) -> None:
    rng = random.Random(pct)
    actors = [f"user{rng.getrandbits(64):x}@example.com" for _ in range(400)]
    observed = r.share(r.gate_open(CURATED_LIST_FLOW, a, pct) for a in actors)
    assert r.within_tolerance(observed, pct, len(actors))


def test_share_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        r.share([])


# --- stickiness and monotonicity -------------------------------------------------------------------


@given(actor=st.emails(), low=st.floats(0, 100), high=st.floats(0, 100))
def test_raising_the_percentage_never_closes_the_gate(actor: str, low: float, high: float) -> None:
    low, high = sorted((low, high))
    if r.gate_open(CURATED_LIST_FLOW, actor.lower(), low):
        assert r.gate_open(CURATED_LIST_FLOW, actor.lower(), high)


def test_stickiness() -> None:
    assert r.is_sticky(["curated", "curated"])
    assert r.is_sticky([])
    assert not r.is_sticky(["curated", "legacy"])


def test_monotonicity_names_who_was_taken_off() -> None:
    a: dict[str, r.Flow] = {"x": "curated", "y": "legacy"}
    b: dict[str, r.Flow] = {"x": "legacy", "y": "curated_with_recent"}
    assert r.taken_off_curated(a, b) == ["x"]
    assert not r.is_monotonic([a, b])
    assert r.is_monotonic([a, {"x": "curated_with_recent", "y": "legacy"}])


def test_evaluate_stage_reports_mismatches_and_shares() -> None:
    visits: dict[str, list[r.Flow]] = {EMAIL: ["curated", "curated"], UUID: ["curated", "legacy"]}
    result = r.evaluate_stage("C", 50, visits, previous={EMAIL: "legacy", UUID: "curated"})
    assert result.cohort == 2
    assert result.expected_share == 0.5  # EMAIL's bucket 50080 is out, UUID's 38245 in
    assert result.observed_share == 1.0
    assert not result.sticky
    assert result.monotonic
    assert len(result.mismatches) == 2 and not result.passed


def test_evaluate_stage_passes_an_exact_cohort() -> None:
    visits = {a: [r.expected_flow(a, 75)] * 2 for a in (EMAIL, UUID)}
    result = r.evaluate_stage("D", 75, visits, previous={a: r.expected_flow(a, 50) for a in visits})
    assert result.passed and result.mismatches == []


# --- stages and parsing ----------------------------------------------------------------------------


def test_stages_rise_and_chain() -> None:
    assert [s.percentage for s in STAGES] == [5, 25, 50, 75, 100]
    assert r.next_stage(r.stage_named("D")) == r.stage_named("E")
    assert r.next_stage(r.stage_named("E")) is None
    assert r.previous_percentage(r.stage_named("A")) == 0
    assert r.previous_percentage(r.stage_named("C")) == 25
    with pytest.raises(ValueError, match="unknown rollout stage"):
        r.stage_named("Z")


@pytest.mark.parametrize(("text", "value"), [("25%", 25.0), ("5", 5.0), (12.345, 12.345), ("100%", 100.0)])
def test_parse_percentage(text: str | float, value: float) -> None:
    assert r.parse_percentage(text) == value


@pytest.mark.parametrize("text", ["101%", "-1", "half"])
def test_parse_percentage_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        r.parse_percentage(text)


def test_parse_feature_toggles() -> None:
    body = {"data": {"type": "feature_toggles", "features": [{"name": CURATED_LIST_FLOW, "value": True}]}}
    assert r.parse_feature_toggles(body) == {CURATED_LIST_FLOW: True}
    with pytest.raises(ValueError, match="feature_toggles"):
        r.parse_feature_toggles({"errors": []})


def test_read_feature_toggles_sends_the_session_and_cookies() -> None:
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["session"] = request.headers.get("x-mock-session")
        seen["cookie"] = request.headers.get("cookie")
        seen["path"] = request.url.path
        return httpx.Response(200, json={"data": {"features": [{"name": "a", "value": False}]}})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        got = r.read_feature_toggles("http://sm.test/", session_id="s1", cookies={"c": "v"}, client=client)
    assert got == {"a": False}
    assert seen == {"session": "s1", "cookie": "c=v", "path": "/v0/feature_toggles"}
