"""A recorded staging run built from typed records (no browser): a pool of two test users, scenarios run
as each, scenarios no user could run, and scenarios the staging selection left out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from contract import CURATED_LIST_FLOW
from harness.evidence import store
from harness.evidence.build import build
from harness.evidence.record import FeatureRef, ScenarioContext, ScenarioRecord
from harness.evidence.schema import ScenarioJSON
from harness.evidence.staging import StagingSummary
from harness.evidence.summary import Summary

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 7)
PROJECT_FILES = ("go-no-go.toml", "requirements.toml", "manual-checks.toml", "signoff.toml")
POOL = [
    {"name": "vista-recent", "shape": "VistA care teams: 3 allowed and 0 blocked of 3, at 2 care system(s); "
     "2 recently messaged"},
    {"name": "oh-only", "shape": "Oracle Health care teams: 2 allowed and 0 blocked of 2, at 1 care "
     "system(s); 0 recently messaged"},
]  # fmt: skip
VISTA, RECENT, ORACLE, MIGRATING = (
    "a VistA care team",
    "recent care teams",
    "an Oracle Health care team",
    "a care system moving to Oracle Health",
)
NOT_STAGING_SAFE = [f"features/mock.feature::Mock only {n}" for n in range(4)]  # deselected on staging


def record(
    name: str,
    status: str = "passed",
    *,
    user: str | None = None,
    premises: tuple[str, ...] = (),
    unmet: tuple[str, ...] = (),
    shapes: tuple[str, ...] = (),
    profile: str | None = None,
) -> ScenarioJSON:
    context = ScenarioContext(
        profile=profile,
        toggles={CURATED_LIST_FLOW: "on"},
        premises=list(premises),
        staging_user=user,
        unmet=list(unmet),
        shapes=list(shapes),
    )
    reason = f"needs {' and '.join(unmet)}: no staging test user has it" if unmet else None
    return ScenarioRecord(
        f"features/staging.feature::{name}",
        name,
        kind="scenario",
        feature=FeatureRef("Staging", "features/staging.feature", 1),
        tags=["staging_safe"],
        status=status,
        reason=reason,
        seed=1,
        run_seed=1,
        rerun=f'.venv/bin/pytest "features/staging.feature::{name}" --seed 1',
        context=context,
    ).as_json()


def staging_records() -> list[ScenarioJSON]:
    """3 passed (2 as vista-recent, 1 as oh-only), 1 failed as vista-recent, 6 no user could run."""
    return [
        record("Recent list", user="vista-recent", premises=(VISTA, RECENT), shapes=("vista_only",)),
        record("Select a team", user="vista-recent", premises=(VISTA,), shapes=("vista_only",)),
        record("Help link", "failed", user="vista-recent", premises=(VISTA,), shapes=("vista_only",)),
        record("Oracle notice", user="oh-only", premises=(ORACLE,), shapes=("oracle_health_only",)),
        *[
            record(f"Mixed chooser {n}", "skipped", premises=(VISTA, ORACLE), unmet=(VISTA, ORACLE))
            for n in range(3)
        ],
        *[
            record(f"Oracle recent {n}", "skipped", premises=(ORACLE, RECENT), unmet=(RECENT,))
            for n in range(2)
        ],
        record("Migration banner", "skipped", premises=(MIGRATING,), unmet=(MIGRATING,)),
    ]


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir(exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, root / name)
    return root


def build_run(
    tmp_path: Path,
    records: list[ScenarioJSON],
    *,
    env: str = "staging",
    collected: list[str] | None = None,
    pool: list[dict[str, str]] | None = None,
    stage: str | None = None,
) -> tuple[Path, Summary]:
    """Write the run as the recorder would (run.json, one worker's file) and build its report."""
    directory = tmp_path / f"evidence-{env}"
    store.reset(directory)
    identity: dict[str, Any] = {"date": TODAY.isoformat(), "run_seed": 1, "env": env}
    if pool is not None:
        identity["staging_pool"] = pool
    store.write_run(directory, identity, {})
    ids = [r["nodeid"] for r in records] + NOT_STAGING_SAFE if collected is None else collected
    store.write_worker(directory, "main", {"scenarios_collected": ids}, records)
    return directory, build(directory, root=project(tmp_path), stage=stage, today=TODAY)


def staging_of(summary: Summary) -> StagingSummary:
    """The summary's staging section, which only a mock run's summary lacks."""
    staging = summary["staging"]
    assert staging is not None, "a staging run's summary has a staging section"
    return staging
