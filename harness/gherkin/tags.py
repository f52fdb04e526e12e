"""The tag schema: every Gherkin tag a feature may carry, registered as a pytest marker.

pytest-bdd turns tags into markers, so under pytest's strict mode (`strict = true` in pyproject.toml)
each must be registered. The allowed tags live here, in one place; `@req:<id>` is a family (ids from
requirements.toml) and becomes the marker `req("<id>")` because `req:X` is not a valid marker name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS
from fixtures.profiles import PROFILES

# Toggle tags -> (toggle, state): the steps set (or, in staging, expect) it; the evidence report files the
# scenario under it.
TOGGLE_TAGS: dict[str, tuple[str, str]] = {
    "curated_on": (CURATED_LIST_FLOW, "on"),
    "curated_off": (CURATED_LIST_FLOW, "off"),
    "recent_on": (RECENT_RECIPIENTS, "on"),
    "recent_off": (RECENT_RECIPIENTS, "off"),
}
_TOGGLE_WORDS = {CURATED_LIST_FLOW: "curated list flow toggle", RECENT_RECIPIENTS: "recent recipients toggle"}
# EHR shapes: an outline row's profile also marks the row with its shape (profile_marks below)
SHAPE_TAGS = {
    "vista": "VistA care systems only",
    "oracle_health": "Oracle Health care systems only",
    "mixed": "VistA and Oracle Health care systems",
}

# tag -> what it means (shown by `pytest --markers`)
TAGS: dict[str, str] = {
    **{tag: f"{_TOGGLE_WORDS[toggle]} {state}" for tag, (toggle, state) in TOGGLE_TAGS.items()},
    **SHAPE_TAGS,
    **{name: f"patient profile {name}: {profile.summary}" for name, profile in PROFILES.items()},
    # states and areas
    "blocked": "blocked care teams and patients who cannot message",
    "oracle_health_migration": "Oracle Health migration alerts",
    "ipe": "the in-product education hint for Oracle Health patients",
    "attachments": "attachments on start message",
    "folders": "folder pages and entering the flow from them",
    # capabilities and kinds of check
    "a11y": "runs axe-core accessibility scans",
    "smoke": "fast happy-path check",
    "rum": "asserts RUM actions of tracked links",
    "links": "asserts tracked link destinations",
    "errors": "error paths with injected faults",
    "api": "asserts API calls through the mock journal",
    "drafts": "draft autosave, update and delete",
    "send": "sends a message",
    "keyboard": "keyboard-only journey",
    "reflow": "small screens (320 px reflow)",
    "colour": "errors and alerts without colour (WCAG 1.4.1)",  # Issue 22, colour and second engine
    "rollout": "rollout stages and rollback of the curated list toggle",
    "legacy": "legacy flow (curated list toggle off)",
    "interstitial": "the interstitial page",
    "recent": "the recent care teams page",
    "select_care_team": "the select care team page",
    "care_team_help": "the care team help page",
    "start_message": "the start message page",
    "contact_list": "the contact list page",
    "metrics": "dashboard metrics from the mock",
    # where a scenario may run
    "mock_only": "needs the mock's control plane (faults, toggles, profiles)",
    "staging_safe": "read-only, safe against staging with a test account",
    "staging_write": "writes (draft, send, delete) to the test care team; in staging only with --allow-send",
    "signed_in": "expectations for whoever is signed in, read from what the app received",
    # run control
    "wip": "work in progress",
    "slow": "slower than the usual scenario",
}

# An outline row's patient (a profile, or premises in words) also marks the row with its shape, so
# `-m "oracle_health and a11y"` selects every Oracle Health row without tagging each Examples block by hand.
PROFILE_COLUMNS = ("patient", "profile")
PROFILE_SHAPES = {"vista_only": "vista", "oracle_health_only": "oracle_health", "mixed": "mixed"}
# words of a premise (harness/oracle/premises.py) -> the profile tag whose shape they name
PREMISE_PROFILES = {
    "with VistA care teams only": "vista_only",
    "with Oracle Health care teams only": "oracle_health_only",
    "with VistA and Oracle Health care teams": "mixed",
    "at 6 or more care systems": "many_systems",
    "at one care system": "single_system",
}

REQ_PREFIX = "req:"
REQUIREMENTS_FILE = "requirements.toml"
_TAG_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class UnknownTagError(Exception):
    """A feature carries a tag that is not in the schema (or a @req id not in requirements.toml)."""


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    source: str


def load_requirements(rootpath: Path) -> dict[str, Requirement]:
    """Read requirements.toml at the project root; a missing file means no @req tag is valid."""
    path = rootpath / REQUIREMENTS_FILE
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        req_id: Requirement(id=req_id, title=str(entry.get("title", "")), source=str(entry.get("source", "")))
        for req_id, entry in data.items()
    }


def register_markers(config: pytest.Config) -> None:
    """Register every allowed tag, and `req`, as markers so strict mode accepts them."""
    for tag, meaning in TAGS.items():
        config.addinivalue_line("markers", f"{tag}: {meaning}")
    config.addinivalue_line("markers", "req(id): ties a scenario to a requirement in requirements.toml")


def mark_for(tag: str) -> pytest.MarkDecorator:
    """The marker for a (validated) tag: `req:X` -> `req("X")`, anything else -> the marker of that name."""
    if tag.startswith(REQ_PREFIX):
        return pytest.mark.req(tag[len(REQ_PREFIX) :])
    mark: pytest.MarkDecorator = getattr(pytest.mark, tag)
    return mark


def profile_marks(row: dict[str, str]) -> list[pytest.MarkDecorator]:
    """Markers implied by an Examples row's patient profile: the profile and, if any, its EHR shape."""
    names: list[str] = []
    for column in PROFILE_COLUMNS:
        value = row.get(column, "")
        words = value.removeprefix("patient ").removesuffix(" patient")
        profiles = [words] if words in TAGS else [p for w, p in PREMISE_PROFILES.items() if w in words]
        for profile in profiles:
            names += [profile, PROFILE_SHAPES.get(profile, profile)]
    return [getattr(pytest.mark, name) for name in dict.fromkeys(names)]


def tag_problem(tag: str, requirements: dict[str, Requirement]) -> str | None:
    """Why a tag is not allowed, or None when it is."""
    if tag.startswith(REQ_PREFIX):
        req_id = tag[len(REQ_PREFIX) :]
        if req_id in requirements:
            return None
        known = ", ".join(sorted(requirements)) or "none: requirements.toml is missing or empty"
        return f"requirement {req_id!r} is not in {REQUIREMENTS_FILE} (known: {known})"
    if tag in TAGS:
        return None
    if not _TAG_NAME.match(tag):
        return "not a valid tag name (letters, digits and _ only, or req:<id>)"
    return "not a registered tag (add it to harness/gherkin/tags.py TAGS if it is a new, meaningful tag)"


def tag_line(feature_text: str, tag: str) -> int:
    """The first line (1-based) carrying `@tag`, so errors point into the feature file; 0 if not found."""
    pattern = re.compile(rf"(?<!\S)@{re.escape(tag)}(?!\S)")
    for number, line in enumerate(feature_text.splitlines(), start=1):
        if not line.lstrip().startswith("#") and pattern.search(line):
            return number
    return 0


def unknown_tags(
    tags: set[str], feature_path: Path, requirements: dict[str, Requirement], shown_as: str | None = None
) -> list[str]:
    """One readable line per bad tag: `<file>:<line>: unknown tag @x: <why>`."""
    text = feature_path.read_text(encoding="utf-8")
    shown_as = shown_as or str(feature_path)
    problems = []
    for tag in sorted(tags):
        why = tag_problem(tag, requirements)
        if why is not None:
            problems.append(f"{shown_as}:{tag_line(text, tag)}: unknown tag @{tag}: {why}")
    return problems
