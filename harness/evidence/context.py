"""A scenario's context (profile, toggle states, data seed, premises, staging user, observed shapes): the
one place that writes it. Steps and the staging pool call `evidence.set_context`, the hooks after a
scenario add what the app received and the mock served, and the outcome fills what the tags imply; each
goes through `update_context`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypedDict, Unpack

from fixtures.profiles import PROFILES
from harness.evidence.record import ScenarioContext
from harness.gherkin.tags import TOGGLE_TAGS


def normalise_toggle(value: object) -> str:
    """'on' | 'off' | '25%' from whatever a step or the mock gives (bool, 'on', 25.0, 'percentage 25%')."""
    if isinstance(value, dict):  # the mock's Flipper gate description
        if value.get("boolean"):
            return "on"
        percentage = float(value.get("percentage_of_actors") or value.get("percentage_of_time") or 0)
        if percentage:
            return normalise_toggle(percentage)
        return "actors" if value.get("actors") else "off"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, int | float):
        return "on" if value >= 100 else "off" if value <= 0 else f"{value:g}%"
    text = str(value).strip().lower()
    if text.endswith("%"):
        number = text.split()[-1].rstrip("%")
        try:
            return normalise_toggle(float(number))
        except ValueError:
            return text
    if text in {"on", "true", "enabled", "1", "yes"}:
        return "on"
    if text in {"off", "false", "disabled", "0", "no"}:
        return "off"
    return text


def _add_unique(into: list[str], values: Iterable[object]) -> None:
    for value in map(str, values):
        if value not in into:
            into.append(value)


class ContextFields(TypedDict, total=False):
    """What a step or hook may say about a scenario's context; each is optional."""

    profile: str | None
    toggles: Mapping[str, object] | None
    seed: int | None
    data: str | None
    premises: list[str] | None
    staging_user: str | None
    unmet: list[str] | None
    shapes: list[str] | None


def update_context(context: ScenarioContext, **fields: Unpack[ContextFields]) -> None:
    """Merge what is given into `context`; None (or empty) leaves a field as it is.

    `premises` and `unmet` add up over calls (steps may ask one premise each); `shapes` describes one
    observed patient, so a later call replaces it, as it does `profile` and `staging_user`; toggles
    given replace those of the same name."""
    if (data := fields.get("data")) is not None:
        context.data = str(data)
    if (profile := fields.get("profile")) is not None:
        context.profile = str(profile)
    if toggles := fields.get("toggles"):
        context.toggles.update({str(k): normalise_toggle(v) for k, v in toggles.items()})
    if (seed := fields.get("seed")) is not None:
        context.seed = int(seed)
    if premises := fields.get("premises"):
        _add_unique(context.premises, premises)
    if (staging_user := fields.get("staging_user")) is not None:
        context.staging_user = str(staging_user)
    if unmet := fields.get("unmet"):
        _add_unique(context.unmet, unmet)
    if (shapes := fields.get("shapes")) is not None:
        context.shapes = list(dict.fromkeys(str(s) for s in shapes))


def fill_from_tags(context: ScenarioContext, tags: Iterable[str]) -> None:
    """What a scenario's tags imply, where nothing recorded it: scenarios that never called set_context
    still land in the coverage matrix through their toggle and profile tags."""
    tagged = set(tags)
    implied: dict[str, str] = {}
    for tag, (name, state) in TOGGLE_TAGS.items():
        if tag in tagged and name not in context.toggles:
            implied.setdefault(name, state)
    profile = None if context.profile is not None else next((p for p in PROFILES if p in tagged), None)
    update_context(context, profile=profile, toggles=implied)
