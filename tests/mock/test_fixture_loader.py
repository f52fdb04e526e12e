"""The vets-website fixture loader keeps documents verbatim and still understands their inconsistencies."""

import json
from pathlib import Path

import httpx
import pytest

from fixtures import FixtureError, load_fixture_folder, recipient_files
from mocks.server import build_config, start_server
from tests.mock.conftest import VENDORED_FIXTURES


def test_string_ids_and_relationship_type_are_understood() -> None:
    patient = load_fixture_folder(VENDORED_FIXTURES, recipients="all-recipients-response")
    raw = json.loads((VENDORED_FIXTURES / "all-recipients-response.json").read_text())
    string_ids = [
        t["attributes"]["triageTeamId"]
        for t in raw["data"]
        if isinstance(t["attributes"]["triageTeamId"], str)
    ]
    assert string_ids
    ids = {t.triage_team_id for t in patient.care_teams}
    assert {int(i) for i in string_ids} <= ids
    assert all(t.raw and "relationshipType" in t.raw["attributes"] for t in patient.care_teams)  # as spelled


def test_string_id_team_can_receive_a_message() -> None:
    server = start_server(
        build_config(fixtures=VENDORED_FIXTURES, profile="fixtures:all-recipients-response")
    )
    try:
        body = {"recipient_id": "123456", "category": "OTHER", "subject": "s", "body": "b"}
        response = httpx.post(f"{server.url}/my_health/v1/messaging/messages", json=body)
        assert response.status_code == 200
        assert response.json()["data"]["attributes"]["recipientId"] == 123456
    finally:
        server.stop()


def test_recipient_files_are_detected() -> None:
    assert set(recipient_files(VENDORED_FIXTURES)) == {
        "all-recipients-response",
        "recipients-response",
        "multi-facility-blocked-recipients-response",
    }


def test_missing_folder_or_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="does not exist"):
        load_fixture_folder(tmp_path / "nope")
    with pytest.raises(FixtureError, match="no recipients response"):
        load_fixture_folder(tmp_path)
    (tmp_path / "allrecipients.json").write_text("{not json")
    with pytest.raises(FixtureError, match="not valid JSON"):
        load_fixture_folder(tmp_path)


def test_server_refuses_a_bad_fixture_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no recipients response"):
        start_server(build_config(fixtures=tmp_path, profile="fixtures"))
