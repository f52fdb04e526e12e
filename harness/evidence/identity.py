"""The identity of a run: what ran, against what, with which tools and data."""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = (
    "pytest",
    "pytest-bdd",
    "pytest-playwright",
    "playwright",
    "axe-playwright-python",
    "pytest-xdist",
    "Faker",
    "starlette",
    "uvicorn",
    "httpx",
    "Jinja2",
    "pillow",
)
# Files whose content decides the result; their hashes make the evidence reproducible.
CONFIG_FILES = (
    "go-no-go.toml",
    "a11y-waivers.toml",
    "requirements.toml",
    "signoff.toml",
    "manual-checks.toml",
    "quarantine.toml",
)
FIXTURE_DIRS = ("fixtures",)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def git_commit(root: Path) -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "HEAD") or "unknown (no commit yet)"
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    out: dict[str, Any] = {"commit": commit, "dirty": dirty}
    if dirty:  # the history's "same code" then means the same commit and the same uncommitted changes
        out["diff_sha256"] = hashlib.sha256(git("diff", "HEAD").encode()).hexdigest()
    return out


def package_versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def file_hashes(root: Path, dirs: tuple[str, ...] = FIXTURE_DIRS) -> dict[str, str]:
    """sha256 of every fixture file (relative path -> hash), sorted for stable output."""
    out = {}
    for name in dirs:
        base = root / name
        if base.is_dir():
            for path in sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                out[str(path.relative_to(root))] = sha256_file(path)
    return out


def config_hashes(root: Path) -> dict[str, str]:
    return {name: sha256_file(root / name) for name in CONFIG_FILES if (root / name).is_file()}


def run_identity(root: Path, env: str, base_url: str | None, run_seed: int | None) -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git": git_commit(root),
        "env": env,
        "base_url": base_url,
        "browser": None,  # filled by the workers that drove a browser
        "axe_version": None,  # filled from the axe results' testEngine
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "packages": package_versions(),
        "fixtures": file_hashes(root),
        "config_files": config_hashes(root),
        "run_seed": run_seed,
    }
