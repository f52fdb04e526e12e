"""End to end on the real suite: a seeded defect in the stand-in turns the verdict NO-GO and the report
shows the failing scenario, its failing step and a rerun command that switches the same defect on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = "features/start_message.feature"
SELECT = "vista_only and General"


def test_seeded_defect_turns_the_verdict_no_go(tmp_path: Path) -> None:
    out = tmp_path / "evidence"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            SCENARIO,
            "-k",
            SELECT,
            "-p",
            "no:cacheprovider",
            "-q",
            "--gate",
            f"--evidence-dir={out}",
            "--defect",
            "wrong_success_text",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    summary = json.loads((out / "summary.json").read_text())
    assert done.returncode == 1, done.stdout[-3000:]
    assert summary["verdict"] == "NO-GO"
    assert summary["rule"].startswith("failures:"), summary["rule"]
    [failure] = summary["failures"]
    assert failure["nodeid"].endswith("[with VistA care teams only-VistA-General]")
    assert failure["failing_step"] == "Then they see that the message was sent"
    assert failure["rerun"].endswith("--defect wrong_success_text")
    assert failure["screenshot"] and (out / failure["screenshot"]).is_file()
    html = (out / "index.html").read_text()
    assert "Then they see that the message was sent" in html
    assert "VERDICT: NO-GO" in done.stdout
