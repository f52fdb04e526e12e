"""Harness self-tests: pytester (registered by tests/conftest.py) runs throwaway projects with the plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def base_url() -> None:
    # These tests drive local pages (set_content); they need no mock server behind the browser context.
    return None


@pytest.fixture
def harness_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A throwaway project: the harness plugin, our requirements file, strict markers, a features dir."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.delenv("HARNESS_DEFECTS", raising=False)
    shutil.copy(ROOT / "requirements.toml", pytester.path / "requirements.toml")
    pytester.makeini("[pytest]\naddopts = --strict-markers -p no:cacheprovider\n")
    pytester.mkdir("features")
    return pytester
