"""A report over 600 scenarios stays light: timelines collapsed, screenshots as lazy files, not inline."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from harness.evidence import store
from harness.evidence.build import build

ROOT = Path(__file__).resolve().parents[2]


def scenario(index: int) -> dict:
    status = "failed" if index == 7 else "passed"
    steps = [
        {
            "keyword": "Given",
            "text": f"step {n}",
            "line": n,
            "status": "passed",
            "duration_s": 0.01,
            "screenshot": f"shots/main/s{index}/{n:02d}-passed.jpg",
            "error": None,
        }
        for n in range(1, 6)
    ]
    if status == "failed":
        steps[-1].update(status="failed", error="AssertionError: boom")
    return {
        "nodeid": f"features/big.feature::Scenario {index:04d}",
        "name": f"Scenario {index:04d}",
        "kind": "scenario",
        "feature": {"name": "Big", "file": "features/big.feature", "line": index},
        "tags": ["smoke"],
        "requirements": ["A11Y-1"],
        "status": status,
        "duration_s": 0.5,
        "steps": steps,
        "error": {"phase": "call", "message": "AssertionError: boom"} if status == "failed" else None,
        "failing_step": "Given step 5" if status == "failed" else None,
        "trace": None,
        "seed": index,
        "run_seed": 1,
        "rerun": f'.venv/bin/pytest "features/big.feature::Scenario {index:04d}" --seed 1',
        "context": {"profile": "mixed", "toggles": {}, "seed": index},
        "a11y": [],
        "links": [],
        "rum_actions": [],
        "api": None,
        "rollout": [],
        "notes": [],
        "worker": "main",
    }


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
