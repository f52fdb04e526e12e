"""One isolated mock session: patient, toggles, faults, defects, clock, journal, RUM actions, and store.

Sessions are chosen per request by cookie `mock_session` or header `X-Mock-Session`; the server's
default session (id "default") answers otherwise. A fixture-user pool (`--fixtures-user NAME=DIR`) adds one
session per user (id "user-NAME"), chosen by the `vagov_session` cookie (mocks/api/users.py).
"""

import dataclasses
import random
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fixtures import build_patient, load_fixture_folder
from fixtures.model import CareTeam, Draft, Message, Patient
from mocks.api.flipper import Gates
from mocks.api.toggles import default_gates
from mocks.api.users import SESSION_PREFIX, name_in_cookie, name_problem
from mocks.defects import DEFECTS
from mocks.rum_format import RumStore

DEFAULT_SESSION = "default"
JOURNAL_LIMIT = 5_000
SESSION_LIMIT = 2_000
FAULT_ENDPOINTS = (
    "user",
    "feature_toggles",
    "vamc_ehr",
    "allrecipients",
    "recipients",
    "sent_search",
    "folders",
    "folder",
    "threads",
    "categories",
    "signature",
    "draft_create",
    "draft_update",
    "draft_delete",
    "send",
    "contact_list_save",
    "tooltips",
    "tooltip_create",
    "tooltip_update",
)


@dataclass
class Fault:
    endpoint: str
    status: int | None = None
    code: str | None = None
    latency_ms: float = 0.0
    drop: bool = False
    times: int | None = None  # None = every call

    def describe(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Store:
    """What the patient changes during a session; the generated patient itself stays immutable."""

    drafts: dict[int, Draft] = field(default_factory=dict)
    sent: list[Message] = field(default_factory=list)  # newest first
    deleted: set[int] = field(default_factory=set)
    preferred: dict[int, bool] = field(default_factory=dict)
    tooltips: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> record (tooltips router)
    next_id: int = 90_000_001

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id


class SessionError(ValueError):
    """Bad session settings (unknown profile, defect, fault endpoint, ...)."""


@dataclass
class SessionSettings:
    profile: str
    seed: int
    recent_teams: int | None = None


class Session:
    def __init__(
        self,
        session_id: str,
        settings: SessionSettings,
        fixtures_dir: Path | None,
        now: datetime | None = None,
        control: bool = True,
    ) -> None:
        self.id = session_id
        self.fixtures_dir = fixtures_dir
        self.control = control
        self.fixed_now = now
        self.created = datetime.now(UTC)
        self.gates: dict[str, Gates] = default_gates()
        self.faults: list[Fault] = []
        self.defects: list[str] = []
        self.journal: deque[dict[str, Any]] = deque(maxlen=JOURNAL_LIMIT)
        self.rum = RumStore(limit=JOURNAL_LIMIT)  # what the stand-in's Datadog SDK sent to /rum-intake
        self.messaging_access = True
        # Datadog session replay recording in the stand-in (config.js). Off in the harness's sessions: it
        # is a large share of the suite's browser CPU and no check reads it; the init config is the same.
        self.rum_replay = True
        self.settings = settings
        self.rand = random.Random(settings.seed)
        self.patient: Patient
        self.store = Store()
        self.rebuild(settings)

    # -- patient and store ------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.fixed_now or datetime.now(UTC)

    def rebuild(self, settings: SessionSettings, keep_store: bool = False) -> None:
        """(Re)build the patient; the history is generated relative to the session's clock."""
        anchor = self.fixed_now or self.created
        profile = settings.profile
        try:
            if profile == "fixtures" or profile.startswith("fixtures:"):
                if self.fixtures_dir is None:
                    raise SessionError("profile 'fixtures' needs the server started with --fixtures DIR")
                stem = profile.partition(":")[2] or None
                patient = load_fixture_folder(self.fixtures_dir, recipients=stem, seed=settings.seed)
            else:
                patient = build_patient(profile, settings.seed, settings.recent_teams, anchor)
        except ValueError as exc:
            raise SessionError(str(exc)) from exc
        self.settings = settings
        self.patient = patient
        if not keep_store:
            self.store = Store()
            self.set_tooltips(patient.raw.get("tooltips") or [])
        for name, value in self._fixture_toggles().items():
            self.gates[name] = Gates(boolean=value)

    def _fixture_toggles(self) -> dict[str, bool]:
        doc = self.patient.raw.get("toggles") or {}
        features = (doc.get("data") or {}).get("features") or []
        return {str(f.get("name")): bool(f.get("value")) for f in features if isinstance(f, dict)}

    def set_clock(self, now: datetime | None) -> None:
        """Move "now"; the history moves with it (same teams and ids), drafts and sends are kept."""
        self.fixed_now = now
        self.rebuild(self.settings, keep_store=True)

    def teams(self) -> list[CareTeam]:
        prefs = self.store.preferred
        return [
            dataclasses.replace(t, preferred=prefs[t.triage_team_id]) if t.triage_team_id in prefs else t
            for t in self.patient.care_teams
        ]

    def team(self, team_id: int) -> CareTeam | None:
        return next((t for t in self.teams() if t.triage_team_id == team_id), None)

    def sent_messages(self) -> list[Message]:
        """Sent folder, newest first: what the patient sent here, then the generated history."""
        history = [
            m for m in self.patient.history if m.folder_id == -1 and m.message_id not in self.store.deleted
        ]
        return [m for m in self.store.sent if m.message_id not in self.store.deleted] + history

    def inbox_messages(self) -> list[Message]:
        return [
            m for m in self.patient.history if m.folder_id == 0 and m.message_id not in self.store.deleted
        ]

    def set_tooltips(self, records: Any) -> None:
        """Replace the patient's tooltip records (how often each hint was shown, whether it was hidden)."""
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise SessionError("tooltips must be a list of objects")
        out: dict[str, dict[str, Any]] = {}
        for record in records:
            name = record.get("tooltipName", record.get("tooltip_name"))
            counter = record.get("counter", 0)
            hidden = record.get("hidden", False)
            if not isinstance(name, str) or not name:
                raise SessionError("each tooltip needs a tooltipName")
            if isinstance(counter, bool) or not isinstance(counter, int) or counter < 0:
                raise SessionError("tooltip counter must be a whole number >= 0")
            if not isinstance(hidden, bool):
                raise SessionError("tooltip hidden must be true or false")
            tooltip_id = str(record.get("id") or f"tooltip-{len(out) + 1}")
            out[tooltip_id] = {
                "id": tooltip_id,
                "tooltipName": name,
                "counter": counter,
                "hidden": hidden,
                "lastSignedIn": record.get("lastSignedIn"),
                "createdAt": record.get("createdAt"),
                "updatedAt": record.get("updatedAt"),
            }
        self.store.tooltips = out

    # -- toggles, faults, defects --------------------------------------------------------------------
    def toggle_enabled(self, name: str, actor_id: str | None) -> bool:
        gates = self.gates.get(name)
        with_feature = "flipper_bucket_without_feature" not in self.defects
        return bool(gates and gates.enabled(name, actor_id, self.rand, bucket_with_feature=with_feature))

    def add_fault(self, fault: Fault) -> None:
        if fault.endpoint not in FAULT_ENDPOINTS:
            raise SessionError(
                f"unknown fault endpoint {fault.endpoint!r}; known: {', '.join(FAULT_ENDPOINTS)}"
            )
        if fault.status is not None and not 400 <= fault.status <= 599:
            raise SessionError("fault status must be an HTTP error status 400-599")
        if fault.times is not None and fault.times < 1:
            raise SessionError("fault times must be at least 1 (or null for always)")
        if not 0 <= fault.latency_ms <= 120_000:
            raise SessionError("fault latency_ms must be between 0 and 120000")
        if fault.status is None and fault.code is None and not fault.drop and not fault.latency_ms:
            raise SessionError("a fault needs a status, a code, drop or latency_ms")
        self.faults.append(fault)

    def take_fault(self, endpoint: str) -> Fault | None:
        for fault in self.faults:
            if fault.endpoint == endpoint:
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    def set_defects(self, names: list[str]) -> None:
        unknown = [n for n in names if n not in DEFECTS]
        if unknown:
            raise SessionError(f"unknown defect(s) {', '.join(unknown)}; known: {', '.join(DEFECTS)}")
        self.defects = list(dict.fromkeys(names))


class SessionRegistry:
    def __init__(
        self,
        default: SessionSettings,
        fixtures_dir: Path | None,
        control: bool,
        toggles: dict[str, Gates] | None = None,
        defects: list[str] | None = None,
        users: dict[str, Path] | None = None,
    ) -> None:
        self.fixtures_dir = fixtures_dir
        self.control = control
        self.default_toggles = toggles or {}
        self.default_defects = list(defects or [])  # `mocks serve --defect`: on in every session created
        self.sessions: OrderedDict[str, Session] = OrderedDict()
        self.sessions[DEFAULT_SESSION] = self._new(DEFAULT_SESSION, default, None)
        # The fixture-user pool: name -> that user's own session, kept like the default one.
        self.users: dict[str, Session] = {}
        for name, folder in (users or {}).items():
            if problem := name_problem(name):
                raise SessionError(f"fixtures user: {problem}")
            try:
                settings = SessionSettings("fixtures", default.seed)
                session = self._new(SESSION_PREFIX + name, settings, None, folder)
            except SessionError as exc:
                raise SessionError(f"fixtures user {name!r}: {exc}") from None
            self.users[name] = self.sessions[session.id] = session
        self.pinned = {DEFAULT_SESSION, *(s.id for s in self.users.values())}  # never evicted or deleted

    def _new(
        self, session_id: str, settings: SessionSettings, now: datetime | None, folder: Path | None = None
    ) -> Session:
        session = Session(session_id, settings, folder or self.fixtures_dir, now, self.control)
        for name, gates in self.default_toggles.items():
            session.gates[name] = dataclasses.replace(gates, actors=set(gates.actors))
        session.set_defects(self.default_defects)
        return session

    def create(
        self, settings: SessionSettings, now: datetime | None = None, rum_replay: bool = True
    ) -> Session:
        session = self._new(secrets.token_hex(8), settings, now)
        session.rum_replay = rum_replay
        self.sessions[session.id] = session
        while len(self.sessions) > SESSION_LIMIT:  # forget the oldest, never the default or a pool user
            oldest = next(k for k in self.sessions if k not in self.pinned)
            del self.sessions[oldest]
        return session

    def get(self, session_id: str | None) -> Session | None:
        return self.sessions.get(session_id or DEFAULT_SESSION)

    def signed_in_user(self, cookie: str | None) -> Session | None:
        """The pool user's session a vagov_session cookie value signs in as (None: no such user)."""
        return self.users.get(name_in_cookie(cookie))

    def delete(self, session_id: str) -> bool:
        if session_id in self.pinned:
            return False
        return self.sessions.pop(session_id, None) is not None
