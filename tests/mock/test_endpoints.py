"""Each public endpoint's shape and behaviour against sm-api.md."""

import json
from typing import Any

import httpx
import pytest

from contract import LARGE_ATTACHMENTS
from mocks.client import Session
from tests.mock.conftest import assert_shape, assert_va_error

MSG = "/my_health/v1/messaging"


def _allowed(sess: Session, oh: bool | None = None) -> dict[str, Any]:
    teams = sess.patient()["allowedCareTeams"]
    return next(t for t in teams if oh is None or t["ohTriageGroup"] == oh)


def test_user_lists_care_systems_as_facilities(api: httpx.Client, sess: Session) -> None:
    body = api.get("/v0/user").json()
    assert_shape(body, "User")
    attrs = body["data"]["attributes"]
    assert "messaging" in attrs["services"]
    patient = sess.patient()
    expected = [{"facilityId": s["vhaId"], "isCerner": s["ehr"] == "cerner"} for s in patient["careSystems"]]
    assert attrs["vaProfile"]["facilities"] == expected
    assert attrs["profile"]["email"] == patient["user"]["email"]


def test_vamc_ehr_names_every_care_system(api: httpx.Client, sess: Session) -> None:
    body = api.get("/data/cms/vamc-ehr.json").json()
    assert_shape(body, "VamcEhr")
    by_id = {
        e["fieldFacilityLocatorApiId"]: e["fieldRegionPage"]["entity"]
        for e in body["data"]["nodeQuery"]["entities"]
    }
    for system in sess.patient()["careSystems"]:
        entity = by_id[f"vha_{system['vhaId']}"]
        assert entity["title"] == system["name"]
        assert entity["fieldVamcEhrSystem"] == system["ehr"]


def test_allrecipients_has_meta_and_sorted_teams(api: httpx.Client, sess: Session) -> None:
    body = api.get(f"{MSG}/allrecipients", params={"useCache": "false"}).json()
    assert_shape(body, "AllRecipients")
    names = [t["attributes"]["name"] for t in body["data"]]
    assert names == sorted(names)
    assert body["meta"]["associatedTriageGroups"] == len(body["data"])
    blocked = sum(t["attributes"]["blockedStatus"] for t in body["data"])
    assert body["meta"]["associatedBlockedTriageGroups"] == blocked
    for team in body["data"]:
        assert team["id"] == str(team["attributes"]["triageTeamId"])


def test_oracle_health_pools_have_raw_names(api: httpx.Client, sess: Session) -> None:
    sess.set_profile("oracle_health_only")
    body = api.get(f"{MSG}/allrecipients").json()
    assert body["data"]
    for team in body["data"]:
        attrs = team["attributes"]
        assert attrs["ohTriageGroup"] is True
        assert attrs["suggestedNameDisplay"] is None
        assert attrs["name"].upper().endswith("POOL")


def test_sent_search_returns_the_window_newest_first(api: httpx.Client, sess: Session) -> None:
    sess.set_clock("2026-11-27T12:00:00Z")
    body = api.post(
        f"{MSG}/folders/-1/search",
        json={"fromDate": "2026-05-27T12:00:00Z", "toDate": "2026-11-27T12:00:00Z"},
    ).json()
    assert_shape(body, "MessageList")
    dates = [m["attributes"]["sentDate"] for m in body["data"]]
    assert dates == sorted(dates, reverse=True)
    assert all("2026-05-27" <= d <= "2026-11-28" for d in dates)
    ids = list(dict.fromkeys(m["attributes"]["recipientId"] for m in body["data"]))
    assert ids == sess.patient()["sentRecipientIds"]


def test_search_with_bad_dates_is_a_422(api: httpx.Client) -> None:
    assert_va_error(api.post(f"{MSG}/folders/-1/search", json={"fromDate": "yesterday"}), 422)


def test_folders_and_threads(api: httpx.Client) -> None:
    assert_shape(api.get(f"{MSG}/folders").json(), "Folders")
    assert api.get(f"{MSG}/folders/-1").json()["data"]["attributes"]["name"] == "Sent"
    threads = api.get(
        f"{MSG}/folders/-1/threads",
        params={"pageSize": 2, "pageNumber": 1, "sortField": "SENT_DATE", "sortOrder": "DESC"},
    ).json()
    assert_shape(threads, "Threads")
    assert len(threads["data"]) == 2
    assert_va_error(api.get(f"{MSG}/folders/77"), 404)
    assert_va_error(api.get(f"{MSG}/folders/-1/threads", params={"pageSize": "x"}), 422)


def test_categories_and_signature(api: httpx.Client) -> None:
    categories = api.get(f"{MSG}/messages/categories").json()
    assert_shape(categories, "Categories")
    assert categories["data"]["attributes"]["messageCategoryType"] == [
        "OTHER",
        "COVID",
        "APPOINTMENTS",
        "MEDICATIONS",
        "TEST_RESULTS",
        "EDUCATION",
    ]
    signature = api.get(f"{MSG}/preferences/signature").json()
    assert_shape(signature, "Signature")
    assert api.get(f"{MSG}/messages/signature").json() == signature


def test_draft_lifecycle(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess)
    draft = {
        "recipientId": team["triageTeamId"],
        "category": "OTHER",
        "subject": "Refill",
        "body": "Hello",
        "careSystemVhaId": team["stationNumber"],
        "ohTriageGroup": team["ohTriageGroup"],
    }  # extra keys ignored
    created = api.post(f"{MSG}/message_drafts", json=draft)
    assert created.status_code == 201
    assert_shape(created.json(), "DraftResponse")
    draft_id = created.json()["data"]["attributes"]["messageId"]
    assert created.json()["data"]["id"] == str(draft_id)
    updated = api.put(f"{MSG}/message_drafts/{draft_id}", json={**draft, "body": "Hello again"})
    assert updated.status_code == 204 and updated.content == b""
    assert sess.patient()["drafts"][0]["body"] == "Hello again"
    assert api.delete(f"{MSG}/messages/{draft_id}").status_code == 204
    assert sess.patient()["drafts"] == []
    assert_va_error(api.put(f"{MSG}/message_drafts/{draft_id}", json=draft), 404)
    assert_va_error(api.delete(f"{MSG}/messages/{draft_id}"), 404)


def test_draft_validation_points_at_each_missing_field(api: httpx.Client) -> None:
    response = api.post(f"{MSG}/message_drafts", json={"subject": "only a subject"})
    assert_va_error(response, 422, "100")
    pointers = [e["source"]["pointer"] for e in response.json()["errors"]]
    assert pointers == ["data/attributes/recipient_id", "data/attributes/category", "data/attributes/body"]


def test_send_json_consumes_the_draft_and_shows_in_sent(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess, oh=False)
    draft_id = api.post(
        f"{MSG}/message_drafts",
        json={"recipientId": team["triageTeamId"], "category": "COVID", "subject": "s", "body": "b"},
    ).json()["data"]["id"]
    sent = api.post(
        f"{MSG}/messages",
        json={
            "recipient_id": team["triageTeamId"],
            "category": "COVID",
            "subject": "Question",
            "body": "Body ",
            "draft_id": int(draft_id),
        },
    )
    assert sent.status_code == 200
    assert_shape(sent.json(), "SendResponse")
    message_id = sent.json()["data"]["attributes"]["messageId"]
    patient = sess.patient()
    assert patient["drafts"] == []
    assert patient["sentMessages"][0]["draftId"] == int(draft_id)
    assert patient["sentRecipientIds"][0] == team["triageTeamId"]
    threads = api.get(f"{MSG}/folders/-1/threads", params={"pageSize": 1}).json()
    assert threads["data"][0]["attributes"]["messageId"] == message_id
    # The same draft cannot be sent twice.
    again = api.post(
        f"{MSG}/messages",
        json={
            "recipient_id": team["triageTeamId"],
            "category": "COVID",
            "subject": "Question",
            "body": "Body",
            "draft_id": draft_id,
        },
    )
    assert_va_error(again, 422, "SM128")


def test_send_to_oracle_health_records_the_flag(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess, oh=True)
    body = {"recipient_id": team["triageTeamId"], "category": "OTHER", "subject": "s", "body": "b"}
    response = api.post(f"{MSG}/messages", params={"is_oh_triage_group": "true"}, json=body)
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["isOhMessage"] is True
    assert sess.patient()["sentMessages"][0]["isOhTriageGroup"] is True
    assert sess.journal()[-1]["query"] == {"is_oh_triage_group": "true"}


def test_send_multipart_with_attachments(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess, oh=False)
    message = json.dumps(
        {"recipient_id": team["triageTeamId"], "category": "OTHER", "subject": "s", "body": "b"}
    )
    files = [
        ("uploads[]", ("scan.pdf", b"%PDF-1.4 fake", "application/pdf")),
        ("uploads[]", ("photo.jpg", b"\xff\xd8fake", "image/jpeg")),
    ]
    response = api.post(f"{MSG}/messages", data={"message": message}, files=files)
    assert response.status_code == 200
    body = response.json()
    assert_shape(body, "SendResponse")
    assert [a["attributes"]["name"] for a in body["included"]] == ["scan.pdf", "photo.jpg"]
    assert sess.journal()[-1]["body"]["uploads"] == [
        {"name": "scan.pdf", "size": 13},
        {"name": "photo.jpg", "size": 6},
    ]


def test_attachment_limits_answer_va_validation_errors(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess, oh=False)
    message = json.dumps(
        {"recipient_id": team["triageTeamId"], "category": "OTHER", "subject": "s", "body": "b"}
    )
    five = [("uploads[]", (f"f{i}.txt", b"x", "text/plain")) for i in range(5)]
    error = assert_va_error(api.post(f"{MSG}/messages", data={"message": message}, files=five), 422)
    assert error["detail"] == "uploads - has too many files (maximum is 4 files)"
    big = [("uploads[]", ("big.pdf", b"x" * (6 * 1024 * 1024 + 1), "application/pdf"))]
    error = assert_va_error(api.post(f"{MSG}/messages", data={"message": message}, files=big), 422)
    assert error["title"] == "The big.pdf exceeds file size limit of 6.0 MB"
    total = [("uploads[]", (f"f{i}.pdf", b"x" * (4 * 1024 * 1024), "application/pdf")) for i in range(3)]
    error = assert_va_error(api.post(f"{MSG}/messages", data={"message": message}, files=total), 422)
    assert error["title"] == "Total size of uploads exceeds 10.0 MB"
    # With the large-attachments toggle the same upload is accepted (10 files / 25 MB).
    sess.set_toggle(LARGE_ATTACHMENTS, "on")
    assert api.post(f"{MSG}/messages", data={"message": message}, files=total).status_code == 200


def test_send_errors_for_missing_and_blocked_teams(api: httpx.Client, sess: Session) -> None:
    body = {"category": "OTHER", "subject": "s", "body": "b"}
    assert_va_error(api.post(f"{MSG}/messages", json={**body, "recipient_id": 1}), 422, "SM119")
    sess.set_profile("vista_only", seed=5)
    teams = sess.patient()["careTeams"]
    blocked = next(t for t in teams if t["blocked"])
    at_station = [t for t in teams if t["stationNumber"] == blocked["stationNumber"]]
    expected = "SM151" if all(t["blocked"] for t in at_station) else "SM119"
    assert_va_error(
        api.post(f"{MSG}/messages", json={**body, "recipient_id": blocked["triageTeamId"]}), 422, expected
    )
    sess.set_profile("all_blocked")
    team = sess.patient()["careTeams"][0]
    assert_va_error(
        api.post(f"{MSG}/messages", json={**body, "recipient_id": team["triageTeamId"]}), 422, "SM151"
    )


def test_contact_list_save_updates_preferred_team(api: httpx.Client, sess: Session) -> None:
    teams = [t for t in sess.patient()["careTeams"] if not t["ohTriageGroup"]]
    first, second = teams[0], teams[1]
    update = {
        "updatedTriageTeams": [
            {"triageTeamId": first["triageTeamId"], "preferredTeam": False},
            {"triageTeamId": second["triageTeamId"], "preferredTeam": True},
        ]
    }
    response = api.post(f"{MSG}/preferences/recipients", json=update)
    assert response.status_code == 200
    after = {t["triageTeamId"]: t for t in sess.patient()["careTeams"]}
    assert after[first["triageTeamId"]]["preferredTeam"] is False
    listed = {t["id"]: t["attributes"] for t in api.get(f"{MSG}/allrecipients").json()["data"]}
    assert listed[str(first["triageTeamId"])]["preferredTeam"] is False
    assert_va_error(api.post(f"{MSG}/preferences/recipients", json={"updatedTriageTeams": []}), 400)
    all_false = {"updatedTriageTeams": [{"triageTeamId": second["triageTeamId"], "preferredTeam": "false"}]}
    assert_va_error(api.post(f"{MSG}/preferences/recipients", json=all_false), 400)


def test_no_messaging_access_is_a_403(api: httpx.Client, sess: Session) -> None:
    sess.set_messaging_access(False)
    error = assert_va_error(api.get(f"{MSG}/allrecipients"), 403)
    assert error["detail"] == "You do not have access to messaging"
    assert "messaging" not in api.get("/v0/user").json()["data"]["attributes"]["services"]


def test_no_associations_is_record_not_found(api: httpx.Client, sess: Session) -> None:
    sess.set_profile("no_associations")
    assert_va_error(api.get(f"{MSG}/allrecipients"), 404)


def test_unknown_route_is_a_va_404(api: httpx.Client) -> None:
    assert_va_error(api.get("/my_health/v1/messaging/nothing-here"), 404)
    assert_va_error(api.patch(f"{MSG}/allrecipients"), 405)


def test_drafts_folder_lists_saved_drafts(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess)
    body = {"recipientId": team["triageTeamId"], "category": "OTHER", "subject": "Unsent", "body": "x"}
    draft_id = api.post(f"{MSG}/message_drafts", json=body).json()["data"]["attributes"]["messageId"]
    assert api.get(f"{MSG}/folders/-2").json()["data"]["attributes"]["count"] == 1
    threads = api.get(f"{MSG}/folders/-2/threads").json()["data"]
    assert [t["attributes"]["messageId"] for t in threads] == [draft_id]
    assert threads[0]["attributes"]["draftDate"] is not None and threads[0]["attributes"]["sentDate"] is None


def test_unsupported_file_type_is_sm122(api: httpx.Client, sess: Session) -> None:
    team = _allowed(sess, oh=False)
    message = json.dumps(
        {"recipient_id": team["triageTeamId"], "category": "OTHER", "subject": "s", "body": "b"}
    )
    movie = [("uploads[]", ("visit.mov", b"x", "video/quicktime"))]
    assert_va_error(api.post(f"{MSG}/messages", data={"message": message}, files=movie), 422, "SM122")
    sess.set_toggle(LARGE_ATTACHMENTS, "on")  # the extended types come with it
    assert api.post(f"{MSG}/messages", data={"message": message}, files=movie).status_code == 200


def test_oversized_body_is_a_413(api: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from mocks.api import middleware

    monkeypatch.setattr(middleware, "MAX_BODY", 1024)
    assert_va_error(api.post(f"{MSG}/messages", content=b"{" + b" " * 4096 + b"}"), 413)
