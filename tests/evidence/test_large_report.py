"""A report over 600 scenarios stays light: timelines collapsed, screenshots as lazy files, not inline."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from harness.evidence import store
from harness.evidence.build import build
from harness.evidence.record import ErrorInfo, FeatureRef, ScenarioContext, ScenarioRecord, StepRecord
from harness.evidence.schema import ScenarioJSON

ROOT = Path(__file__).resolve().parents[2]


def scenario(index: int) -> ScenarioJSON:
    failed = index == 7
    name = f"Scenario {index:04d}"
    steps = [
        StepRecord("Given", f"step {n}", n, "passed", 0.01, f"shots/main/s{index}/{n:02d}-passed.jpg")
        for n in range(1, 6)
    ]
    if failed:
        steps[-1].status, steps[-1].error = "failed", "AssertionError: boom"
    return ScenarioRecord(
        f"features/big.feature::{name}",
        name,
        kind="scenario",
        feature=FeatureRef("Big", "features/big.feature", index),
        tags=["smoke"],
        requirements=["A11Y-1"],
        status="failed" if failed else "passed",
        duration_s=0.5,
        steps=steps,
        error=ErrorInfo("call", "AssertionError: boom") if failed else None,
        failing_step="Given step 5" if failed else None,
        seed=index,
        run_seed=1,
        rerun=f'.venv/bin/pytest "features/big.feature::{name}" --seed 1',
        context=ScenarioContext("mixed", {}, index),
    ).as_json()


def test_600_scenarios_render_collapsed_with_lazy_files(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("go-no-go.toml", "requirements.toml", "manual-checks.toml", "signoff.toml"):
        shutil.copy(ROOT / name, root / name)
    directory = tmp_path / "evidence"
    store.reset(directory)
    store.write_run(directory, {"date": "2026-11-27", "run_seed": 1}, {})
    store.write_worker(directory, "main", {}, [scenario(i) for i in range(600)])
    failing_shot = directory / "shots/main/s7/05-passed.jpg"
    failing_shot.parent.mkdir(parents=True)
    failing_shot.write_bytes(b"\xff\xd8fake-jpeg")

    summary = build(directory, root=root, today=dt.date(2026, 11, 27))

    assert summary["counts"]["scenario"]["total"] == 600
    assert summary["verdict"] == "NO-GO"
    html = (directory / "index.html").read_text()
    assert html.count("<details>") >= 600
    assert "<details open" not in html
    assert html.count('loading="lazy"') == 3000
    assert html.count("data:image/jpeg;base64,") == 1  # only the failing step's screenshot is inlined
    assert len(html) < 6_000_000


def test_manifest_hashes_every_file_of_the_bundle(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("go-no-go.toml", "requirements.toml"):
        shutil.copy(ROOT / name, root / name)
    directory = tmp_path / "evidence"
    store.reset(directory)
    store.write_run(directory, {"date": "2026-11-27", "run_seed": 1}, {})
    store.write_worker(directory, "main", {}, [scenario(1)])
    (directory / "junit.xml").write_text("<testsuites/>")  # pytest's --junitxml writes it during the run
    build(directory, root=root, today=dt.date(2026, 11, 27))
    manifest = json.loads((directory / "manifest.json").read_text())
    assert set(manifest["report"]) >= {
        "index.html",
        "summary.json",
        "junit.xml",
        "cucumber.json",
        "summary.md",
        "run.json",
        "raw/main.json",
    }
    assert (
        manifest["report"]["index.html"]
        == hashlib.sha256((directory / "index.html").read_bytes()).hexdigest()
    )
    assert set(manifest["config"]) == {"go-no-go.toml", "requirements.toml"}
