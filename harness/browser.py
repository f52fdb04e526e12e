"""Which Chromium to launch: Debian's by default, configurable, never a silent surprise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_PATH_ENV = "CHROMIUM_PATH"
# Quiet, reproducible launches; --no-sandbox because CI and this machine run as root.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--no-sandbox",
]


def chromium_executable(option_path: str | None, playwright_chromium: str | None) -> Path | None:
    """--browser-path, then $CHROMIUM_PATH, then Debian's chromium, then Playwright's own download.

    An explicitly configured path that does not exist is an error, not a reason to fall back.
    """
    explicit = option_path or os.environ.get(CHROMIUM_PATH_ENV)
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            source = "--browser-path" if option_path else f"${CHROMIUM_PATH_ENV}"
            raise pytest.UsageError(f"{source} {explicit}: no such file.")
        return path
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    if playwright_chromium and Path(playwright_chromium).is_file():
        return None  # Playwright finds its own browser
    raise pytest.UsageError(
        "No Chromium found. Install Debian's (`apt-get install chromium`, or `make setup`), "
        f"or point --browser-path / ${CHROMIUM_PATH_ENV} at a Chromium binary."
    )


def describe_choice(option_path: str | None) -> str:
    """For the run header: which Chromium this run will launch (without starting Playwright)."""
    try:
        path = chromium_executable(option_path, None)
    except pytest.UsageError as error:
        if option_path or os.environ.get(CHROMIUM_PATH_ENV):
            return str(error)
        return (
            "Playwright's own Chromium, if installed (no --browser-path, $CHROMIUM_PATH or Debian chromium)"
        )
    return str(path)
