"""GET /data/cms/vamc-ehr.json: the Drupal static file mapping stations to system names and EHRs."""

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from fixtures import care_systems
from mocks.api.http import session_of
from mocks.api.session import Session


def _entity(vha_id: str, facility: str, system: str, ehr: str) -> dict[str, Any]:
    return {
        "title": facility,
        "fieldFacilityLocatorApiId": f"vha_{vha_id}",
        "fieldRegionPage": {"entity": {"title": system, "fieldVamcEhrSystem": ehr}},
    }


def vamc_document(session: Session) -> dict[str, Any]:
    raw: dict[str, Any] | None = session.patient.raw.get("vamc_ehr")  # the fixture folder's document
    if raw is not None:
        return raw
    # The whole catalogue, as production lists every VAMC; the patient's systems are always in it.
    entities = {e.vha_id: _entity(e.vha_id, e.facility_name, e.system_name, e.ehr) for e in care_systems.ALL}
    for system in session.patient.care_systems:
        entities[system.vha_id] = _entity(system.vha_id, system.facility_name, system.name, system.ehr)
    items = list(entities.values())
    return {"data": {"nodeQuery": {"count": len(items), "entities": items}}}


async def vamc_ehr(request: Request) -> JSONResponse:
    return JSONResponse(vamc_document(session_of(request)))


routes = [Route("/data/cms/vamc-ehr.json", vamc_ehr, methods=["GET"], name="vamc_ehr")]
