"""GET /v0/user: the signed-in patient (users_scaffolds), with facilities and the messaging service."""

from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mocks.api.http import session_of
from mocks.api.serializers import iso
from mocks.api.session import Session

SERVICES = [
    "facilities",
    "hca",
    "edu-benefits",
    "form-save-in-progress",
    "form-prefill",
    "evss-claims",
    "form526",
    "user-profile",
    "appeals-status",
    "identity-proofed",
    "vet360",
    "rx",
]


PHASE_DAYS = 7  # each migration phase lasts a week here; only their order matters to the app


def _day(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year}"


def migration_schedule(vha_id: str, facility: str, phase: str | None, now: datetime) -> dict[str, Any]:
    """One entry of vaProfile.migrationSchedules, dated around the current phase (p0-p7) as vets-api
    words them ("February 7, 2026 at 12:00AM ET"); the migration date is the start of p5 (T)."""
    current = int(phase[1:]) if phase and phase[1:].isdigit() else 0
    start = (now - timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    dates = {i: start + timedelta(days=(i - current) * PHASE_DAYS) for i in range(8)}
    return {
        "migrationDate": _day(dates[5]),
        "facilities": [{"facilityId": vha_id, "facilityName": facility}],
        "migrationStatus": "ACTIVE",
        "phases": {"current": phase, **{f"p{i}": f"{_day(d)} at 12:00AM ET" for i, d in dates.items()}},
    }


def user_document(session: Session) -> dict[str, Any]:
    patient, now = session.patient, session.now()
    raw: dict[str, Any] | None = patient.raw.get("user")  # the fixture folder's document
    if raw is not None:
        if session.messaging_access:
            return raw
        doc = {**raw, "data": {**raw["data"], "attributes": dict(raw["data"]["attributes"])}}
        attrs = doc["data"]["attributes"]
        attrs["services"] = [s for s in attrs.get("services", []) if s != "messaging"]
        return doc
    user = patient.user
    services = [*SERVICES, "messaging"] if session.messaging_access else list(SERVICES)
    facilities = [{"facilityId": s.vha_id, "isCerner": s.ehr == "cerner"} for s in patient.care_systems]
    migrating = [s for s in patient.care_systems if s.migrating]
    schedules = [migration_schedule(s.vha_id, s.facility_name, s.migration_phase, now) for s in migrating]
    return {
        "data": {
            "id": "",
            "type": "users_scaffolds",
            "attributes": {
                "services": services,
                "account": {"accountUuid": user.account_uuid},
                "profile": {
                    "email": user.email,
                    "firstName": user.first_name,
                    "middleName": user.middle_name,
                    "lastName": user.last_name,
                    "birthDate": user.birth_date,
                    "gender": "M",
                    "zip": "20420",
                    "lastSignedIn": iso(now),
                    "loa": {"current": 3, "highest": 3},
                    "multifactor": True,
                    "verified": True,
                    "signIn": {"serviceName": "idme", "authBroker": "sis", "clientId": "vaweb"},
                    "authnContext": "http://idmanagement.gov/ns/assurance/loa/3",
                },
                "vaProfile": {
                    "status": "OK",
                    "birthDate": user.birth_date.replace("-", ""),
                    "familyName": user.last_name,
                    "gender": "M",
                    "givenNames": [user.first_name, user.middle_name],
                    "isCernerPatient": any(f["isCerner"] for f in facilities),
                    "facilities": facilities,
                    "vaPatient": True,
                    "mhvAccountState": "OK",
                    "userAtPretransitionedOhFacility": bool(migrating),
                    "userFacilityReadyForInfoAlert": bool(migrating),
                    "userFacilityMigratingToOh": bool(migrating),
                    "migrationSchedules": schedules,
                },
                "mhvUserProfileId": user.user_profile_id,
                "inProgressForms": [],
                "prefillsAvailable": [],
            },
        },
        "meta": {"errors": None},
    }


async def get_user(request: Request) -> JSONResponse:
    return JSONResponse(user_document(session_of(request)))


async def maintenance_windows(request: Request) -> JSONResponse:
    return JSONResponse({"data": []})


routes = [
    Route("/v0/user", get_user, methods=["GET"], name="user"),
    Route("/v0/maintenance_windows", maintenance_windows, methods=["GET"], name="maintenance_windows"),
]
