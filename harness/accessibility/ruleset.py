"""The axe-core configuration: VA's ruleset plus WCAG 2.2 AA and color contrast, on one pinned axe."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import axe_playwright_python

# VA's platform axeCheck tags (existing-cypress-suite.md §3), never fewer; plus WCAG 2.2 AA.
VA_TAGS = ["section508", "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
TAGS = [*VA_TAGS, "wcag22aa"]
# VA disables color-contrast by default; the release gate checks it.
RULES = {"color-contrast": {"enabled": True}}
# The flow's own content; VA's specs scope every check to it. Outside it, the whole document.
SM_CONTAINER = ".secure-messaging-container"

AXE_SCRIPT_PATH = Path(axe_playwright_python.__file__).parent / "axe.min.js"


def axe_options() -> dict:
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
