"""GET /v0/user: the signed-in patient (users_scaffolds), with facilities and the messaging service."""

from datetime import timedelta
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


def user_document(session: Session) -> dict[str, Any]:
    patient, now = session.patient, session.now()
    raw = patient.raw.get("user")
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
    schedules = [
        {
            "migrationDate": iso(now + timedelta(days=30)),
            "facilities": [{"facilityId": s.vha_id, "facilityName": s.facility_name}],
            "phases": {
                "current": s.migration_phase,
                **{f"p{i}": iso(now + timedelta(days=30 + (i - 3) * 14)) for i in range(8)},
            },
        }
        for s in migrating
    ]
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
