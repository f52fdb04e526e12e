"""Flipper gate maths (sm-api.md §3.4 test vectors) and the feature-toggles endpoint semantics."""

import random

import httpx
import pytest

from fixtures import build_patient
from mocks.api.flipper import Gates, bucket, parse_value
from mocks.api.toggles import camel, underscore
from mocks.client import MockClient, MockError, Session

EMAIL = "vets.gov.user+228@gmail.com"
CURATED = "mhv_secure_messaging_curated_list_flow"
RECENT = "mhv_secure_messaging_recent_recipients"


@pytest.mark.parametrize(
    ("feature", "actor", "expected"),
    [
        (CURATED, EMAIL, 50080),
        (RECENT, EMAIL, 75974),
        (CURATED, "ab50bb37-d4c9-4c20-9d6e-767cee4a15e5", 38245),
    ],
)
def test_bucket_matches_the_reference_vectors(feature: str, actor: str, expected: int) -> None:
    assert bucket(feature, actor) == expected


def test_percentage_of_actors_threshold_is_exclusive() -> None:
    assert not Gates(percentage_of_actors=50.08).enabled(CURATED, EMAIL)
    assert Gates(percentage_of_actors=50.081).enabled(CURATED, EMAIL)
    assert not Gates(percentage_of_actors=75.974).enabled(RECENT, EMAIL)
    assert Gates(percentage_of_actors=75.975).enabled(RECENT, EMAIL)
    assert Gates(percentage_of_actors=100).enabled(RECENT, EMAIL)
    assert not Gates(percentage_of_actors=99).enabled(CURATED, None)  # no actor, never opens


def test_boolean_and_actor_gates() -> None:
    assert Gates(boolean=True).enabled(CURATED, None)
    assert not Gates().enabled(CURATED, EMAIL)
    assert Gates(actors={EMAIL}).enabled(CURATED, EMAIL)
    assert not Gates(actors={EMAIL}).enabled(CURATED, "someone@else")


def test_percentage_of_time_is_not_sticky() -> None:
    rand = random.Random(3)
    results = {Gates(percentage_of_time=50).enabled(CURATED, EMAIL, rand) for _ in range(50)}
    assert results == {True, False}
    assert not Gates(percentage_of_time=0).enabled(CURATED, EMAIL, rand)
    assert Gates(percentage_of_time=100).enabled(CURATED, EMAIL, rand)


@pytest.mark.parametrize("bad", ["maybe", "101%", "-1%", 250, None, "25"])
def test_parse_value_rejects_nonsense(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_value(bad)


def test_name_forms() -> None:
    assert camel(CURATED) == "mhvSecureMessagingCuratedListFlow"
    assert underscore("mhvSecureMessagingCuratedListFlow") == CURATED


def test_toggles_endpoint_lists_both_forms(api: httpx.Client) -> None:
    features = api.get("/v0/feature_toggles", params={"cookie_id": "abc"}).json()["data"]["features"]
    names = {f["name"]: f["value"] for f in features}
    assert names[CURATED] is True and names["mhvSecureMessagingCuratedListFlow"] is True
    assert names[RECENT] is True
    for toggle in (
        "mhv_secure_messaging_cerner_pilot",
        "mhv_secure_messaging_large_attachments",
        "mhv_secure_messaging_recipient_opt_groups",
    ):
        assert toggle in names and camel(toggle) in names


def test_toggles_endpoint_echoes_asked_names(api: httpx.Client, sess: Session) -> None:
    sess.set_toggle(RECENT, "off")
    asked = "mhvSecureMessagingCuratedListFlow,mhv_secure_messaging_recent_recipients,not_a_toggle"
    features = api.get("/v0/feature_toggles", params={"features": asked}).json()["data"]["features"]
    assert features == [
        {"name": "mhvSecureMessagingCuratedListFlow", "value": True},
        {"name": RECENT, "value": False},
        {"name": "not_a_toggle", "value": False},
    ]


def test_session_percentage_uses_the_users_flipper_id(api: httpx.Client, sess: Session) -> None:
    flipper_id = sess.patient()["user"]["flipperId"]
    threshold = bucket(CURATED, flipper_id) / 1000
    asked = {"features": CURATED}
    sess.set_toggle(CURATED, f"{threshold}%")
    assert api.get("/v0/feature_toggles", params=asked).json()["data"]["features"][0]["value"] is False
    sess.set_toggle(CURATED, threshold + 0.001)
    assert api.get("/v0/feature_toggles", params=asked).json()["data"]["features"][0]["value"] is True
    sess.set_toggle(CURATED, "off")
    sess.set_toggle_actors(CURATED, [flipper_id])
    assert api.get("/v0/feature_toggles", params=asked).json()["data"]["features"][0]["value"] is True
    assert sess.toggles()[CURATED]["actors"] == [flipper_id]


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
        sess.set_toggle(CURATED, "sometimes")
