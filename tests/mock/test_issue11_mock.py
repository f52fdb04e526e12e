"""Mock parts for the states of issue 11: the tooltips API and knob, the new profiles, the zero-association
list, and migration schedules dated around their phase."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from fixtures import build_patient, load_fixture_folder
from mocks.client import MockError, Session
from mocks.server import build_config, start_server
from tests.mock.conftest import VENDORED_FIXTURES, assert_va_error

TOOLTIPS = "/my_health/v1/tooltips"
IPE = "sm_care_team_list_update_ipe"


def test_tooltip_lifecycle_create_increment_hide(api: httpx.Client, sess: Session) -> None:
    assert api.get(TOOLTIPS).json() == []
    created = api.post(TOOLTIPS, json={"tooltip": {"tooltipName": IPE, "hidden": False}})
    assert created.status_code == 201
    record = created.json()
    assert (record["tooltipName"], record["counter"], record["hidden"]) == (IPE, 0, False)
    bumped = api.patch(f"{TOOLTIPS}/{record['id']}", params={"increment_counter": "true"}).json()
    assert bumped["counter"] == 1
    hidden = api.patch(f"{TOOLTIPS}/{record['id']}", json={"tooltip": {"hidden": True}}).json()
    assert hidden["hidden"] is True and hidden["counter"] == 1
    assert sess.patient()["tooltips"] == [hidden]
    assert [e["endpoint"] for e in sess.journal()][-4:] == [
        "tooltips",
        "tooltip_create",
        "tooltip_update",
        "tooltip_update",
    ]


def test_tooltip_errors_are_va_shaped(api: httpx.Client, sess: Session) -> None:
    assert_va_error(api.patch(f"{TOOLTIPS}/nope", params={"increment_counter": "true"}), 404)
    assert_va_error(api.post(TOOLTIPS, json={"tooltip": {}}), 422)
    api.post(TOOLTIPS, json={"tooltip": {"tooltipName": IPE}})
    assert_va_error(api.post(TOOLTIPS, json={"tooltip": {"tooltipName": IPE}}), 422)
    record = api.get(TOOLTIPS).json()[0]
    assert_va_error(api.patch(f"{TOOLTIPS}/{record['id']}", json={"tooltip": {"hidden": "yes"}}), 400)
    broken = api.post(TOOLTIPS, content=b"{not json", headers={"Content-Type": "application/json"})
    assert_va_error(broken, 400)


def test_tooltips_knob_seeds_a_fourth_view(api: httpx.Client, sess: Session) -> None:
    sess.set_tooltips([{"tooltipName": IPE, "counter": 3}])
    [record] = api.get(TOOLTIPS).json()
    assert (record["counter"], record["hidden"]) == (3, False)
    with pytest.raises(MockError, match="counter"):
        sess.set_tooltips([{"tooltipName": IPE, "counter": -1}])
    with pytest.raises(MockError, match="tooltipName"):
        sess.set_tooltips([{"counter": 1}])
    sess.set_profile("oracle_health_only")  # a new patient starts without records
    assert api.get(TOOLTIPS).json() == []


def test_fixture_folder_seeds_tooltips_and_an_empty_list(tmp_path: Path) -> None:
    for name in ("vamc-ehr.json", "user.json"):
        (tmp_path / name).write_text((VENDORED_FIXTURES / name).read_text())
    empty = {
        "data": [],
        "meta": {"sort": {"name": "ASC"}, "associatedTriageGroups": 0, "associatedBlockedTriageGroups": 0},
    }
    (tmp_path / "allrecipients.json").write_text(json.dumps(empty))
    seen = [{"id": "t1", "tooltipName": IPE, "counter": 2}]
    (tmp_path / "tooltips-response.json").write_text(json.dumps(seen))
    assert load_fixture_folder(tmp_path).raw["tooltips"][0]["counter"] == 2
    server = start_server(build_config(fixtures=tmp_path, profile="fixtures"))
    try:
        recipients = httpx.get(f"{server.url}/my_health/v1/messaging/allrecipients")
        assert recipients.status_code == 200 and recipients.json()["data"] == []
        assert recipients.json()["meta"]["associatedTriageGroups"] == 0
        assert httpx.get(f"{server.url}{TOOLTIPS}").json()[0]["counter"] == 2
    finally:
        server.stop()


def test_not_connected_answers_an_empty_list(api: httpx.Client, sess: Session) -> None:
    sess.set_profile("not_connected")
    response = api.get("/my_health/v1/messaging/allrecipients")
    assert response.status_code == 200
    assert response.json()["data"] == [] and response.json()["meta"]["associatedTriageGroups"] == 0


@pytest.mark.parametrize("seed", range(8))
def test_blocked_profiles_have_their_shape(seed: int) -> None:
    one = build_patient("one_team_blocked", seed)
    assert sum(t.blocked for t in one.care_teams) == 1
    several = build_patient("several_teams_blocked", seed)
    blocked = [t for t in several.care_teams if t.blocked]
    assert len(blocked) >= 2 and len({t.station_number for t in blocked}) == len(blocked)
    system = build_patient("system_blocked", seed)
    stations = {t.station_number for t in system.care_teams}
    fully = [s for s in stations if all(t.blocked for t in system.care_teams if t.station_number == s)]
    assert len(fully) == 1 and any(not t.blocked for t in system.care_teams)


@pytest.mark.parametrize(
    ("profile", "phases", "blocked"),
    [
        ("migrating_before", {"p1", "p2"}, False),
        ("migrating_during", {"p3", "p4", "p5"}, True),
        ("migrating_after", {"p6"}, True),
    ],
)
def test_migration_profiles_and_schedule(
    api: httpx.Client, sess: Session, profile: str, phases: set[str], blocked: bool
) -> None:
    sess.set_profile(profile)
    moving = next(s for s in sess.patient()["careSystems"] if s["migrating"])
    assert moving["migrationPhase"] in phases
    teams = [t for t in sess.patient()["careTeams"] if t["stationNumber"] == moving["vhaId"]]
    assert teams and all(t["blocked"] is blocked and t["migratingToOh"] is blocked for t in teams)
    [schedule] = api.get("/v0/user").json()["data"]["attributes"]["vaProfile"]["migrationSchedules"]
    assert schedule["phases"]["current"] == moving["migrationPhase"]
    dated = re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4} at 12:00AM ET$")
    assert all(dated.match(schedule["phases"][f"p{i}"]) for i in range(8))
    assert re.match(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$", schedule["migrationDate"])
    assert schedule["facilities"][0]["facilityId"] == moving["vhaId"]
