"""A whole staging-mode run against the mock in staging-like mode, as QA would run it against staging.

The mock runs as its own process (`python -m mocks serve --no-control --require-sign-in --toggle ...`),
so nothing of the harness reaches into it; its access log (one line per request) is the witness that
the run wrote nothing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS
from tests.served_mock import ROOT, free_port, served, storage_state
from tests.served_mock import ServedMock as StagingLikeMock

SECRET = "staging-run-secret-cookie-5d1e"


def serve_staging_like(*data: str, toggles: dict[str, str] | None = None) -> Iterator[StagingLikeMock]:
    """`python -m mocks serve <data> --no-control --require-sign-in` as its own process."""
    args = [*data, "--no-control", "--require-sign-in"]
    for name, value in (toggles or {}).items():
        args += ["--toggle", f"{name}={value}"]
    with served(*args) as mock:
        yield mock


VISTA_PATIENT = ("--profile", "vista_only", "--recent-teams", "2")


@pytest.fixture(scope="module")
def mock_curated_on() -> Iterator[StagingLikeMock]:
    on = {CURATED_LIST_FLOW: "on", RECENT_RECIPIENTS: "on"}
    yield from serve_staging_like(*VISTA_PATIENT, toggles=on)


@pytest.fixture(scope="module")
def mock_curated_off() -> Iterator[StagingLikeMock]:
    off = {CURATED_LIST_FLOW: "off", RECENT_RECIPIENTS: "off"}
    yield from serve_staging_like(*VISTA_PATIENT, toggles=off)


def auth_file(tmp_path: Path, signed_in: bool = True) -> Path:
    return storage_state(tmp_path / "auth.json", SECRET if signed_in else None)


def run_staging(
    tmp_path: Path, base_url: str, *targets: str, signed_in: bool = True, workers: int = 0
) -> subprocess.CompletedProcess[str]:
    parallel = ["-n", str(workers)] if workers else ["-p", "no:xdist"]
    args = [
        sys.executable,
        "-m",
        "pytest",
        *parallel,
        "-q",
        "-rA",
        "--report-log",
        str(tmp_path / "report.jsonl"),
        "--env",
        "staging",
        "--base-url",
        base_url,
        "--storage-state",
        str(auth_file(tmp_path, signed_in)),
        "--evidence",
        "--evidence-dir",
        str(tmp_path / "evidence"),
        "--evidence-screenshots=off",
        "--output",
        str(tmp_path / "test-results"),
        "-m",
        "staging_safe",
        *targets,
    ]
    # Generous: a loaded CI machine must not turn a slow run into a false failure.
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=2400)


def files_containing(folder: Path, needle: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_with_the_curated_list_flow_off_the_run_expects_the_legacy_flow(
    mock_curated_off: StagingLikeMock, tmp_path: Path
) -> None:
    since = len(mock_curated_off.lines)
    result = run_staging(tmp_path, mock_curated_off.url, "features/rollout.feature")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "1 passed" in output, output[-3000:]
    assert mock_curated_off.writes(since) == []


def test_an_expired_session_stops_the_run_with_a_clear_message(
    mock_curated_on: StagingLikeMock, tmp_path: Path
) -> None:
    result = run_staging(tmp_path, mock_curated_on.url, "features/rollout.feature", signed_in=False)
    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, output[-3000:]
    assert "staging run stopped" in output
    assert "/v0/user answered 401" in output
    assert "python -m harness login" in output


def test_an_unreachable_base_url_stops_the_run_with_a_clear_message(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = run_staging(tmp_path, url, "features/rollout.feature")
    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, output[-3000:]
    assert "not reachable" in output
    assert "Traceback" not in output
