"""Drafts (autosave): POST message_drafts -> 201, PUT message_drafts/{id} -> 204 (sm-api.md §1.6, §5.1)."""

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from contract import MESSAGE_DRAFTS
from fixtures.model import Draft
from mocks.api.compose import validate
from mocks.api.errors import not_found, sm_error
from mocks.api.http import base_url, json_object, path_id, session_of
from mocks.api.serializers import draft_resource

BASE = MESSAGE_DRAFTS


async def create_draft(request: Request) -> JSONResponse:
    session = session_of(request)
    data = await json_object(request, wrapper="message_draft")
    composed = validate(session, data)
    draft = Draft(
        session.store.new_id(),
        composed.recipient_id,
        composed.category,
        composed.subject,
        composed.body,
        session.now(),
    )
    session.store.drafts[draft.message_id] = draft
    user = session.patient.user
    resource = draft_resource(
        draft, composed.team, (user.user_profile_id, user.sender_name), base_url(request)
    )
    return JSONResponse({"data": resource}, status_code=201)


async def update_draft(request: Request) -> Response:
    session = session_of(request)
    draft_id = path_id(request.path_params["draft_id"])
    draft = session.store.drafts.get(draft_id)
    if draft is None:
        if any(m.message_id == draft_id for m in session.sent_messages()):
            raise sm_error("SM134")
        raise not_found(draft_id)
    data = await json_object(request, wrapper="message_draft")
    composed = validate(session, data)
    draft.recipient_id, draft.category = composed.recipient_id, composed.category
    draft.subject, draft.body, draft.saved_at = composed.subject, composed.body, session.now()
    return Response(status_code=204)


routes = [
    Route(BASE, create_draft, methods=["POST"], name="draft_create"),
    Route(f"{BASE}/{{draft_id}}", update_draft, methods=["PUT"], name="draft_update"),
]
