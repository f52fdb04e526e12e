"""Validation shared by drafts and send (vets-api Message / MessageDraft models, sm-api.md §5)."""

import re
from dataclasses import dataclass
from typing import Any

from fixtures.model import CareTeam
from fixtures.profiles import CATEGORIES
from mocks.api.errors import sm_error, validation_error
from mocks.api.http import MAX_ID, field
from mocks.api.session import Session

_TAG = re.compile(r"<[^>]*>")


def strip_html(text: str) -> str:
    return _TAG.sub("", text)


@dataclass
class Composed:
    recipient_id: int
    team: CareTeam
    category: str
    subject: str
    body: str


def _recipient(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def validate(session: Session, data: dict[str, Any]) -> Composed:
    """Presence and type checks first (422 with source.pointer per field), then the team (SM119)."""
    problems: list[tuple[str, str]] = []
    raw_recipient = field(data, "recipient_id")
    recipient = _recipient(raw_recipient)
    if raw_recipient in (None, ""):
        problems.append(("recipient_id", "can't be blank"))
    elif recipient is None or not 0 < recipient <= MAX_ID:
        problems.append(("recipient_id", "is not a number"))
    category = data.get("category")
    if category in (None, ""):
        problems.append(("category", "can't be blank"))
    elif category not in CATEGORIES:
        problems.append(("category", "is not included in the list"))
    subject = data.get("subject")
    if subject is not None and not isinstance(subject, str):
        problems.append(("subject", "must be text"))
    body = data.get("body")
    if body is None or (isinstance(body, str) and not body.strip()):
        problems.append(("body", "can't be blank"))
    elif not isinstance(body, str):
        problems.append(("body", "must be text"))
    if problems:
        raise validation_error(problems)
    assert recipient is not None and isinstance(body, str)
    team = session.team(recipient)
    if team is None:
        raise sm_error("SM119")
    return Composed(recipient, team, str(category), strip_html(subject or ""), strip_html(body))


def check_can_send(session: Session, team: CareTeam) -> None:
    """Blocked teams: SM151 when the patient is blocked from the whole facility, else SM119."""
    if not team.blocked:
        return
    at_station = [t for t in session.teams() if t.station_number == team.station_number]
    raise sm_error("SM151" if all(t.blocked for t in at_station) else "SM119")
