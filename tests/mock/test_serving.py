"""Serving the stand-in, the vets-website fixture folder as-is, staging-like modes, the CLI."""

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from contract import EDIT_CONTACT_LIST, INBOX, RECENT_CARE_TEAMS, RECENT_RECIPIENTS
from mocks.client import MockClient
from mocks.server import build_config, start_server
from tests.mock.conftest import ROOT, SHARED_FIXTURES, VENDORED_FIXTURES, assert_va_error
from tests.served_mock import served

MSG = "/my_health/v1/messaging"
FOLDERS = [VENDORED_FIXTURES] + ([SHARED_FIXTURES] if SHARED_FIXTURES.is_dir() else [])


def test_root_redirects_to_inbox(plain: httpx.Client) -> None:
    response = plain.get("/")
    assert response.status_code == 302
    assert response.headers["location"] == INBOX


@pytest.mark.skipif(not (ROOT / "mocks" / "web" / "index.html").is_file(), reason="stand-in not built")
@pytest.mark.parametrize("path", [INBOX, RECENT_CARE_TEAMS])
def test_every_app_path_serves_index(plain: httpx.Client, path: str) -> None:
    response = plain.get(path)
    assert response.status_code == 200
    assert response.text == (ROOT / "mocks" / "web" / "index.html").read_text()


def test_static_files_and_traversal(plain: httpx.Client) -> None:
    package = plain.get("/sm-web/package.json")
    assert package.status_code == 200 and json.loads(package.text)
    assert plain.get("/sm-web/../openapi.yaml").status_code == 404
    assert plain.get("/sm-web/%2e%2e/server.py").status_code == 404


CSS_LIBRARY = "node_modules/@department-of-veterans-affairs/css-library/dist/stylesheets/core.css"


@pytest.mark.skipif(not (ROOT / "mocks" / "web" / CSS_LIBRARY).is_file(), reason="npm packages not installed")
def test_node_modules_are_served(plain: httpx.Client) -> None:
    response = plain.get(f"/sm-web/{CSS_LIBRARY}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")


def test_config_js_carries_the_sessions_defects(plain: httpx.Client, control: MockClient) -> None:
    s = control.create_session()
    try:
        s.set_defects(["no_h1_focus"])
        text = plain.get("/sm-web/config.js", headers={"Cookie": f"mock_session={s.id}"}).text
        prefix = "window.SM_STANDIN_CONFIG = "
        assert text.startswith(prefix)
        assert json.loads(text[len(prefix) :].strip().rstrip(";")) == {
            "defects": ["no_h1_focus"],
            "rumProxy": "/rum-intake",
            "rumReplay": True,
        }
    finally:
        s.delete()


def test_a_session_can_go_without_replay_and_a_non_boolean_is_refused(
    plain: httpx.Client, control: MockClient
) -> None:
    quiet = control.create_session(rum_replay=False)
    try:
        text = plain.get("/sm-web/config.js", headers={"Cookie": f"mock_session={quiet.id}"}).text
        assert '"rumReplay": false' in text
    finally:
        quiet.delete()
    refused = plain.post("/_mock/sessions", json={"rum_replay": "no"})
    assert refused.status_code == 422 and "rum_replay must be true or false" in refused.text


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize(
    "stem", ["recipients-response", "all-recipients-response", "multi-facility-blocked-recipients-response"]
)
def test_fixture_folder_is_served_as_is(folder: Path, stem: str) -> None:
    server = start_server(build_config(fixtures=folder, profile=f"fixtures:{stem}"))
    try:
        with httpx.Client(base_url=server.url) as api:
            expected = json.loads((folder / f"{stem}.json").read_text())
            assert api.get(f"{MSG}/allrecipients").json() == expected
            for path, name in (
                ("/v0/user", "user.json"),
                ("/data/cms/vamc-ehr.json", "vamc-ehr.json"),
                (f"{MSG}/messages/categories", "categories-response.json"),
                (f"{MSG}/preferences/signature", "signature-response.json"),
            ):
                assert api.get(path).json() == json.loads((folder / name).read_text())
            search = api.post(f"{MSG}/folders/-1/search", json={"fromDate": "2026-01-01T00:00:00Z"}).json()
            assert search == json.loads((folder / "search-sent-folder-response.json").read_text())
            # Sends validate against the fixture's teams, string ids included.
            team = next(t for t in expected["data"] if not t["attributes"]["blockedStatus"])
            sent = api.post(
                f"{MSG}/messages",
                json={"recipient_id": str(team["id"]), "category": "OTHER", "subject": "s", "body": "b"},
            )
            assert sent.status_code == 200
            assert_va_error(
                api.post(f"{MSG}/messages", json={"recipient_id": 1, "category": "OTHER", "body": "b"}),
                422,
                "SM119",
            )
            features = {
                f["name"]: f["value"] for f in api.get("/v0/feature_toggles").json()["data"]["features"]
            }
            assert features[EDIT_CONTACT_LIST] is True  # from toggles-response.json
    finally:
        server.stop()


def test_staging_like_mode() -> None:
    server = start_server(build_config(control=False, require_sign_in=True))
    try:
        assert httpx.get(server.url + "/_mock/health").json() == {"status": "ok"}
        assert_va_error(httpx.post(server.url + "/_mock/sessions", json={}), 404)
        config = httpx.get(server.url + "/sm-web/config.js").text
        # RUM goes to the mock's own intake on a Datadog-like loopback host: nothing leaves the machine
        port = server.url.rsplit(":", 1)[1]
        assert f'"rumProxy": "http://browser-intake-standin.localhost:{port}/rum-intake"' in config
        assert '"defects": []' in config
        assert_va_error(httpx.get(server.url + "/v0/user"), 401)
        assert_va_error(httpx.get(server.url + f"{MSG}/allrecipients", cookies={"vagov_session": ""}), 401)
        assert httpx.get(server.url + "/v0/user", cookies={"vagov_session": "abc"}).status_code == 200
        assert httpx.get(server.url + "/v0/feature_toggles").status_code == 200  # no sign-in needed
        # A session cookie is ignored without the control plane: the one patient answers.
        assert (
            httpx.get(
                server.url + "/v0/user", cookies={"vagov_session": "a", "mock_session": "x"}
            ).status_code
            == 200
        )
    finally:
        server.stop()


def test_openapi_is_served(plain: httpx.Client) -> None:
    response = plain.get("/_mock/openapi.yaml")
    assert response.status_code == 200 and response.text.startswith("openapi: 3.1.0")


def test_cli_serves_and_logs_requests() -> None:
    toggle = f"{RECENT_RECIPIENTS}=off"
    with served("--profile", "vista_only", "--seed", "9", "--toggle", toggle) as mock:
        since = len(mock.lines)
        features = httpx.get(mock.url + "/v0/feature_toggles", params={"features": RECENT_RECIPIENTS}).json()
        assert features["data"]["features"][0]["value"] is False
        assert MockClient(mock.url).session("default").patient()["profile"] == "vista_only"
        mock.wait_for_line("GET /v0/feature_toggles", since=since)


def test_cli_rejects_bad_flags() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mocks", "serve", "--toggle", "x=sometimes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--toggle" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "mocks", "serve", "--profile", "nobody", "--port", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "unknown profile" in result.stderr
