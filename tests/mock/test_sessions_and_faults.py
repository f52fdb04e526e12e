"""Session isolation (also under concurrency), faults, journal, metrics and the control plane's guards."""

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from mocks.client import MockClient, MockError, Session
from mocks.server import RunningServer
from tests.mock.conftest import assert_va_error

MSG = "/my_health/v1/messaging"


def _send(api: httpx.Client, team_id: int, subject: str) -> httpx.Response:
    return api.post(
        f"{MSG}/messages",
        json={"recipient_id": team_id, "category": "OTHER", "subject": subject, "body": "b"},
    )


def test_concurrent_sessions_stay_isolated(mock_api_server: RunningServer, control: MockClient) -> None:
    def scenario(index: int) -> tuple[Session, list[str]]:
        s = control.create_session(profile="single_system", seed=index, recent_teams=index % 5)
        team = s.patient()["allowedCareTeams"][0]["triageTeamId"]
        subjects = [f"worker {index} message {n}" for n in range(5)]
        with httpx.Client(base_url=mock_api_server.url, headers={"Cookie": f"mock_session={s.id}"}) as api:
            for subject in subjects:
                assert _send(api, team, subject).status_code == 200
        return s, subjects

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(scenario, range(8)))
    try:
        for s, subjects in results:
            sent = [m["subject"] for m in s.patient()["sentMessages"]]
            assert sent == list(reversed(subjects))
            assert [e["body"]["subject"] for e in s.journal()] == subjects
    finally:
        for s, _ in results:
            s.delete()


def test_cookie_and_header_select_the_session(plain: httpx.Client, sess: Session) -> None:
    email = sess.patient()["user"]["email"]
    by_cookie = plain.get("/v0/user", headers={"Cookie": f"mock_session={sess.id}"})
    assert by_cookie.json()["data"]["attributes"]["profile"]["email"] == email
    default = plain.get("/v0/user")
    assert default.json()["data"]["attributes"]["profile"]["email"] != email
    assert_va_error(plain.get("/v0/user", headers={"X-Mock-Session": "nope"}), 400, "MOCK_SESSION")


def test_fault_with_sm_code_for_n_calls(api: httpx.Client, sess: Session) -> None:
    team = sess.patient()["allowedCareTeams"][0]["triageTeamId"]
    sess.add_fault("send", code="SM98", times=2)
    for _ in range(2):
        error = assert_va_error(_send(api, team, "s"), 400, "SM98")
        assert error["detail"] == "Oracle Health message send failed"
    assert _send(api, team, "s").status_code == 200
    assert sess.faults() == []


def test_fault_with_status_always(api: httpx.Client, sess: Session) -> None:
    sess.add_fault("allrecipients", status=503)
    for _ in range(3):
        assert_va_error(api.get(f"{MSG}/allrecipients"), 503)
    assert api.get(f"{MSG}/messages/categories").status_code == 200  # other endpoints unaffected
    sess.clear_faults()
    assert api.get(f"{MSG}/allrecipients").status_code == 200


def test_fault_latency_is_added(api: httpx.Client, sess: Session) -> None:
    sess.add_fault("categories", latency_ms=120, times=1)
    assert api.get(f"{MSG}/messages/categories").status_code == 200
    assert sess.journal()[-1]["latency_ms"] >= 120


def test_fault_drop_closes_the_connection(api: httpx.Client, sess: Session) -> None:
    sess.add_fault("sent_search", drop=True, times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        api.post(f"{MSG}/folders/-1/search", json={})
    assert sess.journal()[-1]["status"] == 0
    assert api.post(f"{MSG}/folders/-1/search", json={}).status_code == 200


def test_faults_are_per_session(
    plain: httpx.Client, api: httpx.Client, sess: Session, control: MockClient
) -> None:
    other = control.create_session(profile="mixed", seed=1)
    try:
        other.add_fault("user", status=500)
        assert api.get("/v0/user").status_code == 200
        assert plain.get("/v0/user", headers=other.headers).status_code == 500
    finally:
        other.delete()


def test_bad_faults_and_defects_are_refused(sess: Session) -> None:
    with pytest.raises(MockError, match="unknown fault endpoint"):
        sess.add_fault("everything", status=500)
    with pytest.raises(MockError, match="400-599"):
        sess.add_fault("send", status=200)
    with pytest.raises(ValueError, match="unknown defect"):
        sess.set_defects(["no_such_defect"])
    assert sess.set_defects(["recent_shows_five"]) == ["recent_shows_five"]


def test_metrics_count_drafts_and_sends_by_status(api: httpx.Client, sess: Session) -> None:
    team = sess.patient()["allowedCareTeams"][0]["triageTeamId"]
    draft = {"recipientId": team, "category": "OTHER", "subject": "s", "body": "b"}
    draft_id = api.post(f"{MSG}/message_drafts", json=draft).json()["data"]["id"]
    api.put(f"{MSG}/message_drafts/{draft_id}", json=draft)
    api.put(f"{MSG}/message_drafts/{draft_id}", json=draft)
    api.delete(f"{MSG}/messages/{draft_id}")
    _send(api, team, "ok")
    api.post(f"{MSG}/messages", json={"subject": "missing everything"})
    metrics = sess.metrics()
    assert metrics["drafts_created"] == {"201": 1}
    assert metrics["drafts_updated"] == {"204": 2}
    assert metrics["drafts_deleted"] == {"204": 1}
    assert metrics["messages_sent"] == {"200": 1, "422": 1}
    assert metrics["send_error_rate"] == 0.5
    assert metrics["latency_ms"]["draft"]["count"] == 4 and metrics["latency_ms"]["send"]["count"] == 2


def test_journal_records_requests(api: httpx.Client, sess: Session) -> None:
    api.get(f"{MSG}/allrecipients", params={"useCache": "false"})
    entry = sess.journal()[-1]
    assert entry["method"] == "GET" and entry["path"] == f"{MSG}/allrecipients"
    assert entry["query"] == {"useCache": "false"} and entry["status"] == 200
    assert entry["endpoint"] == "allrecipients" and entry["latency_ms"] >= 0
    sess.clear_journal()
    assert sess.journal() == []


def test_deleted_session_is_gone(plain: httpx.Client, control: MockClient) -> None:
    s = control.create_session()
    s.delete()
    assert_va_error(plain.get("/v0/user", headers=s.headers), 400, "MOCK_SESSION")
    with pytest.raises(MockError):
        s.patient()


def test_journal_survives_non_json_constants(api: httpx.Client, sess: Session) -> None:
    assert_va_error(api.post(f"{MSG}/messages", content=b'{"body": NaN}'), 400)
    assert sess.journal()[-1]["body"] == '{"body": NaN}'  # kept as text, still readable


def test_clock_out_of_range_is_refused(sess: Session) -> None:
    with pytest.raises(MockError, match="1900"):
        sess.set_clock("0001-01-01T00:00:00Z")


def test_unmapped_sm_code_renders_as_va900(api: httpx.Client, sess: Session) -> None:
    sess.add_fault("signature", code="SM777", times=1)
    error = assert_va_error(api.get(f"{MSG}/preferences/signature"), 400, "VA900")
    assert error["title"] == "Operation failed"
    sess.add_fault("signature", status=504, times=1)
    assert assert_va_error(api.get(f"{MSG}/preferences/signature"), 504)["title"] == "Gateway timeout"
