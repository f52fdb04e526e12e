"""`mocks serve --fixtures-user NAME=DIR`: a staging-like pool of users, each its own folder and session,
signed in by the `vagov_session` cookie `NAME` or `NAME.anything`; anything else is signed out."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from fixtures import load_fixture_folder
from mocks.api import create_app
from mocks.export import export_fixtures
from mocks.server import RunningServer, build_config, start_server
from tests.mock.conftest import ROOT, SHARED_FIXTURES, assert_va_error
from tests.served_mock import served

MSG = "/my_health/v1/messaging"
SECRET = "5d1e-secret"  # the part of a cookie value after the name: never printed


@pytest.fixture(scope="module")
def users(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two users from different folders: a generated VistA-only patient and VA's own fixture pack."""
    vista = tmp_path_factory.mktemp("vista")
    export_fixtures("vista_only", 3, vista)
    return {"vista": vista, "va": SHARED_FIXTURES}


def pool(users: dict[str, Path], control: bool = False) -> RunningServer:
    return start_server(build_config(control=control, require_sign_in=True, fixtures_users=users))


@pytest.fixture(scope="module")
def server(users: dict[str, Path]) -> Iterator[RunningServer]:
    running = pool(users)
    yield running
    running.stop()


def as_cookie(value: str | None) -> dict[str, str]:
    return {} if value is None else {"Cookie": f"vagov_session={value}"}


def get(server: RunningServer, path: str, cookie: str | None) -> httpx.Response:
    return httpx.get(server.url + path, headers=as_cookie(cookie), trust_env=False, timeout=10)


def first_open_team(server: RunningServer, cookie: str) -> int:
    teams = get(server, f"{MSG}/allrecipients", cookie).json()["data"]
    return next(int(t["attributes"]["triageTeamId"]) for t in teams if not t["attributes"]["blockedStatus"])


def draft_ids(server: RunningServer, cookie: str) -> list[int]:
    threads = get(server, f"{MSG}/folders/-2/threads", cookie)
    assert threads.status_code == 200, threads.text
    return [int(t["attributes"]["messageId"]) for t in threads.json()["data"]]


@pytest.mark.parametrize("suffix", ["", f".{SECRET}", "."])
def test_each_cookie_value_gets_its_own_users_folder(
    server: RunningServer, users: dict[str, Path], suffix: str
) -> None:
    answers: dict[str, Any] = {}
    for name, folder in users.items():
        expected = load_fixture_folder(folder).raw  # the loader --fixtures DIR uses
        cookie = name + suffix
        recipients = get(server, f"{MSG}/allrecipients", cookie)
        assert recipients.status_code == 200, recipients.text
        assert recipients.json() == expected["recipients"]
        user = get(server, "/v0/user", cookie)
        assert user.status_code == 200 and user.json() == expected["user"]
        answers[name] = recipients.json()
    assert answers["vista"] != answers["va"]


@pytest.mark.parametrize("cookie", [None, "", "nobody", "vistax", "vist", ".vista", "VISTA", "va-vista"])
def test_any_other_cookie_value_is_signed_out(server: RunningServer, cookie: str | None) -> None:
    for path in ("/v0/user", f"{MSG}/allrecipients", f"{MSG}/folders/-2/threads"):
        assert_va_error(get(server, path, cookie), 401)
    assert get(server, "/v0/feature_toggles", cookie).status_code == 200  # open in vets-api too


def test_a_write_stays_with_its_user(server: RunningServer) -> None:
    team = first_open_team(server, "vista")
    body = {"recipientId": team, "category": "OTHER", "subject": "Refill", "body": "Hello"}
    created = httpx.post(
        f"{server.url}{MSG}/message_drafts", json=body, headers=as_cookie(f"vista.{SECRET}"), trust_env=False
    )
    assert created.status_code == 201, created.text
    draft = int(created.json()["data"]["id"])
    assert draft in draft_ids(server, "vista")  # any cookie value of the same user sees it
    assert draft not in draft_ids(server, "va")
    update = {**body, "recipientId": first_open_team(server, "va")}
    other = httpx.put(
        f"{server.url}{MSG}/message_drafts/{draft}", json=update, headers=as_cookie("va"), trust_env=False
    )
    assert_va_error(other, 404)


def test_with_the_control_plane_each_user_has_a_pinned_session(users: dict[str, Path]) -> None:
    running = pool(users, control=True)
    try:
        get(running, "/v0/user", "vista.x")
        get(running, f"{MSG}/allrecipients", "va")
        journal = httpx.get(f"{running.url}/_mock/sessions/user-vista/journal", trust_env=False).json()
        assert [entry["path"] for entry in journal] == ["/v0/user"]
        assert httpx.delete(f"{running.url}/_mock/sessions/user-va", trust_env=False).status_code == 404
        assert get(running, f"{MSG}/allrecipients", "va").status_code == 200
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"fixtures_users": {"a": SHARED_FIXTURES}}, "needs require_sign_in"),
        (
            {"fixtures_users": {"a": SHARED_FIXTURES}, "fixtures": SHARED_FIXTURES, "require_sign_in": True},
            "cannot be combined with fixtures_dir",
        ),
        ({"fixtures_users": {"a.b": SHARED_FIXTURES}, "require_sign_in": True}, "has a '.'"),
        ({"fixtures_users": {"a": "/no/such/folder"}, "require_sign_in": True}, "does not exist"),
    ],
)
def test_in_process_config_is_checked(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        create_app(build_config(**settings))


def test_the_served_cli_names_its_users_and_never_a_cookie(users: dict[str, Path]) -> None:
    pairs = [arg for name, folder in users.items() for arg in ("--fixtures-user", f"{name}={folder}")]
    with served("--no-control", "--require-sign-in", *pairs) as mock:
        assert mock.wait_for_line("mock vets-api:").split("  ")[1].startswith("users=2 (vista, va) ")
        since = len(mock.lines)
        cookie = {"Cookie": f"vagov_session=va.{SECRET}"}
        assert httpx.get(f"{mock.url}/v0/user", headers=cookie, trust_env=False).status_code == 200
        assert httpx.get(f"{mock.url}/v0/user", trust_env=False).status_code == 401
        mock.wait_for_line("GET /v0/user", since=since)
        assert not any(SECRET in line for line in mock.lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fixtures-user", "vista"], "'vista': expected NAME=DIR"),
        (["--fixtures-user", "vista="], "'vista=': expected NAME=DIR"),
        (["--fixtures-user", "=DIR"], "the NAME is empty"),
        (["--fixtures-user", "vi.sta=DIR"], "NAME 'vi.sta' has a '.'"),
        (["--fixtures-user", "vi sta=DIR"], "may only hold letters, digits"),
        (["--fixtures-user", "a=DIR", "--fixtures-user", "a=DIR"], "the same NAME twice: a"),
        (["--fixtures-user", "a=DIR", "--fixtures", "DIR"], "cannot go with --fixtures or --profile"),
        (["--fixtures-user", "a=DIR", "--profile", "mixed"], "cannot go with --fixtures or --profile"),
        (
            ["--fixtures-user", "a=/no/such/folder"],
            "fixtures user 'a': fixture folder /no/such/folder does not",
        ),
        (["--fixtures-user", "a=EMPTY"], "fixtures user 'a': "),
    ],
)
def test_cli_bad_input_is_a_clear_usage_error(args: list[str], message: str, tmp_path: Path) -> None:
    argv = [a.replace("DIR", str(SHARED_FIXTURES)).replace("EMPTY", str(tmp_path)) for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "mocks", "serve", "--port", "0", "--no-control", "--require-sign-in", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "Uvicorn running" not in result.stderr + result.stdout


def test_cli_pool_needs_sign_in() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mocks", "serve", "--port", "0", "--fixtures-user", f"a={SHARED_FIXTURES}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the pool chooses users by the sign-in cookie, so it needs --require-sign-in" in result.stderr
