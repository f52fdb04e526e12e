"""The oracle built from the responses the mock serves equals the patient the mock meant to build.

For every profile over 30 seeds, and for every recipients file of VA's fixture folder: fetch what the app
fetches, as the app asks for it (the sent search with its 6-month window as of the mock's "now"), build
`harness.oracle.patient.build_patient` from the answers, and compare with `/_mock/.../patient`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from contract import ENDPOINTS
from fixtures.profiles import PROFILES
from fixtures.vets_website import recipient_files
from harness.oracle.patient import Exchange, ObservedPatient, build_patient
from mocks.api.readouts import months_before
from mocks.client import MockClient, Session
from mocks.server import RunningServer, build_config, start_server
from tests.mock.conftest import SHARED_FIXTURES

SEEDS = range(1000, 1030)
APP_PATHS = {  # endpoint -> the path (and query) the app calls
    "user": "/v0/user",
    "feature_toggles": "/v0/feature_toggles?cookie_id=oracle-test",
    "vamc_ehr": "/data/cms/vamc-ehr.json",
    "allrecipients": "/my_health/v1/messaging/allrecipients?useCache=false",
    "sent_search": "/my_health/v1/messaging/folders/-1/search",
    "categories": "/my_health/v1/messaging/messages/categories",
    "signature": "/my_health/v1/messaging/preferences/signature",
}


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    running = start_server(build_config(fixtures=SHARED_FIXTURES))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def control(server: RunningServer) -> Iterator[MockClient]:
    with MockClient(server.url) as client:
        yield client


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def observe(server: RunningServer, session: Session, now: str) -> ObservedPatient:
    """What the app would receive, exchange by exchange."""
    end = datetime.fromisoformat(now.replace("Z", "+00:00"))
    window = {"fromDate": _iso(months_before(end, 6)), "toDate": _iso(end)}
    documents: dict[str, Exchange] = {}
    with httpx.Client(base_url=server.url, headers=session.headers, trust_env=False, timeout=10) as http:
        for endpoint, path in APP_PATHS.items():
            method = ENDPOINTS[endpoint].method
            body = window if endpoint == "sent_search" else None
            response = http.request(method, path, json=body)
            documents[endpoint] = Exchange(endpoint, response.status_code, body, response.json())
    return build_patient(documents)


def _team_facts(team: dict[str, Any]) -> tuple[Any, ...]:
    return (
        int(team["triageTeamId"]),
        team["name"],
        team["displayName"],
        str(team["stationNumber"]),
        team["careSystemName"],
        bool(team["ohTriageGroup"]),
        bool(team["blocked"]),
        bool(team["preferredTeam"]),
        bool(team["signatureRequired"]),
    )


def assert_same_patient(observed: ObservedPatient, intended: dict[str, Any], verbatim: bool = False) -> None:
    seen = [
        (
            t.id,
            t.name,
            t.display_name,
            t.station,
            t.care_system,
            t.oracle_health,
            t.blocked,
            t.preferred,
            t.signature_required,
        )
        for t in observed.teams
    ]
    assert sorted(seen) == sorted(_team_facts(t) for t in intended["careTeams"])
    assert sorted(t.id for t in observed.allowed_teams) == sorted(
        int(t["triageTeamId"]) for t in intended["allowedCareTeams"]
    )
    recent = intended["recentCareTeams"]
    assert [t.id for t in observed.recent_teams] == [int(t["triageTeamId"]) for t in recent]
    assert [t.display_name for t in observed.recent_teams] == [t["name"] for t in recent]
    # The chooser offers every care system that has a team not blocked, in the order of the care-team
    # list: the API sorts it by name (sm-api.md §1.1); a fixture folder's is served as it is.
    listed = intended["careTeams"] if verbatim else sorted(intended["careTeams"], key=lambda t: t["name"])
    stations = list(dict.fromkeys(str(t["stationNumber"]) for t in listed))
    open_stations = [
        s
        for s in stations
        if not all(t["blocked"] for t in intended["careTeams"] if str(t["stationNumber"]) == s)
    ]
    assert [s.vha_id for s in observed.care_systems] == open_stations
    signature = intended["signature"]
    assert observed.signature.include == (signature.get("includeSignature") is True)
    if observed.signature.include:
        assert observed.signature.name == signature["signatureName"]
        assert observed.signature.title == signature["signatureTitle"]
    migrating = {s["vhaId"] for s in intended["careSystems"] if s.get("migrating")}
    assert set(observed.migrating_stations) == migrating
    assert observed.first_name == intended["user"]["firstName"]


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_oracle_matches_every_profile_over_30_seeds(
    server: RunningServer, control: MockClient, profile: str
) -> None:
    session = control.create_session(profile=profile, seed=SEEDS[0])
    try:
        for seed in SEEDS:
            session.set_profile(profile, seed=seed)
            intended = session.patient()
            observed = observe(server, session, intended["now"])
            try:
                assert_same_patient(observed, intended)
            except AssertionError as error:
                raise AssertionError(f"{profile} seed {seed}: {error}") from error
    finally:
        session.delete()


@pytest.mark.parametrize("stem", recipient_files(SHARED_FIXTURES))
def test_oracle_matches_every_vets_website_fixture_pack(
    server: RunningServer, control: MockClient, stem: str
) -> None:
    session = control.create_session(profile=f"fixtures:{stem}", seed=1)
    try:
        intended = session.patient()
        observed = observe(server, session, intended["now"])
        assert observed.teams, f"{stem}: no care teams observed"
        assert_same_patient(observed, intended, verbatim=True)
    finally:
        session.delete()


def test_oracle_shapes_name_each_profile(server: RunningServer, control: MockClient) -> None:
    """Each profile has the shape the features' words promise, so a staging skip names it truthfully."""
    from harness.oracle.shapes import SHAPES

    session = control.create_session(profile="mixed", seed=SEEDS[0])
    try:
        for profile in sorted(PROFILES):
            for seed in SEEDS[:10]:
                session.set_profile(profile, seed=seed)
                observed = observe(server, session, session.patient()["now"])
                assert SHAPES[profile].holds(observed), f"{profile} seed {seed}: {observed.describe()}"
    finally:
        session.delete()
