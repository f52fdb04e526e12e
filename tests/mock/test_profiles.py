"""Patient profiles: deterministic, the shapes the scenarios rely on, recent-team counts."""

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from fixtures import PROFILES, build_patient
from mocks.client import MockClient, MockError
from mocks.server import RunningServer

NOW = "2026-11-27T12:00:00Z"


def test_same_seed_same_patient() -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    assert build_patient("mixed", 42, 3, now) == build_patient("mixed", 42, 3, now)
    assert build_patient("mixed", 42, 3, now).care_teams != build_patient("mixed", 43, 3, now).care_teams


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("count", [0, 1, 3, 4, 6])
def test_recent_care_teams_follow_the_apps_rule(control: MockClient, profile: str, count: int) -> None:
    s = control.create_session(profile=profile, seed=11, recent_teams=count, now=NOW)
    try:
        patient = s.patient()
        allowed = {t["triageTeamId"] for t in patient["allowedCareTeams"]}
        recent = patient["recentCareTeams"]
        distinct_allowed = [i for i in patient["sentRecipientIds"] if i in allowed]
        # Profiles with any allowed team grow enough of them for the count asked (more than 4 included).
        assert len(distinct_allowed) == (count if allowed else 0)
        assert [t["triageTeamId"] for t in recent] == distinct_allowed[:4]
        for team in recent:
            assert team["name"] == team["displayName"]
    finally:
        s.delete()


def test_profile_shapes(control: MockClient) -> None:
    def patient(profile: str) -> dict[str, Any]:
        s = control.create_session(profile=profile, seed=5, now=NOW)
        try:
            return s.patient()
        finally:
            s.delete()

    vista = patient("vista_only")
    assert 2 <= len(vista["careSystems"]) <= 5 and all(s["ehr"] == "vista" for s in vista["careSystems"])
    assert not any(t["ohTriageGroup"] for t in vista["careTeams"])

    oh = patient("oracle_health_only")
    assert all(s["ehr"] == "cerner" for s in oh["careSystems"])
    assert all(t["ohTriageGroup"] and t["displayName"] == t["name"] for t in oh["careTeams"])

    mixed = patient("mixed")
    assert {s["ehr"] for s in mixed["careSystems"]} == {"vista", "cerner"}

    assert len(patient("many_systems")["careSystems"]) >= 6
    assert len(patient("single_system")["careSystems"]) == 1

    blocked = patient("all_blocked")
    assert blocked["careTeams"] and all(t["blocked"] for t in blocked["careTeams"])
    assert blocked["allowedCareTeams"] == [] and blocked["recentCareTeams"] == []

    assert patient("no_associations")["careTeams"] == []

    migrating = patient("migrating")
    moving = [s for s in migrating["careSystems"] if s["migrating"]]
    assert len(moving) == 1 and moving[0]["migrationPhase"] in ("p3", "p4", "p5", "p6")
    moving_teams = [t for t in migrating["careTeams"] if t["stationNumber"] == moving[0]["vhaId"]]
    assert moving_teams and all(t["blocked"] and t["migratingToOh"] for t in moving_teams)

    signature = patient("signature_required")
    signed = [t for t in signature["allowedCareTeams"] if t["signatureRequired"]]
    assert {t["name"] for t in signed} >= {"Record Amendment Admin"}
    assert any("Release of Information" in t["name"] for t in signed)


def test_migrating_user_and_allrecipients(mock_api_server: RunningServer, control: MockClient) -> None:
    s = control.create_session(profile="migrating", seed=2, now=NOW)
    try:
        with httpx.Client(base_url=mock_api_server.url, headers=s.headers) as api:
            va_profile = api.get("/v0/user").json()["data"]["attributes"]["vaProfile"]
            assert va_profile["userFacilityMigratingToOh"] is True
            assert va_profile["migrationSchedules"][0]["phases"]["current"] in ("p3", "p4", "p5", "p6")
            teams = api.get("/my_health/v1/messaging/allrecipients").json()["data"]
            assert any(t["attributes"]["migratingToOh"] and t["attributes"]["blockedStatus"] for t in teams)
    finally:
        s.delete()


def test_clock_keeps_history_relative(control: MockClient, plain: httpx.Client) -> None:
    s = control.create_session(profile="vista_only", seed=3, recent_teams=2, now="2025-01-15T00:00:00Z")
    try:
        before = s.patient()
        assert before["now"].startswith("2025-01-15")
        team = before["allowedCareTeams"][0]["triageTeamId"]
        draft = {"recipientId": team, "category": "OTHER", "subject": "s", "body": "b"}
        assert (
            plain.post("/my_health/v1/messaging/message_drafts", json=draft, headers=s.headers).status_code
            == 201
        )
        s.add_fault("send", status=500, times=1)
        s.set_clock(NOW)  # drafts and faults survive a clock change
        after = s.patient()
        assert len(s.faults()) == 1 and len(after["drafts"]) == 1
        assert after["now"].startswith("2026-11-27")
        assert [t["triageTeamId"] for t in after["recentCareTeams"]] == [
            t["triageTeamId"] for t in before["recentCareTeams"]
        ]
    finally:
        s.delete()


def test_unknown_profile_is_refused(control: MockClient) -> None:
    with pytest.raises(MockError, match="unknown profile"):
        control.create_session(profile="nobody")


def test_recent_page_drops_blocked_and_unlisted_teams(control: MockClient) -> None:
    def has_excluded_recent(seed: int) -> bool:
        patient = build_patient("vista_only", seed, 3, datetime(2026, 11, 27, 12, tzinfo=UTC))
        excluded = {t.triage_team_id for t in patient.care_teams if t.blocked or not t.preferred}
        return any(m.folder_id == -1 and m.recipient_id in excluded for m in patient.history)

    seed = next(s for s in range(50) if has_excluded_recent(s))
    s = control.create_session(profile="vista_only", seed=seed, recent_teams=3, now=NOW)
    try:
        patient = s.patient()
        allowed = {t["triageTeamId"] for t in patient["allowedCareTeams"]}
        assert any(i not in allowed for i in patient["sentRecipientIds"])
        assert len(patient["recentCareTeams"]) == 3
        assert all(t["triageTeamId"] in allowed for t in patient["recentCareTeams"])
    finally:
        s.delete()
