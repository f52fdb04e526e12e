"""The RUM intake (CONTRACTS.md §3): the stand-in's Datadog SDK sends every batch here (`proxy`).

`POST /rum-intake?ddforward=/api/v2/<track>?...` takes a batch as the SDK sends it, compressed or
not, and keeps its events in the session's RUM journal (chosen by cookie like any app request, so it
works with --no-control too). Anything that is not a batch gets a VA-shaped 400.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mocks.api.errors import bad_request
from mocks.api.http import session_of
from mocks.rum_format import BatchError

INTAKE_PATH = "/rum-intake"


async def intake(request: Request) -> Response:
    body = await request.body()
    try:
        session_of(request).rum.add_batch(str(request.url), body)
    except (BatchError, UnicodeDecodeError) as exc:
        raise bad_request(f"Not a Datadog RUM batch: {exc}") from None
    return Response(status_code=202)  # what Datadog's intake answers


routes = [Route(INTAKE_PATH, intake, methods=["POST"], name="rum_intake")]
