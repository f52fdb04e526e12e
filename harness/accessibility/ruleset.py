"""The axe-core configuration: VA's ruleset plus WCAG 2.2 AA and color contrast, on one pinned axe."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

# VA's platform axeCheck tags (existing-cypress-suite.md §3), never fewer; plus WCAG 2.2 AA.
VA_TAGS = ["section508", "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
TAGS = [*VA_TAGS, "wcag22aa"]
# VA disables color-contrast by default; the release gate checks it.
RULES = {"color-contrast": {"enabled": True}}
# The flow's own content; VA's specs scope every check to it. Outside it, the whole document.
SM_CONTAINER = ".secure-messaging-container"

# axe-core from npm (pinned in mocks/web/package.json, installed by `make setup`), not the copy bundled
# with axe-playwright-python (4.12): 4.13 added ElementInternals support, which the VA web components use
# for their form controls' roles and states.
NODE_MODULES = Path(__file__).resolve().parents[2] / "mocks/web/node_modules"
AXE_SCRIPT_PATH = NODE_MODULES / "axe-core/axe.min.js"


def pinned_script(path: Path, package: str) -> Path:
    """A script of an npm package pinned in mocks/web (installed by `make setup`), or a clear error saying
    how to install it."""
    if not path.is_file():
        raise FileNotFoundError(
            f"{package} is not installed ({path} is missing): run `make setup` (npm ci in mocks/web)"
        )
    return path


def axe_script() -> Path:
    return pinned_script(AXE_SCRIPT_PATH, "axe-core")


def axe_options() -> dict[str, Any]:
    return {
        "runOnly": {"type": "tag", "values": TAGS},
        "rules": RULES,
        "resultTypes": ["violations", "incomplete"],
    }


@cache
def axe_version(script_path: Path = AXE_SCRIPT_PATH) -> str:
    """The axe-core version from the bundled script's banner (`/*! axe v4.12.1`)."""
    with script_path.open(encoding="utf-8") as script:
        banner = script.read(200)
    match = re.search(r"axe v(\d+\.\d+\.\d+)", banner)
    return match.group(1) if match else "unknown"


_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")


def wcag_criteria(tags: list[str]) -> list[str]:
    """Success criteria from axe tags: `wcag143` -> `1.4.3`, `wcag1410` -> `1.4.10`."""
    criteria = []
    for tag in tags:
        match = _CRITERION.match(tag)
        if match:
            criteria.append(".".join(match.groups()))
    return criteria
