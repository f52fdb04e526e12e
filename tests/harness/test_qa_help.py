"""What QA's `pytest --help` offers: the cache options (--lf, --ff, --sw) work, the project's own test
machinery (pytester's --runpytest, --lsof) stays out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_qa_help_has_the_cache_options_and_not_pytester() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "pytest", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for option in ("--lf, --last-failed", "--ff, --failed-first", "--sw, --stepwise", "--seed"):
        assert option in help_text, f"{option} missing from pytest --help"
    for option in ("--runpytest", "--lsof"):
        assert option not in help_text, f"pytester's {option} shows in QA's pytest --help"
