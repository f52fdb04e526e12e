"""RUM in a staging-mode run against a staging-like mock: the harness reads the SDK's batches by
interception and, by default, answers them itself, so nothing reaches the intake behind the browser;
`--rum-forward` lets them through."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS
from harness.evidence import store
from harness.evidence.schema import ScenarioJSON
from tests.served_mock import ServedMock as StagingLikeMock
from tests.staging.test_staging_run import VISTA_PATIENT, run_staging, serve_staging_like

INTAKE = "/rum-intake"


@pytest.fixture(scope="module")
def staging_like() -> Iterator[StagingLikeMock]:
    yield from serve_staging_like(*VISTA_PATIENT, toggles={CURATED_LIST_FLOW: "on", RECENT_RECIPIENTS: "on"})


def _intake_posts(mock: StagingLikeMock, since: int) -> list[str]:
    return [path for method, path in mock.requests(since) if method == "POST" and path.startswith(INTAKE)]


def _records(folder: Path) -> list[ScenarioJSON]:
    return store.load(folder)["scenarios"]


def test_rum_scenarios_pass_by_interception_and_nothing_reaches_the_intake(
    staging_like: StagingLikeMock, tmp_path: Path
) -> None:
    since = len(staging_like.lines)
    result = run_staging(tmp_path, staging_like.url, "features/rum.feature")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "2 passed" in output, output[-3000:]
    assert _intake_posts(staging_like, since) == [], "RUM batches left the browser in a default staging run"
    assert staging_like.writes(since) == []
    records = _records(tmp_path / "evidence")
    modes = {rum["mode"] for r in records if (rum := r.get("rum"))}
    assert "interception" in modes, "no RUM in the evidence"
    collected = [c for r in records for c in r.get("rum_collection", [])]
    assert collected and {c["sessionSampleRate"] for c in collected} == {100}


def test_rum_forward_lets_the_batches_through(staging_like: StagingLikeMock, tmp_path: Path) -> None:
    since = len(staging_like.lines)
    result = run_staging(tmp_path, staging_like.url, "features/rum.feature", "--rum-forward")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert _intake_posts(staging_like, since), "--rum-forward sent nothing on to the intake"
