"""The patient model: what a page should show, read from the documents the app received.

Steps compute what a page should show from the API responses the app actually got (never from what the
mock was told to build), so one sentence holds against the mock on any seed, against VA's fixture
folders and against staging with any test patient.

`build_patient(documents)` is a pure function from those documents (`Exchange`s, recorded by
`harness.oracle.traffic`) to an `ObservedPatient`: care systems in the order the app offers them, allowed
and blocked care teams, VistA vs Oracle Health, recent care teams (as of the app's own "now", read from its
sent-search window), signature, categories, toggles. It restates the app's documented derivations
(reference §3.3, sm-api.md §1.1-1.5) independently of the stand-in's code, which is what makes it an oracle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from contract import CURATED_LIST_FLOW, RECENT_RECIPIENTS

MAX_RECENT = 4  # the recent page offers at most four care teams (sm-api.md §1.3)
MAX_RADIO_SYSTEMS = 5  # 2-5 care systems: radio buttons; 6 or more: a dropdown (reference §3.3.1)

# actions/recipients.js: teams whose messages need an electronic signature, by name.
_SIGNATURE_TEAM = re.compile(
    r"privacy\s+issues?\s+admin|release\s+of\s+information|record\s+amendment\s+admin", re.IGNORECASE
)


@dataclass(frozen=True)
class Exchange:
    """One request the app made to an endpoint the oracle reads, and what came back."""

    endpoint: str
    status: int  # 0 when the request failed without a response (or a staging guard blocked it)
    request_json: Any
    response_json: Any
    url: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


# ---------------------------------------------------------------- the patient model


@dataclass(frozen=True)
class CareTeam:
    id: int
    name: str
    display_name: str  # suggestedNameDisplay, else name: what the pages show
    station: str  # stationNumber: the care system the team belongs to
    care_system: str  # healthCareSystemName, else the VAMC system name of the station, else the station
    oracle_health: bool
    blocked: bool
    preferred: bool
    signature_required: bool

    @property
    def allowed(self) -> bool:
        return self.preferred and not self.blocked

    @property
    def kind(self) -> str:
        return "Oracle Health" if self.oracle_health else "VistA"


def _collation_key(name: str) -> tuple[list[tuple[int, str]], list[bool]]:
    """An approximation of the browser's `localeCompare` (ICU root collation): spaces before
    punctuation before digits before letters, letters compared without case first, lower case first."""

    def rank(c: str) -> int:
        return 0 if c.isspace() else 3 if c.isalpha() else 2 if c.isdigit() else 1

    return [(rank(c), c.casefold()) for c in name], [c.isupper() for c in name]


def recipients_order(teams: Iterable[CareTeam], by_shown_name: bool = False) -> list[CareTeam]:
    """sortRecipients (util/helpers.js), the order of the flat care-team combo box: names not starting
    with a word character first, then by the raw team `name` (`by_shown_name`: by the name shown)."""

    def name(t: CareTeam) -> str:
        return t.display_name if by_shown_name else t.name

    return sorted(teams, key=lambda t: (bool(re.match(r"\w", name(t))), _collation_key(name(t))))


@dataclass(frozen=True)
class CareSystem:
    vha_id: str
    name: str  # the VAMC system name (vamc-ehr.json), else the station number, as the chooser labels it
    ehr: str  # "vista" | "cerner" | "unknown"


@dataclass(frozen=True)
class Signature:
    name: str
    title: str
    include: bool

    @property
    def body_prefill(self) -> str:
        """What the app puts in an empty message body (sm-api.md §1.5): three newlines, name and title."""
        return f"\n\n\n{self.name}\n{self.title}" if self.include else ""


NO_SIGNATURE = Signature("", "", False)


@dataclass(frozen=True)
class ObservedPatient:
    first_name: str
    last_name: str
    toggles: Mapping[str, bool]
    teams: tuple[CareTeam, ...]  # in the order the API sent them
    systems: Mapping[str, CareSystem]  # every station the teams or the user name, by vha id
    recipients_status: int  # 0 = not loaded
    associated: int | None  # meta.associatedTriageGroups
    associated_blocked: int | None
    sent_ids: tuple[int, ...]  # distinct recipients of the sent search, in response order
    sent_search_status: int  # 0 = not searched
    now: datetime | None  # the app's "now": the end of its sent-search window
    window_start: datetime | None
    signature: Signature
    categories: tuple[str, ...]
    migrating_stations: frozenset[str] = field(default_factory=frozenset)
    # The patient's own facilities (/v0/user vaProfile.facilities): station -> on Oracle Health
    facilities: Mapping[str, bool] = field(default_factory=dict)
    migration_phases: Mapping[str, str] = field(default_factory=dict)  # station -> current phase (p0-p7)
    migrating_to_oh: bool = False  # vaProfile.userFacilityMigratingToOh
    tooltips: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # tooltipName -> record

    # -- care teams
    @property
    def allowed_teams(self) -> tuple[CareTeam, ...]:
        return tuple(t for t in self.teams if t.allowed)

    @property
    def blocked_teams(self) -> tuple[CareTeam, ...]:
        return tuple(t for t in self.teams if t.blocked)

    @property
    def removed_teams(self) -> tuple[CareTeam, ...]:
        """Care teams the patient removed from their contact list (`preferredTeam: false`) and may add back:
        not offered, but not blocked either (blockedRecipients keeps `blockedStatus === true` only)."""
        return tuple(t for t in self.teams if not t.preferred and not t.blocked)

    def team(self, team_id: int) -> CareTeam | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def teams_of(self, station: str, allowed_only: bool = True) -> tuple[CareTeam, ...]:
        pool = self.allowed_teams if allowed_only else self.teams
        return tuple(t for t in pool if t.station == station)

    def teams_of_kind(self, kind: str) -> tuple[CareTeam, ...]:
        if kind not in TEAM_KINDS:
            raise ValueError(f"unknown care team kind {kind!r}; known: {', '.join(TEAM_KINDS)}")
        return tuple(t for t in self.allowed_teams if TEAM_KINDS[kind](t))

    # -- care systems
    @property
    def blocked_stations(self) -> tuple[str, ...]:
        """Care systems whose every care team is blocked: never offered in the chooser."""
        stations = _unique(t.station for t in self.teams)
        return tuple(s for s in stations if all(t.blocked for t in self.teams if t.station == s))

    @property
    def care_systems(self) -> tuple[CareSystem, ...]:
        """The care systems the chooser offers, in the order the app meets them in the care-team list."""
        blocked = set(self.blocked_stations)
        return tuple(self.system(s) for s in _unique(t.station for t in self.teams) if s not in blocked)

    def system(self, station: str) -> CareSystem:
        return self.systems.get(station) or CareSystem(station, station, "unknown")

    @property
    def chooser(self) -> str:
        """How the care system is chosen: "none" (one system), "radio" (2-5) or "select" (6 or more)."""
        count = len(self.care_systems)
        return "none" if count <= 1 else "radio" if count <= MAX_RADIO_SYSTEMS else "select"

    # -- states of the care-team list
    @property
    def recipients_error(self) -> bool:
        return self.recipients_status not in (0, 200)

    @property
    def no_associations(self) -> bool:
        # vets-api answers 404 RecordNotFound when MHV has no triage teams for the patient (sm-api.md §1.1).
        if self.recipients_status == 404:
            return True
        return self.recipients_status == 200 and (self.associated == 0 or not self.teams)

    @property
    def all_blocked(self) -> bool:
        return (
            not self.recipients_error
            and not self.no_associations
            and self.recipients_status == 200
            and (self.associated if self.associated is not None else len(self.teams))
            == (self.associated_blocked if self.associated_blocked is not None else -1)
        )

    @property
    def can_message(self) -> bool:
        return bool(self.allowed_teams) and not self.all_blocked

    @property
    def offers_contact_list(self) -> bool:
        """ "Update your contact list" is for patients with at least one allowed VistA care team."""
        return any(not t.oracle_health for t in self.allowed_teams)

    # -- recent care teams
    @property
    def recent_candidates(self) -> tuple[CareTeam, ...]:
        """Every allowed care team messaged in the window, most recent first (before the cap of four)."""
        allowed = {t.id: t for t in self.allowed_teams}
        return tuple(allowed[i] for i in self.sent_ids if i in allowed)

    @property
    def recent_teams(self) -> tuple[CareTeam, ...]:
        return self.recent_candidates[:MAX_RECENT]

    @property
    def sent_search_failed(self) -> bool:
        return self.sent_search_status not in (0, 200)

    # -- the patient's facilities
    @property
    def facility_ehrs(self) -> str:
        """ "vista", "oracle_health" or "mixed": the EHRs of the patient's own facilities (a facility is on
        Oracle Health when /v0/user says isCerner or vamc-ehr.json lists it as cerner). Care team help
        words its reasons by this."""
        oh = [station for station, on_oh in self.facilities.items() if on_oh]
        if self.facilities and len(oh) == len(self.facilities):
            return "oracle_health"
        return "mixed" if oh else "vista"

    # -- toggles
    def toggle(self, name: str) -> bool:
        return bool(self.toggles.get(name, self.toggles.get(_camel(name), False)))

    @property
    def curated(self) -> bool:
        return self.toggle(CURATED_LIST_FLOW)

    @property
    def recent_toggle(self) -> bool:
        return self.toggle(RECENT_RECIPIENTS)

    @property
    def recent_page_shown(self) -> bool:
        """Continuing from the interstitial lands on recent care teams (not select care team)."""
        return self.curated and self.recent_toggle and bool(self.recent_teams)

    # -- words for messages
    def describe(self) -> str:
        if self.recipients_error:
            return f"no care-team list (allrecipients answered {self.recipients_status})"
        kinds = sorted({t.kind for t in self.allowed_teams}) or ["no allowed"]
        return (
            f"{' and '.join(kinds)} care teams: {len(self.allowed_teams)} allowed and "
            f"{len(self.blocked_teams)} blocked of {len(self.teams)}, at {len(self.care_systems)} care "
            f"system(s); {len(self.recent_candidates)} recently messaged"
        )


TEAM_KINDS: dict[str, Callable[[CareTeam], bool]] = {
    "VistA": lambda t: not t.oracle_health,
    "Oracle Health": lambda t: t.oracle_health,
    "signature-required": lambda t: t.signature_required,
    "any": lambda t: True,
}


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


# ---------------------------------------------------------------- building it


def _ok_json(documents: Mapping[str, Exchange], endpoint: str) -> Any:
    exchange = documents.get(endpoint)
    return exchange.response_json if exchange is not None and exchange.ok else None


def _dig(doc: Any, *keys: str) -> Any:
    for key in keys:
        doc = doc.get(key) if isinstance(doc, dict) else None
    return doc


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def as_int(value: object) -> int | None:
    """A number as the API writes it (a number or a digit string); None when absent or not one."""
    if not isinstance(value, (int, float, str)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _systems(ehr_doc: Any, user_doc: Any) -> dict[str, CareSystem]:
    """vamc-ehr.json (Drupal nodeQuery): station -> system name and EHR; the user's facilities add EHRs."""
    systems: dict[str, CareSystem] = {}
    for entity in _dig(ehr_doc, "data", "nodeQuery", "entities") or []:
        vha_id = str(entity.get("fieldFacilityLocatorApiId") or "").removeprefix("vha_")
        region = _dig(entity, "fieldRegionPage", "entity") or {}
        if vha_id and vha_id not in systems:
            ehr = str(region.get("fieldVamcEhrSystem") or "unknown")
            ehr = "cerner" if ehr == "cerner_staged" else ehr
            systems[vha_id] = CareSystem(vha_id, str(region.get("title") or vha_id), ehr)
    for facility in _dig(user_doc, "data", "attributes", "vaProfile", "facilities") or []:
        vha_id = str(facility.get("facilityId") or "")
        if vha_id and vha_id not in systems:
            systems[vha_id] = CareSystem(vha_id, vha_id, "cerner" if facility.get("isCerner") else "vista")
    return systems


def _team(attributes: Mapping[str, Any], systems: Mapping[str, CareSystem]) -> CareTeam | None:
    team_id = as_int(attributes.get("triageTeamId"))
    if team_id is None:
        return None
    name = str(attributes.get("name") or "")
    station = str(attributes.get("stationNumber") or "")
    known = systems.get(station)
    care_system = attributes.get("healthCareSystemName") or (known.name if known else None) or station
    return CareTeam(
        id=team_id,
        name=name,
        display_name=str(attributes.get("suggestedNameDisplay") or name),
        station=station,
        care_system=str(care_system),
        oracle_health=attributes.get("ohTriageGroup") is True,
        blocked=attributes.get("blockedStatus") is True,
        preferred=attributes.get("preferredTeam") is True,
        signature_required=bool(_SIGNATURE_TEAM.search(name)),
    )


def _facilities(user_doc: Any, systems: Mapping[str, CareSystem]) -> dict[str, bool]:
    facilities: dict[str, bool] = {}
    for facility in _dig(user_doc, "data", "attributes", "vaProfile", "facilities") or []:
        station = str(facility.get("facilityId") or "")
        listed_cerner = station in systems and systems[station].ehr == "cerner"
        if station:
            facilities[station] = facility.get("isCerner") is True or listed_cerner
    return facilities


def _migrating(user_doc: Any) -> frozenset[str]:
    schedules = _dig(user_doc, "data", "attributes", "vaProfile", "migrationSchedules") or []
    return frozenset(
        str(f.get("facilityId"))
        for s in schedules
        if isinstance(s, dict)
        for f in s.get("facilities") or []
        if isinstance(f, dict)
    )


def _phases(user_doc: Any) -> dict[str, str]:
    schedules = _dig(user_doc, "data", "attributes", "vaProfile", "migrationSchedules") or []
    return {
        str(f.get("facilityId")): str(_dig(s, "phases", "current") or "")
        for s in schedules
        if isinstance(s, dict)
        for f in s.get("facilities") or []
        if isinstance(f, dict)
    }


def _tooltips(doc: Any) -> dict[str, Mapping[str, Any]]:
    records = doc if isinstance(doc, list) else _dig(doc, "data") or []
    return {str(r.get("tooltipName")): r for r in records if isinstance(r, dict) and r.get("tooltipName")}


def build_patient(documents: Mapping[str, Exchange]) -> ObservedPatient:
    """The patient as the app received it; endpoints not (yet) called count as empty."""
    user = _ok_json(documents, "user")
    systems = _systems(_ok_json(documents, "vamc_ehr"), user)
    recipients = _ok_json(documents, "allrecipients") or {}
    teams = tuple(
        t
        for t in (_team(item.get("attributes") or {}, systems) for item in recipients.get("data") or [])
        if t is not None
    )
    meta = recipients.get("meta") or {}
    search = documents.get("sent_search")
    search_json = _ok_json(documents, "sent_search") or {}
    sent_ids = _unique_ints(
        as_int(_dig(m, "attributes", "recipientId")) for m in search_json.get("data") or []
    )
    window = search.request_json if search is not None and isinstance(search.request_json, dict) else {}
    signature = _dig(_ok_json(documents, "signature"), "data") or {}
    toggles = {
        str(f.get("name")): bool(f.get("value"))
        for f in _dig(_ok_json(documents, "feature_toggles"), "data", "features") or []
        if isinstance(f, dict)
    }
    profile = _dig(user, "data", "attributes", "profile") or {}
    recipients_exchange = documents.get("allrecipients")
    return ObservedPatient(
        first_name=str(profile.get("firstName") or ""),
        last_name=str(profile.get("lastName") or ""),
        toggles=toggles,
        teams=teams,
        systems=systems,
        recipients_status=recipients_exchange.status if recipients_exchange else 0,
        associated=as_int(meta.get("associatedTriageGroups")),
        associated_blocked=as_int(meta.get("associatedBlockedTriageGroups")),
        sent_ids=sent_ids,
        sent_search_status=search.status if search is not None else 0,
        now=_date(window.get("toDate") or window.get("to_date")),
        window_start=_date(window.get("fromDate") or window.get("from_date")),
        signature=Signature(
            str(signature.get("signatureName") or ""),
            str(signature.get("signatureTitle") or ""),
            signature.get("includeSignature") is True,
        )
        if signature
        else NO_SIGNATURE,
        categories=tuple(
            _dig(_ok_json(documents, "categories"), "data", "attributes", "messageCategoryType") or ()
        ),
        migrating_stations=_migrating(user),
        facilities=_facilities(user, systems),
        migration_phases=_phases(user),
        migrating_to_oh=_dig(user, "data", "attributes", "vaProfile", "userFacilityMigratingToOh") is True,
        tooltips=_tooltips(_ok_json(documents, "tooltips")),
    )


def _unique_ints(values: Any) -> tuple[int, ...]:
    return tuple(dict.fromkeys(v for v in values if v is not None))
