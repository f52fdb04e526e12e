"""Helpers for the evidence recorder's tests: run the synthetic suite in a subprocess and read its output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run pytest on the synthetic suite with only the recorder loaded; returns (result, summary)."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))

    def run(*args: str) -> tuple[pytest.RunResult, dict[str, Any]]:
        result = pytester.runpytest_subprocess(
            "-p", "harness.evidence.plugin", "-p", "no:cacheprovider", *args
        )
        summary_path = pytester.path / "reports" / "evidence" / "summary.json"
        summary = json.loads(summary_path.read_text()) if summary_path.is_file() else {}
        return result, summary

    return run
