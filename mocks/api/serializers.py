"""JSON:API shapes of the domain objects, camelCase as vets-api renders them with X-Key-Inflection: camel."""

import copy
from datetime import datetime
from typing import Any

from contract import MESSAGES
from fixtures.model import CareTeam, Draft, Message


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def team_resource(team: CareTeam) -> dict[str, Any]:
    if team.raw is not None:  # fixture teams go out verbatim, only the contact-list choice is live
        item = copy.deepcopy(team.raw)
        if "preferredTeam" in (item.get("attributes") or {}):
            item["attributes"]["preferredTeam"] = team.preferred
        return item
    return {
        "id": str(team.triage_team_id),
        "type": "all_triage_teams",
        "attributes": {
            "triageTeamId": team.triage_team_id,
            "name": team.name,
            "stationNumber": team.station_number,
            "blockedStatus": team.blocked,
            "preferredTeam": team.preferred,
            "relationType": "PATIENT",
            "leadProviderName": team.lead_provider_name,
            "locationName": team.location_name,
            "teamName": team.team_name,
            "suggestedNameDisplay": team.suggested_name_display,
            "healthCareSystemName": team.health_care_system_name,
            "groupTypeEnumVal": team.group_type,
            "subGroupTypeEnumVal": team.sub_group_type,
            "groupTypePatientDisplay": team.group_type_display,
            "subGroupTypePatientDisplay": team.sub_group_type_display,
            "ohTriageGroup": team.oh,
            "migratingToOh": team.migrating_to_oh,
        },
    }


def legacy_team_resource(team: CareTeam) -> dict[str, Any]:
    return {
        "id": str(team.triage_team_id),
        "type": "triage_teams",
        "attributes": {
            "triageTeamId": team.triage_team_id,
            "name": team.name,
            "relationType": "PATIENT",
            "preferredTeam": team.preferred,
        },
    }


def message_attributes(message: Message) -> dict[str, Any]:
    return {
        "messageId": message.message_id,
        "category": message.category,
        "subject": message.subject,
        "body": message.body,
        "attachment": message.attachment,
        "sentDate": iso(message.sent_date),
        "senderId": message.sender_id,
        "senderName": message.sender_name,
        "recipientId": message.recipient_id,
        "recipientName": message.recipient_name,
        "readReceipt": None,
        "triageGroupName": message.sender_name if message.folder_id == 0 else message.recipient_name,
        "proxySenderName": None,
        "suggestedNameDisplay": message.suggested_name_display,
        "isOhMessage": message.is_oh,
        "ohMigrationPhase": None,
    }


def message_resource(message: Message, base_url: str) -> dict[str, Any]:
    if message.raw is not None:
        return copy.deepcopy(message.raw)
    return {
        "id": str(message.message_id),
        "type": "messages",
        "attributes": message_attributes(message),
        "relationships": {
            "attachments": {
                "data": [{"id": str(a["id"]), "type": "attachments"} for a in message.attachments]
            }
        },
        "links": {"self": f"{base_url}{MESSAGES}/{message.message_id}"},
    }


def attachment_resource(attachment: dict[str, Any], message_id: int, base_url: str) -> dict[str, Any]:
    return {
        "id": str(attachment["id"]),
        "type": "attachments",
        "attributes": {
            "name": attachment["name"],
            "messageId": message_id,
            "attachmentSize": attachment["size"],
        },
        "links": {"download": f"{base_url}{MESSAGES}/{message_id}/attachments/{attachment['id']}"},
    }


def draft_resource(
    draft: Draft, team: CareTeam | None, sender: tuple[int, str], base_url: str
) -> dict[str, Any]:
    return {
        "id": str(draft.message_id),
        "type": "message_drafts",
        "attributes": {
            "messageId": draft.message_id,
            "category": draft.category,
            "subject": draft.subject,
            "body": draft.body,
            "attachment": False,
            "sentDate": None,
            "senderId": sender[0],
            "senderName": sender[1],
            "recipientId": draft.recipient_id,
            "recipientName": team.name if team else None,
            "readReceipt": None,
            "triageGroupName": team.name if team else None,
            "proxySenderName": None,
        },
        "relationships": {"attachments": {"data": []}},
        "links": {"self": f"{base_url}{MESSAGES}/{draft.message_id}"},
    }


def thread_resource(message: Message, folder_id: int) -> dict[str, Any]:
    return {
        "id": str(message.message_id),
        "type": "message_threads",
        "attributes": {
            "threadId": message.message_id,
            "folderId": folder_id,
            "messageId": message.message_id,
            "threadPageSize": 1,
            "messageCount": 1,
            "category": message.category,
            "subject": message.subject,
            "triageGroupName": message.sender_name if folder_id == 0 else message.recipient_name,
            "sentDate": None if folder_id == -2 else iso(message.sent_date),
            "draftDate": iso(message.sent_date) if folder_id == -2 else None,
            "senderId": message.sender_id,
            "senderName": message.sender_name,
            "recipientName": message.recipient_name,
            "recipientId": message.recipient_id,
            "proxySenderName": None,
            "hasAttachment": message.attachment,
            "unsentDrafts": folder_id == -2,
            "unreadMessages": False,
            "isOhMessage": message.is_oh,
            "suggestedNameDisplay": message.suggested_name_display,
        },
    }
