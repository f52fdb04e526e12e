"""The login helper, headless against the staging-like mock (a test plays the person signing in)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from harness.staging.login import login

ROOT = Path(__file__).resolve().parents[2]
SECRET = "login-test-session-value-93f1"


@pytest.fixture(scope="module")
def staging_like() -> Iterator[str]:
    from mocks.server import build_config, start_server

    server = start_server(build_config(control=False, require_sign_in=True))
    yield server.url
    server.stop()


def test_login_saves_the_signed_in_state_privately_and_never_prints_it(
    staging_like: str, tmp_path: Path, playwright: Playwright
) -> None:
    said: list[str] = []
    out = tmp_path / "auth.json"

    def sign_in(context: BrowserContext, page: Page) -> None:
        context.add_cookies([{"name": "vagov_session", "value": SECRET, "url": staging_like}])

    login(
        staging_like,
        out,
        headless=True,
        timeout_s=30,
        sign_in=sign_in,
        say=said.append,
        playwright=playwright,
    )
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    state = json.loads(out.read_text())
    saved = {cookie["name"]: cookie["value"] for cookie in state["cookies"]}
    assert saved["vagov_session"] == SECRET
    assert said and all(SECRET not in line for line in said)
    assert any(f"{len(saved)} cookies; values not shown" in line for line in said)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", "login", "--headless", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_cli_without_a_sign_in_times_out_and_saves_nothing(staging_like: str, tmp_path: Path) -> None:
    out = tmp_path / "auth.json"
    result = run_cli("--base-url", staging_like, "--out", str(out), "--timeout", "1")
    assert result.returncode == 1
    assert "not signed in after 1 s (GET /v0/user answers 401); nothing saved" in result.stderr
    assert not out.exists()


def test_cli_on_an_unreachable_site_says_so(tmp_path: Path) -> None:
    result = run_cli("--base-url", "http://127.0.0.1:9", "--out", str(tmp_path / "a.json"), "--timeout", "1")
    assert result.returncode == 1
    assert "is not reachable" in result.stderr


def test_cli_needs_a_base_url() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "harness", "login"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--base-url" in result.stderr
