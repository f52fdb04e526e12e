"""A read-only guard on a browser context: staging runs never send, save or delete anything by accident.

Every request that could change the patient's data (POST, PUT, PATCH, DELETE to /my_health/..., draft
autosave included) is aborted and recorded, unless the run was started with --allow-send and a
--test-care-team: then only sends and drafts addressed to that care team go through, and only drafts the
run itself created may be updated or deleted.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import APIResponse, BrowserContext, Route

from contract import ENDPOINTS, FOLDER_SEARCH, MESSAGES, MY_HEALTH

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POSTs that only read: the 6-month sent search behind "recent care teams".
READ_ONLY_POSTS = (FOLDER_SEARCH,)
_DRAFT_CREATE = ENDPOINTS["draft_create"].pattern
_DRAFT_UPDATE = ENDPOINTS["draft_update"].pattern  # group "id": the draft
_SEND = ENDPOINTS["send"].pattern
_DELETE = ENDPOINTS["draft_delete"].pattern  # group "id": the draft
_ALL_RECIPIENTS = ENDPOINTS["allrecipients"].pattern


@dataclass(frozen=True)
class WriteAttempt:
    method: str
    path: str  # path only: query strings may carry tokens
    allowed: bool
    reason: str


@dataclass
class WritePolicy:
    """What may be written. The default (no test care team) allows nothing."""

    test_care_team: str | None = None
    team_ids: set[int] = field(default_factory=set)  # the test care team's ids once resolved
    own_drafts: set[int] = field(default_factory=set)  # drafts this run created
    finished_drafts: set[int] = field(default_factory=set)  # of those, deleted or sent by the scenario

    def __post_init__(self) -> None:
        if self.test_care_team and self.test_care_team.strip().isdigit():
            self.team_ids.add(int(self.test_care_team))

    @property
    def sending_allowed(self) -> bool:
        return bool(self.test_care_team)

    def learn_recipients(self, payload: Any) -> None:
        """Resolve a care team given by name from an allrecipients answer the browser already received."""
        if not self.test_care_team:
            return
        wanted = self.test_care_team.strip().lower()
        for item in (payload or {}).get("data", []) if isinstance(payload, dict) else []:
            attributes = item.get("attributes", {}) if isinstance(item, dict) else {}
            names = {str(attributes.get(k, "")).strip().lower() for k in ("name", "suggestedNameDisplay")}
            if wanted in names and str(attributes.get("triageTeamId", "")).isdigit():
                self.team_ids.add(int(attributes["triageTeamId"]))

    def decide(self, method: str, path: str, body: str | None) -> tuple[bool, str]:
        if method in SAFE_METHODS or any(p.search(path) for p in READ_ONLY_POSTS):
            return True, "read"
        if not self.sending_allowed:
            return False, "read-only run (no --allow-send and --test-care-team)"
        if method == "POST" and (_DRAFT_CREATE.search(path) or _SEND.search(path)):
            recipient = _recipient_id(body)
            if recipient is not None and recipient in self.team_ids:
                return True, "addressed to the test care team"
            return False, f"recipient {recipient} is not the test care team {self.test_care_team!r}"
        draft = _DRAFT_UPDATE.search(path) if method == "PUT" else _DELETE.search(path)
        if method in ("PUT", "DELETE") and draft and int(draft["id"]) in self.own_drafts:
            return True, "a draft this run created"
        return False, "not a send or a draft of this run"


def _digits(value: object) -> int | None:
    """An id only when written as plain digits: the guard lets no other spelling through (True, 3.0, "-1")."""
    text = str(value)
    return int(text) if text.isdigit() else None


def _recipient_id(body: str | None) -> int | None:
    try:
        data = json.loads(body or "")
    except (TypeError, ValueError):
        return None  # multipart (attachments) cannot be checked, so it is not allowed
    value = data.get("recipient_id", data.get("recipientId")) if isinstance(data, dict) else None
    return _digits(value)


def _draft_of_send(body: str | None) -> int | None:
    try:
        data = json.loads(body or "")
    except (TypeError, ValueError):
        return None
    value = data.get("draft_id", data.get("draftId")) if isinstance(data, dict) else None
    return _digits(value)


def _created_draft_id(payload: Any) -> int | None:
    data = payload.get("data", {}) if isinstance(payload, dict) else {}
    value = (data.get("attributes") or {}).get("messageId", data.get("id"))
    return _digits(value)


class WriteGuard:
    """Installs the policy as a Playwright route on a context and records every write it sees."""

    def __init__(self, policy: WritePolicy) -> None:
        self.policy = policy
        self.attempts: list[WriteAttempt] = []
        self.api_origin: str | None = None  # where the app's drafts went, for the clean-up

    def clean_up(self, context: BrowserContext) -> None:
        """Delete the drafts this run saved and the scenario left behind, so staging keeps no trace."""
        leftovers = sorted(self.policy.own_drafts - self.policy.finished_drafts)
        for draft_id in leftovers:
            path = f"{MESSAGES}/{draft_id}"
            response = context.request.delete(f"{self.api_origin}{path}")
            ok = response.status < 300
            reason = f"clean-up of a draft this run saved: {response.status}"
            self.attempts.append(WriteAttempt("DELETE", path, ok, reason))
            if ok:
                self.policy.finished_drafts.add(draft_id)

    def as_records(self) -> list[dict[str, Any]]:
        return [asdict(a) for a in self.attempts]

    @property
    def blocked(self) -> list[WriteAttempt]:
        return [a for a in self.attempts if not a.allowed]

    def install(self, context: BrowserContext) -> None:
        context.route(re.compile(f".*{MY_HEALTH}/.*"), self._handle)

    def _handle(self, route: Route) -> None:
        request = route.request
        method = request.method.upper()
        path = urlsplit(request.url).path
        if method == "GET" and _ALL_RECIPIENTS.search(path) and self.policy.sending_allowed:
            response = route.fetch()
            self.policy.learn_recipients(_json_or_none(response))
            route.fulfill(response=response)
            return
        allowed, reason = self.policy.decide(method, path, request.post_data)
        if reason == "read":
            route.fallback()
            return
        self.attempts.append(WriteAttempt(method=method, path=path, allowed=allowed, reason=reason))
        if not allowed:
            route.abort("blockedbyclient")
            return
        if method == "POST" and _DRAFT_CREATE.search(path):
            parts = urlsplit(request.url)
            self.api_origin = f"{parts.scheme}://{parts.netloc}"
            response = route.fetch()
            draft_id = _created_draft_id(_json_or_none(response))
            if draft_id is not None:
                self.policy.own_drafts.add(draft_id)
            route.fulfill(response=response)
            return
        deleted = _DELETE.search(path) if method == "DELETE" else None
        sent_draft = _draft_of_send(request.post_data) if method == "POST" and _SEND.search(path) else None
        for draft_id in (int(deleted["id"]) if deleted else None, sent_draft):
            if draft_id is not None:
                self.policy.finished_drafts.add(draft_id)
        route.fallback()


def _json_or_none(response: APIResponse) -> Any:
    try:
        return response.json()
    except Exception:  # an empty or non-JSON answer teaches the policy nothing
        return None
