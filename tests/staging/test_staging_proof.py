"""Proof on data the harness never saw built: the staging-safe scenarios against staging-like mocks.

Each data pack is served as a fixture folder by `python -m mocks serve --fixtures DIR --no-control
--require-sign-in`, in its own process: VA's own fixture folder (../shared/vets-website-fixtures) and
folders exported from profiles and seeds by `python -m mocks export-fixtures`. The harness runs with
`--env staging`, so it knows nothing but what the app receives. Every scenario must pass, or skip with a
reason that names the shape the signed-in patient lacks; the mock's access log must show no write.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.staging.test_staging_run import (
    ROOT,
    SECRET,
    StagingLikeMock,
    files_containing,
    run_staging,
    serve_staging_like,
)

VA_FIXTURES = ROOT.parent / "shared" / "vets-website-fixtures"
EXPORTED = {  # pack name -> (profile, seed): shapes VA's folder does not have
    "vista_only-seed-4242": ("vista_only", 4242),
    "oracle_health_only-seed-7": ("oracle_health_only", 7),
}
PACKS = ["vets-website-fixtures", *EXPORTED]


@pytest.fixture
def data_pack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StagingLikeMock]:
    name = request.param
    if name == "vets-website-fixtures":
        folder = VA_FIXTURES
    else:
        profile, seed = EXPORTED[name]
        folder = tmp_path_factory.mktemp(name)
        subprocess.run(
            [sys.executable, "-m", "mocks", "export-fixtures", "--profile", profile, "--seed", str(seed),
             str(folder)],
            cwd=ROOT, check=True, capture_output=True, text=True,
        )
    yield from serve_staging_like("--fixtures", str(folder))


def outcomes(report_log: Path) -> dict[str, tuple[str, str]]:
    """nodeid -> (outcome, skip reason) of every scenario's call phase (or the phase that failed)."""
    found: dict[str, tuple[str, str]] = {}
    for line in report_log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("$report_type") != "TestReport":
            continue
        outcome, longrepr = entry["outcome"], entry.get("longrepr")
        reason = longrepr[2] if isinstance(longrepr, list) and len(longrepr) == 3 else ""
        if entry["when"] == "call" or outcome != "passed":
            found.setdefault(entry["nodeid"], (outcome, reason))
    return found


@pytest.mark.parametrize("data_pack", PACKS, indirect=True)
def test_staging_safe_scenarios_pass_or_skip_by_name_with_zero_writes(
    data_pack: StagingLikeMock, tmp_path: Path
) -> None:
    since = len(data_pack.lines)
    result = run_staging(tmp_path, data_pack.url, "features/", workers=2)
    output = result.stdout + result.stderr
    results = outcomes(tmp_path / "report.jsonl")
    failed = {n: o for n, (o, _) in results.items() if o not in ("passed", "skipped")}
    assert not failed, f"{failed}\n{output[-6000:]}"
    unnamed = {n: r for n, (o, r) in results.items() if o == "skipped" and "needs " not in r}
    assert not unnamed, f"skips must name the missing shape: {unnamed}"
    passed = [n for n, (o, _) in results.items() if o == "passed"]
    assert len(passed) >= 10, f"only {len(passed)} staging-safe scenarios ran on this data: {output[-3000:]}"
    assert result.returncode == 0, output[-6000:]
    assert data_pack.writes(since) == [], "the read-only staging run wrote to the site"
    assert SECRET not in output
    for folder in (tmp_path / "evidence", tmp_path / "test-results"):
        assert not folder.exists() or files_containing(folder, SECRET) == []
