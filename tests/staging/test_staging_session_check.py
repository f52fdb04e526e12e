"""The pre-run checks against a staging-like mock: signed in, expired, unreachable, redirected."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from contract import CURATED_LIST_FLOW
from harness.staging.session_check import StagingUnavailable, check_signed_in, live_toggles


@pytest.fixture(scope="module")
def staging_like() -> Iterator[str]:
    from mocks.api.flipper import Gates
    from mocks.server import build_config, start_server

    server = start_server(
        build_config(
            control=False,
            require_sign_in=True,
            toggles={CURATED_LIST_FLOW: Gates(boolean=False)},
        )
    )
    yield server.url
    server.stop()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return f"http://127.0.0.1:{port}"


def test_a_signed_in_session_passes(staging_like: str) -> None:
    check_signed_in(staging_like, {"vagov_session": "signed-in-value"})


def test_no_cookie_says_sign_in(staging_like: str) -> None:
    with pytest.raises(StagingUnavailable, match=r"no --storage-state.*401.*python -m harness login"):
        check_signed_in(staging_like, {})


def test_a_rejected_session_is_called_expired() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"errors": [{"title": "Not authorized"}]})

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(StagingUnavailable, match="the saved session has expired"),
    ):
        check_signed_in("https://staging.test", {"vagov_session": "old"}, client=client)


def test_a_redirect_to_sign_in_is_called_not_signed_in() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v0/user":
            return httpx.Response(302, headers={"location": "https://staging.test/sign-in/?next=%2F"})
        return httpx.Response(200, text="<h1>Sign in</h1>")

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(StagingUnavailable, match="redirects to sign-in"),
    ):
        check_signed_in("https://staging.test", {"vagov_session": "old"}, client=client)


def test_an_unreachable_site_says_so() -> None:
    with pytest.raises(StagingUnavailable, match="is not reachable"):
        check_signed_in(closed_port_url(), {"vagov_session": "x"}, timeout=5)


def test_live_toggles_are_the_sites_answer(staging_like: str) -> None:
    toggles = live_toggles(staging_like, {"vagov_session": "signed-in-value"})
    assert toggles[CURATED_LIST_FLOW] is False


def test_live_toggles_from_nowhere_stop_the_run() -> None:
    with pytest.raises(StagingUnavailable, match="cannot read"):
        live_toggles(closed_port_url(), {})
