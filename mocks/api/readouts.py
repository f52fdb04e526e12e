"""What the control plane reads back: the patient as scenarios see it, and the dashboard metrics."""

import calendar
import statistics
from datetime import datetime
from typing import Any

from fixtures.model import CareTeam, Message
from mocks.api.session import Session

RECENT_LIMIT = 4


def months_before(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 - months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def recent_window_messages(session: Session, since: datetime | None, until: datetime | None) -> list[Message]:
    """Sent messages the sent-folder search returns for a window; fixture results are served as-is."""
    out = []
    for message in session.sent_messages():
        if message.raw is None and (
            (since and message.sent_date < since) or (until and message.sent_date > until)
        ):
            continue
        out.append(message)
    return out


def system_name(session: Session, team: CareTeam) -> str:
    system = session.patient.system(team.station_number)
    return team.health_care_system_name or (system.name if system else team.station_number)


def team_view(session: Session, team: CareTeam, name: str | None = None) -> dict[str, Any]:
    return {
        "triageTeamId": team.triage_team_id,
        "name": name or team.name,
        "displayName": team.display_name,
        "stationNumber": team.station_number,
        "careSystemName": system_name(session, team),
        "ohTriageGroup": team.oh,
        "blocked": team.blocked,
        "preferredTeam": team.preferred,
        "signatureRequired": team.signature_required,
        "migratingToOh": team.migrating_to_oh,
    }


def signature_data(session: Session) -> dict[str, Any]:
    """The `data` of the signature preference: a fixture folder's verbatim, else the patient's."""
    raw = session.patient.raw.get("signature")
    if raw is not None:
        data = raw.get("data") if isinstance(raw, dict) else None
        return dict(data) if isinstance(data, dict) else {}
    return dict(session.patient.signature)


def patient_view(session: Session) -> dict[str, Any]:
    patient, now = session.patient, session.now()
    teams = session.teams()
    allowed = [t for t in teams if t.preferred and not t.blocked]
    allowed_ids = {t.triage_team_id for t in allowed}
    sent_ids = list(
        dict.fromkeys(m.recipient_id for m in recent_window_messages(session, months_before(now, 6), now))
    )
    by_id = {t.triage_team_id: t for t in teams}
    # Exactly the web app's rule: unique recipients in response order, allowed only, first 4,
    # named suggestedNameDisplay || name.
    recent = [by_id[i] for i in sent_ids if i in allowed_ids][:RECENT_LIMIT]
    user = patient.user
    return {
        "profile": patient.profile,
        "seed": patient.seed,
        "recentTeamsRequested": patient.recent_teams,
        "now": now.isoformat().replace("+00:00", "Z"),
        "user": {
            "email": user.email,
            "firstName": user.first_name,
            "lastName": user.last_name,
            "flipperId": user.flipper_id,
            "accountUuid": user.account_uuid,
            "messaging": session.messaging_access,
        },
        "careSystems": [
            {
                "vhaId": s.vha_id,
                "name": s.name,
                "ehr": s.ehr,
                "migrating": s.migrating,
                "migrationPhase": s.migration_phase,
                "allowedTeams": sum(1 for t in allowed if t.station_number == s.vha_id),
            }
            for s in patient.care_systems
        ],
        "careTeams": [team_view(session, t) for t in teams],
        "allowedCareTeams": [team_view(session, t) for t in allowed],
        "recentCareTeams": [team_view(session, t, t.display_name) for t in recent],
        "sentRecipientIds": sent_ids,
        "signature": signature_data(session),
        "drafts": [
            {
                "messageId": d.message_id,
                "recipientId": d.recipient_id,
                "category": d.category,
                "subject": d.subject,
                "body": d.body,
            }
            for d in session.store.drafts.values()
        ],
        "sentMessages": [
            {
                "messageId": m.message_id,
                "recipientId": m.recipient_id,
                "category": m.category,
                "subject": m.subject,
                "body": m.body,
                "draftId": m.draft_id,
                "isOhTriageGroup": m.is_oh,
                "attachments": [{"name": a["name"], "size": a["size"]} for a in m.attachments],
            }
            for m in session.store.sent
        ],
        "tooltips": [dict(t) for t in session.store.tooltips.values()],
        "defects": list(session.defects),
    }


_METRIC_ENDPOINTS = {
    "drafts_created": "draft_create",
    "drafts_updated": "draft_update",
    "drafts_deleted": "draft_delete",
    "messages_sent": "send",
}


def _latency(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"p50": None, "p95": None, "count": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2), "count": len(ordered)}


def metrics(session: Session) -> dict[str, Any]:
    """The release plan's dashboard: draft and send counts by status code, latency, send error share."""
    journal = list(session.journal)
    out: dict[str, Any] = {}
    for metric, endpoint in _METRIC_ENDPOINTS.items():
        counts: dict[str, int] = {}
        for entry in journal:
            if entry["endpoint"] == endpoint:
                counts[str(entry["status"])] = counts.get(str(entry["status"]), 0) + 1
        out[metric] = counts
    draft_latency = [
        e["latency_ms"] for e in journal if e["endpoint"] in ("draft_create", "draft_update", "draft_delete")
    ]
    sends = [e for e in journal if e["endpoint"] == "send"]
    out["latency_ms"] = {"draft": _latency(draft_latency), "send": _latency([e["latency_ms"] for e in sends])}
    failed = sum(1 for e in sends if not 200 <= e["status"] < 300)
    out["send_error_rate"] = round(failed / len(sends), 4) if sends else 0.0
    return out
