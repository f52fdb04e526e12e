"""Writes in staging: only with --allow-send and --test-care-team, only to that care team, drafts the run
saved and left deleted afterwards, and every write listed in the report.

Against a staging-like mock serving an exported fixture folder, so the harness knows the patient only by
what the app receives; the mock's access log is the witness of what was written.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.served_mock import ROOT
from tests.served_mock import ServedMock as StagingLikeMock
from tests.staging.test_staging_run import auth_file, serve_staging_like

_DRAFT_ID = re.compile(r"/my_health/v1/messaging/messages/(\d+)$")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vista-pack")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mocks",
            "export-fixtures",
            "--profile",
            "vista_only",
            "--seed",
            "31",
            str(folder),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return folder


@pytest.fixture(scope="module")
def pack_mock(exported: Path) -> Iterator[StagingLikeMock]:
    yield from serve_staging_like("--fixtures", str(exported))


def _test_team(folder: Path) -> dict[str, Any]:
    teams = json.loads((folder / "recipients-response.json").read_text())["data"]
    return next(
        t["attributes"]
        for t in teams
        if t["attributes"]["preferredTeam"] and not t["attributes"]["blockedStatus"]
    )


def _staging_run(mock: StagingLikeMock, tmp_path: Path, *extra: str) -> list[str]:
    """The staging-writes feature as QA runs it against a signed-in site, one process."""
    return [
        sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", "features/staging_writes.feature",
        "--env", "staging", "--base-url", mock.url, "--storage-state", str(auth_file(tmp_path)), *extra,
    ]  # fmt: skip


@pytest.mark.starts_first
def test_writes_go_only_to_the_test_care_team_and_saved_drafts_are_cleaned_up(
    exported: Path, pack_mock: StagingLikeMock, tmp_path: Path
) -> None:
    team = _test_team(exported)
    since = len(pack_mock.lines)
    args = _staging_run(
        pack_mock, tmp_path, "--allow-send", "--test-care-team", team["name"],
        "--evidence", "--evidence-dir", str(tmp_path / "evidence"), "--evidence-screenshots=off",
        "--output", str(tmp_path / "out"),
    )  # fmt: skip
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=2400)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "3 passed" in output, output[-3000:]
    writes = pack_mock.writes(since)
    created = [w for w in writes if w == ("POST", "/my_health/v1/messaging/message_drafts")]
    deleted = [m.group(1) for method, path in writes if method == "DELETE" and (m := _DRAFT_ID.search(path))]
    # Two drafts saved by hand (a slow machine may add an autosave before the send, which the send uses).
    assert len(created) >= 2, writes
    assert len(deleted) >= 2, f"one deleted by the patient, one by the clean-up: {writes}"
    assert ("POST", "/my_health/v1/messaging/messages") in writes
    summary = json.loads((tmp_path / "evidence" / "summary.json").read_text())
    listed = [(w["method"], w["path"]) for w in summary["writes"]]
    assert sorted(listed) == sorted(w for w in writes if w[0] != "GET"), summary["writes"]
    assert any("clean-up" in w["reason"] for w in summary["writes"])


def test_without_allow_send_the_write_scenarios_do_not_run(
    pack_mock: StagingLikeMock, tmp_path: Path
) -> None:
    args = _staging_run(pack_mock, tmp_path)
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert "3 deselected" in output, output[-3000:]
