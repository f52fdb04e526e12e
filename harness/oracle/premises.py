"""Premises: what a scenario needs of the patient, in the release plan's words, as predicates over the
patient the app received (`harness.oracle.ObservedPatient`).

A feature says the least it needs ("Given a patient with a VistA care team who messaged 2 care teams in
the last 6 months"). The same words decide three things:
- against the mock, which profile (and how many recent care teams) the harness builds: any profile whose
  served patient meets every premise, chosen by the scenario's seed (`harness.oracle.profile_choice`);
- against staging, which test user of the pool runs the scenario (`harness.staging.pool`), and the skip
  reason when none can ("needs a VistA care team");
- in the scenario itself, a check on what the app actually received (`steps.state.ScenarioState`).

A profile's name stays in a feature only where that shape is the scenario's subject ("Given an
all_blocked patient"); it reads as the profile's shape (`SHAPES`), never as the mock's data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from contract import CURATED_LIST_FLOW, LARGE_ATTACHMENTS, RECENT_RECIPIENTS, RECIPIENT_OPT_GROUPS
from harness.oracle.patient import MAX_RADIO_SYSTEMS, ObservedPatient, recipients_order
from harness.oracle.shapes import SHAPES

ANY_RECENT = -1  # Premise.recent: some recently messaged care teams, how many is the seed's choice


@dataclass(frozen=True)
class Premise:
    needs: str  # words for a skip reason and the report: "needs <needs>"
    holds: Callable[[ObservedPatient], bool]
    data: str = "allrecipients"  # the endpoint whose answer decides it
    recent: int | None = None  # mock only: recently messaged care teams to build (ANY_RECENT: by seed)
    toggle: str = ""  # the feature toggle whose state this is: the mock sets it, staging users have it or not


class PremiseError(ValueError):
    """Words that name no premise (a typo in a feature, or a shape no profile can have)."""


def _allowed(kind: Callable[[ObservedPatient], bool]) -> Callable[[ObservedPatient], bool]:
    return lambda p: p.can_message and kind(p)


def _has(kind: str) -> Callable[[ObservedPatient], bool]:
    return _allowed(lambda p: bool(p.teams_of_kind(kind)))


def _only(kind: str, other: str) -> Callable[[ObservedPatient], bool]:
    return _allowed(lambda p: bool(p.teams_of_kind(kind)) and not p.teams_of_kind(other))


def _systems(low: int, high: int | None) -> Callable[[ObservedPatient], bool]:
    return _allowed(lambda p: low <= len(p.care_systems) <= (high or len(p.care_systems)))


def stations_sorted_differently(p: ObservedPatient) -> list[str]:
    """Care systems whose allowed care teams come in another order by shown name than by name."""
    stations = {t.station for t in p.allowed_teams}
    return sorted(
        s for s in stations if recipients_order(p.teams_of(s)) != recipients_order(p.teams_of(s), True)
    )


def _renamed_order(p: ObservedPatient) -> bool:
    return p.can_message and bool(stations_sorted_differently(p))


def recent_count(count: int) -> Premise:
    """ "who messaged N care teams in the last 6 months": against the mock exactly N (it builds them);
    a staging user qualifies when it has recent care teams exactly when N > 0 (Then steps read how many)."""
    return no_recent() if count == 0 else some_recent(count)


def no_recent() -> Premise:
    return Premise(
        "no recently messaged care teams", lambda p: not p.recent_candidates, data="sent_search", recent=0
    )


def some_recent(build: int = ANY_RECENT) -> Premise:
    return Premise(
        "recently messaged care teams", lambda p: bool(p.recent_candidates), data="sent_search", recent=build
    )


def can_message() -> Premise:
    return Premise("care teams to message", lambda p: p.can_message)


# The clauses a "Given a patient ..." step is made of, each a whole phrase of the step.
CLAUSES: dict[re.Pattern[str], Callable[[re.Match[str]], Premise]] = {
    re.compile(r"with care teams"): lambda m: can_message(),
    re.compile(r"with a VistA care team"): lambda m: Premise("a VistA care team", _has("VistA")),
    re.compile(r"with an Oracle Health care team"): lambda m: Premise(
        "an Oracle Health care team", _has("Oracle Health")
    ),
    re.compile(r"with VistA and Oracle Health care teams"): lambda m: Premise(
        "both VistA and Oracle Health care teams",
        _allowed(lambda p: bool(p.teams_of_kind("VistA")) and bool(p.teams_of_kind("Oracle Health"))),
    ),
    re.compile(r"with VistA care teams only"): lambda m: Premise(
        "VistA care teams only", _only("VistA", "Oracle Health")
    ),
    re.compile(r"with Oracle Health care teams only"): lambda m: Premise(
        "Oracle Health care teams only", _only("Oracle Health", "VistA")
    ),
    re.compile(r"with a care team that requires a signature"): lambda m: Premise(
        "a care team that requires an electronic signature", _has("signature-required")
    ),
    re.compile(r"with care teams whose plain-language names sort differently from their names"): lambda m: (
        Premise("a care system whose care teams sort differently by plain-language name", _renamed_order)
    ),
    re.compile(r"with one blocked care team"): lambda m: Premise(
        "exactly one blocked care team and no care system whose care teams are all blocked",
        _allowed(lambda p: len(p.blocked_teams) == 1 and not p.blocked_stations),
    ),
    re.compile(r"(?:with )?a care team removed from their contact list"): lambda m: Premise(
        "a care team removed from the contact list (not blocked)", lambda p: bool(p.removed_teams)
    ),
    re.compile(r"who can message care teams at one care system"): lambda m: Premise(
        "care teams at one care system", _systems(1, 1)
    ),
    re.compile(r"who can message care teams at 2 or more care systems"): lambda m: Premise(
        "care teams at 2 or more care systems", _systems(2, None)
    ),
    re.compile(r"who can message care teams at 2 to 5 care systems"): lambda m: Premise(
        "care teams at 2 to 5 care systems", _systems(2, MAX_RADIO_SYSTEMS)
    ),
    re.compile(r"who can message care teams at 6 or more care systems"): lambda m: Premise(
        "care teams at 6 or more care systems", _systems(MAX_RADIO_SYSTEMS + 1, None)
    ),
    # "a patient with a VistA care team and no recent care teams": "with" may go unsaid after the first
    re.compile(r"(?:with )?recent care teams"): lambda m: some_recent(),
    re.compile(r"(?:with )?no recent care teams"): lambda m: no_recent(),
    re.compile(r"who messaged (?P<count>\d+) care teams? in the last 6 months"): lambda m: recent_count(
        int(m["count"])
    ),
    # where the scenario's Then counts them, a staging user must have exactly as many
    re.compile(r"who messaged exactly (?P<count>\d+) care teams? in the last 6 months"): lambda m: Premise(
        f"exactly {m['count']} recently messaged care teams",
        lambda p: len(p.recent_candidates) == int(m["count"]),
        data="sent_search",
        recent=int(m["count"]),
    ),
}
_SEPARATOR = re.compile(r",? and |, | ")


def parse_patient(words: str) -> list[Premise]:
    """The premises of "a patient <words>": clauses joined by ",", "and" or a space, longest first."""
    premises: list[Premise] = []
    position = 0
    while True:
        matches = [(m, make) for pattern, make in CLAUSES.items() if (m := pattern.match(words, position))]
        if not matches:
            known = "; ".join(pattern.pattern for pattern in CLAUSES)
            raise PremiseError(f"no premise reads {words[position:]!r} in {words!r}; known clauses: {known}")
        match, make = max(matches, key=lambda found: found[0].end())
        premises.append(make(match))
        position = match.end()
        if position == len(words):
            return premises
        separator = _SEPARATOR.match(words, position)
        if separator is None:
            raise PremiseError(f"expected ', ' or ' and ' after {words[:position]!r}")
        position = separator.end()


def profile_premise(profile: str) -> Premise:
    """ "an all_blocked patient": the profile's shape is the subject; it reads as that shape's words."""
    if profile not in SHAPES:
        raise PremiseError(f"unknown patient profile {profile!r}; known: {', '.join(SHAPES)}")
    shape = SHAPES[profile]
    return Premise(shape.words, shape.holds)


def profile_premises(profile: str, count: str | None) -> list[Premise]:
    """ "an all_blocked patient [who messaged N care teams in the last 6 months]"."""
    recent = [recent_count(int(count))] if count is not None else []
    return [profile_premise(profile), *recent]


def toggle_premise(toggle: str, on: bool) -> Premise:
    state = "on" if on else "off"
    return Premise(
        f"{toggle} {state}", lambda p: p.toggle(toggle) == on, data="feature_toggles", toggle=toggle
    )


# ---------------------------------------------------------------- read from a scenario's text

# The step texts that state premises, as the step definitions in steps/backend.py match them.
TEST_TEAM_STEP = "a patient with a care team for test messages"
PATIENT_STEP = re.compile(r"^a patient (?!with a care team for test messages$)(?P<words>(?:with|who) .+)$")
PROFILE_STEP = re.compile(
    r"^an? (?P<profile>[a-z_]+) patient(?: who messaged (?P<count>\d+) care teams? in the last 6 months)?$"
)
LARGE_ATTACHMENTS_STEP = re.compile(r"^large attachments are (?P<state>on)$")
RECENT_TOGGLE_STEP = re.compile(r"^the recent recipients toggle is (?P<state>on|off)$")
BOTH_TOGGLES_STEP = re.compile(
    r"^the curated list flow is (?P<curated>on|off) and the recent recipients toggle is (?P<recent>on|off)$"
)
OPT_GROUPS_STEP = re.compile(r"^the care-team grouping toggle is (?P<state>on|off)$")
TOGGLE_STEPS: dict[re.Pattern[str], tuple[str, ...]] = {  # the toggles a step sets, in its groups' order
    LARGE_ATTACHMENTS_STEP: (LARGE_ATTACHMENTS,),
    OPT_GROUPS_STEP: (RECIPIENT_OPT_GROUPS,),
    RECENT_TOGGLE_STEP: (RECENT_RECIPIENTS,),
    BOTH_TOGGLES_STEP: (CURATED_LIST_FLOW, RECENT_RECIPIENTS),
}


def premises_of_step(text: str) -> list[Premise]:
    """The premises one Given step states (none for a step that states none)."""
    if match := PATIENT_STEP.match(text):
        return parse_patient(match["words"])
    if match := PROFILE_STEP.match(text):
        return profile_premises(match["profile"], match["count"])
    if text == TEST_TEAM_STEP:
        return [can_message()]
    for pattern, toggles in TOGGLE_STEPS.items():
        if match := pattern.match(text):
            states = match.groups()
            return [toggle_premise(t, state == "on") for t, state in zip(toggles, states, strict=True)]
    return []


def premises_of_scenario(given_steps: Iterable[str], tag_toggles: Mapping[str, bool]) -> list[Premise]:
    """Everything a scenario needs of the patient: its tags' toggle states, then its Given steps' premises
    (a toggle step overrides the tag for the same toggle, as it does when it runs)."""
    premises = [p for text in given_steps for p in premises_of_step(text)]
    stepped = {p.toggle for p in premises if p.toggle}
    tagged = [toggle_premise(t, on) for t, on in tag_toggles.items() if t not in stepped]
    return [*tagged, *premises]


def meets(patient: ObservedPatient, premises: Iterable[Premise]) -> list[Premise]:
    """The premises the patient does not meet (empty when it meets them all)."""
    return [p for p in premises if not p.holds(patient)]
