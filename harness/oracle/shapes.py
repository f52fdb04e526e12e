"""Shapes the features name ("a mixed patient", "a VistA care team") as predicates over the observed
patient, so staging can skip a scenario whose shape the signed-in patient lacks, by name, and the coverage
matrix can count a scenario under every shape its patient had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from harness.oracle.patient import MAX_RADIO_SYSTEMS, ObservedPatient


@dataclass(frozen=True)
class Shape:
    words: str  # how a skip reason names it
    holds: Callable[[ObservedPatient], bool]


SHAPES: dict[str, Shape] = {
    "vista_only": Shape(
        "VistA care teams only",
        lambda p: bool(p.teams_of_kind("VistA")) and not any(t.oracle_health for t in p.teams),
    ),
    "oracle_health_only": Shape(
        "Oracle Health care teams only",
        lambda p: bool(p.teams_of_kind("Oracle Health")) and all(t.oracle_health for t in p.teams),
    ),
    "mixed": Shape(
        "both VistA and Oracle Health care teams",
        lambda p: bool(p.teams_of_kind("VistA")) and bool(p.teams_of_kind("Oracle Health")),
    ),
    "many_systems": Shape("care teams at 6 or more care systems", lambda p: len(p.care_systems) > 5),
    "single_system": Shape(
        "care teams at exactly one care system", lambda p: p.can_message and len(p.care_systems) == 1
    ),
    "all_blocked": Shape("every care team blocked", lambda p: p.all_blocked),
    "no_associations": Shape("no care teams at all", lambda p: p.no_associations),
    "migrating": Shape(
        "a care system moving to Oracle Health", lambda p: p.can_message and bool(p.migrating_stations)
    ),
    "signature_required": Shape(
        "a care team that requires an electronic signature",
        lambda p: bool(p.teams_of_kind("signature-required")),
    ),
    "not_connected": Shape(
        "an empty care-team list (zero associations)",
        lambda p: p.recipients_status == 200 and p.no_associations,
    ),
    "one_team_blocked": Shape(
        "exactly one blocked care team and no fully blocked care system",
        lambda p: p.can_message and len(p.blocked_teams) == 1 and not p.blocked_stations,
    ),
    "several_teams_blocked": Shape(
        "several blocked care teams and no fully blocked care system",
        lambda p: p.can_message and len(p.blocked_teams) > 1 and not p.blocked_stations,
    ),
    "system_blocked": Shape(
        "exactly one care system whose care teams are all blocked",
        lambda p: p.can_message and len(p.blocked_stations) == 1,
    ),
    "one_system_left": Shape(
        "one care system left to message, next to one whose care teams are all blocked",
        lambda p: p.can_message and len(p.care_systems) == 1 and len(p.blocked_stations) == 1,
    ),
    "many_systems_one_blocked": Shape(
        "6 or more care systems left to message, next to one whose care teams are all blocked",
        lambda p: p.can_message and len(p.care_systems) > MAX_RADIO_SYSTEMS and len(p.blocked_stations) == 1,
    ),
    "migrating_before": Shape(
        "a care system about to move to Oracle Health (phase p1-p2)",
        lambda p: p.can_message and any(ph in ("p1", "p2") for ph in p.migration_phases.values()),
    ),
    "migrating_during": Shape(
        "a care system moving to Oracle Health now (phase p3-p5)",
        lambda p: p.can_message and any(ph in ("p3", "p4", "p5") for ph in p.migration_phases.values()),
    ),
    "migrating_after": Shape(
        "a care system that just moved to Oracle Health (phase p6)",
        lambda p: p.can_message and any(ph == "p6" for ph in p.migration_phases.values()),
    ),
}


# The kinds of patient the release plan names ("works for VistA, Oracle Health and mixed patients"), each
# inclusive: the coverage matrix counts a scenario under every kind and shape its patient had, so a row
# is covered by the premise that asks for it, whatever profile the seed chose.
KINDS: dict[str, Shape] = {
    "vista": Shape("a VistA care team", lambda p: bool(p.teams_of_kind("VistA"))),
    "oracle_health": Shape("an Oracle Health care team", lambda p: bool(p.teams_of_kind("Oracle Health"))),
}


def shapes_of(patient: ObservedPatient) -> list[str]:
    """The names of every kind and shape (`KINDS`, `SHAPES`) that hold for the patient."""
    return [name for name, shape in {**KINDS, **SHAPES}.items() if shape.holds(patient)]
