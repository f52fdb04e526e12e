"""In staging mode a failing test's report, captured output and log lines never show a saved secret,
and tracing and video are off whatever the command line says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "redaction-check-cookie-77aa01"

# A project of its own: the staging plugin plus the harness options it reads (normally the core's).
CONFTEST = """
pytest_plugins = ["harness.staging.plugin"]

def pytest_addoption(parser):
    parser.addoption("--env", dest="harness_env", default="mock")
    parser.addoption("--storage-state", dest="storage_state", default=None)
"""

TESTS = f"""
import logging

def test_leaks_the_cookie_everywhere():
    logging.getLogger("app").warning("request carried vagov_session=%s", "{SECRET}")
    print("printed: {SECRET}")
    assert "{SECRET}" == "something else"

def test_tracing_and_video_are_off(pytestconfig):
    assert pytestconfig.option.tracing == "off"
    assert pytestconfig.option.video == "off"
"""


@pytest.fixture(scope="module")
def staging_like() -> Iterator[str]:
    from mocks.server import build_config, start_server

    server = start_server(build_config(control=False, require_sign_in=True))
    yield server.url
    server.stop()


def test_a_failing_staging_test_shows_no_secret(staging_like: str, tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_leaky.py").write_text(TESTS)
    state = {"cookies": [{"name": "vagov_session", "value": SECRET, "domain": "127.0.0.1", "path": "/"}]}
    (tmp_path / "auth.json").write_text(json.dumps(state))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-rA",
            "-o",
            "addopts=",
            "--log-level",
            "INFO",
            "--tracing",
            "retain-on-failure",
            "--video",
            "on",
            "--env",
            "staging",
            "--base-url",
            staging_like,
            "--storage-state",
            "auth.json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    output = result.stdout + result.stderr
    assert "1 failed, 1 passed" in output, output[-4000:]
    assert "test_leaks_the_cookie_everywhere" in output
    assert SECRET not in output, output[-4000:]
    assert "[redacted]" in output
    assert "request carried vagov_session" in output  # the log line is kept, only its secret goes
