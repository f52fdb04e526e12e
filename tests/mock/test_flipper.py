"""Flipper gate maths (sm-api.md §3.4 test vectors) and the feature-toggles endpoint semantics."""

import random

import httpx
import pytest

from contract import (
    CERNER_PILOT,
    CURATED_LIST_FLOW,
    LARGE_ATTACHMENTS,
    RECENT_RECIPIENTS,
    RECIPIENT_OPT_GROUPS,
)
from fixtures import build_patient
from mocks.api.flipper import Gates, bucket, parse_value
from mocks.api.toggles import camel, underscore
from mocks.client import MockClient, MockError, Session

EMAIL = "vets.gov.user+228@gmail.com"


@pytest.mark.parametrize(
    ("feature", "actor", "expected"),
    [
        (CURATED_LIST_FLOW, EMAIL, 50080),
        (RECENT_RECIPIENTS, EMAIL, 75974),
        (CURATED_LIST_FLOW, "ab50bb37-d4c9-4c20-9d6e-767cee4a15e5", 38245),
    ],
)
def test_bucket_matches_the_reference_vectors(feature: str, actor: str, expected: int) -> None:
    assert bucket(feature, actor) == expected


def test_percentage_of_actors_threshold_is_exclusive() -> None:
    assert not Gates(percentage_of_actors=50.08).enabled(CURATED_LIST_FLOW, EMAIL)
    assert Gates(percentage_of_actors=50.081).enabled(CURATED_LIST_FLOW, EMAIL)
    assert not Gates(percentage_of_actors=75.974).enabled(RECENT_RECIPIENTS, EMAIL)
    assert Gates(percentage_of_actors=75.975).enabled(RECENT_RECIPIENTS, EMAIL)
    assert Gates(percentage_of_actors=100).enabled(RECENT_RECIPIENTS, EMAIL)
    assert not Gates(percentage_of_actors=99).enabled(CURATED_LIST_FLOW, None)  # no actor, never opens


def test_boolean_and_actor_gates() -> None:
    assert Gates(boolean=True).enabled(CURATED_LIST_FLOW, None)
    assert not Gates().enabled(CURATED_LIST_FLOW, EMAIL)
    assert Gates(actors={EMAIL}).enabled(CURATED_LIST_FLOW, EMAIL)
    assert not Gates(actors={EMAIL}).enabled(CURATED_LIST_FLOW, "someone@else")


def test_percentage_of_time_is_not_sticky() -> None:
    rand = random.Random(3)
    results = {Gates(percentage_of_time=50).enabled(CURATED_LIST_FLOW, EMAIL, rand) for _ in range(50)}
    assert results == {True, False}
    assert not Gates(percentage_of_time=0).enabled(CURATED_LIST_FLOW, EMAIL, rand)
    assert Gates(percentage_of_time=100).enabled(CURATED_LIST_FLOW, EMAIL, rand)


@pytest.mark.parametrize("bad", ["maybe", "101%", "-1%", 250, None, "25"])
def test_parse_value_rejects_nonsense(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_value(bad)


def test_name_forms() -> None:
    assert camel(CURATED_LIST_FLOW) == "mhvSecureMessagingCuratedListFlow"
    assert underscore("mhvSecureMessagingCuratedListFlow") == CURATED_LIST_FLOW


def test_toggles_endpoint_lists_both_forms(api: httpx.Client) -> None:
    features = api.get("/v0/feature_toggles", params={"cookie_id": "abc"}).json()["data"]["features"]
    names = {f["name"]: f["value"] for f in features}
    assert names[CURATED_LIST_FLOW] is True and names["mhvSecureMessagingCuratedListFlow"] is True
    assert names[RECENT_RECIPIENTS] is True
    for toggle in (CERNER_PILOT, LARGE_ATTACHMENTS, RECIPIENT_OPT_GROUPS):
        assert toggle in names and camel(toggle) in names


def test_toggles_endpoint_echoes_asked_names(api: httpx.Client, sess: Session) -> None:
    sess.set_toggle(RECENT_RECIPIENTS, "off")
    asked = f"mhvSecureMessagingCuratedListFlow,{RECENT_RECIPIENTS},not_a_toggle"
    features = api.get("/v0/feature_toggles", params={"features": asked}).json()["data"]["features"]
    assert features == [
        {"name": "mhvSecureMessagingCuratedListFlow", "value": True},
        {"name": RECENT_RECIPIENTS, "value": False},
        {"name": "not_a_toggle", "value": False},
    ]


def test_session_percentage_uses_the_users_flipper_id(api: httpx.Client, sess: Session) -> None:
    flipper_id = sess.patient()["user"]["flipperId"]
    threshold = bucket(CURATED_LIST_FLOW, flipper_id) / 1000
    asked = {"features": CURATED_LIST_FLOW}
    sess.set_toggle(CURATED_LIST_FLOW, f"{threshold}%")
    assert api.get("/v0/feature_toggles", params=asked).json()["data"]["features"][0]["value"] is False
    sess.set_toggle(CURATED_LIST_FLOW, threshold + 0.001)
    assert api.get("/v0/feature_toggles", params=asked).json()["data"]["features"][0]["value"] is True
    sess.set_toggle(CURATED_LIST_FLOW, "off")
    sess.set_toggle_actors(CURATED_LIST_FLOW, [flipper_id])
    assert api.get("/v0/feature_toggles", params=asked).json()["data"]["features"][0]["value"] is True
    assert sess.toggles()[CURATED_LIST_FLOW]["actors"] == [flipper_id]


def test_flipper_id_is_the_lower_cased_email_else_the_account_uuid(control: MockClient) -> None:
    users = {seed: build_patient("single_system", seed).user for seed in range(60)}
    without_email = [seed for seed, user in users.items() if not user.email]
    assert without_email and len(without_email) < 10
    for seed in (without_email[0], next(s for s in users if s not in without_email)):
        session = control.create_session(profile="single_system", seed=seed)
        user = session.patient()["user"]
        session.delete()
        if user["email"]:
            assert user["flipperId"] == user["email"].lower() != user["email"]
        else:
            assert user["flipperId"] == user["accountUuid"]


def test_bad_toggle_value_is_refused(control: MockClient, sess: Session) -> None:
    with pytest.raises(MockError, match="percentage"):
        sess.set_toggle(CURATED_LIST_FLOW, "sometimes")
