"""Scenarios run on a Playwright browser server through pytest-playwright's connect mechanism."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.run import browser

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "features/contact_list.feature"
SERVER_ARGS = ["--port", "0", "--host", "127.0.0.1", "--unsafe"]


def test_a_server_gets_the_servers_chromium_path_unchecked(tmp_path: Path) -> None:
    server_side = "/opt/server-only/chromium"  # does not exist here, and need not
    args = browser.launch_args({}, server_side, None, "ws://server:3000/")
    assert args["executablePath"] == server_side
    assert set(browser.CHROMIUM_ARGS) <= set(args["args"])


def test_a_server_without_a_path_uses_its_own_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(browser.CHROMIUM_PATH_ENV, raising=False)
    args = browser.launch_args({}, None, None, "ws://server:3000/")
    assert "executable_path" not in args and "executablePath" not in args


def test_a_local_launch_still_checks_the_path(tmp_path: Path) -> None:
    with pytest.raises(pytest.UsageError, match="no such file"):
        browser.launch_args({}, str(tmp_path / "nope"), None, None)


@pytest.fixture
def run_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`playwright run-server` on a free port; --unsafe so it accepts our Chromium path and flags."""
    log = tmp_path / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "playwright", "run-server", *SERVER_ARGS],
            stdout=subprocess.PIPE,
            stderr=sink,
            text=True,
            env={**os.environ, "DEBUG": "pw:server"},
            start_new_session=True,  # one process group: the Python wrapper and its node driver stop together
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()  # blocks until the server listens (or exits)
            match = re.search(r"ws://\S+", line)
            assert match, f"run-server did not start: {line!r} {log.read_text()}"
            yield match[0], log
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


@pytest.mark.timeout(600)
def test_a_scenario_runs_on_a_run_server(run_server: tuple[str, Path], tmp_path: Path) -> None:
    endpoint, log = run_server
    chromium = browser.chromium_executable(None, None)
    assert chromium is not None
    command = [sys.executable, "-m", "pytest", SCENARIO, "-p", "no:xdist", "-p", "no:randomly"]
    command += [f"--browser-server={endpoint}", f"--browser-path={chromium}"]
    command += [f"--output={tmp_path / 'test-results'}"]  # pytest-playwright empties its output dir
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert f"harness: browser on the browser server {endpoint}" in result.stdout
    assert re.search(r"\b[1-9]\d* passed", result.stdout) and "failed" not in result.stdout
    served = log.read_text()
    assert 'engaged launch mode for "chromium"' in served, served  # the server launched the browser
