"""Small request helpers shared by the routers: the session, JSON bodies, ids, field lookup."""

from typing import Any, cast

from starlette.requests import Request

from mocks.api import jsonio
from mocks.api.errors import bad_request, not_found
from mocks.api.session import Session

MAX_ID = 2**31 - 1


def session_of(request: Request) -> Session:
    return cast(Session, request.scope["mock.session"])  # put there by the SessionSelect middleware


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def json_object(request: Request, *, wrapper: str | None = None) -> dict[str, Any]:
    """The JSON object body (empty body -> {}); Rails-style `wrapper` key unwrapped when present."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = jsonio.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad_request(f"The request body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise bad_request("The request body must be a JSON object")
    if wrapper and isinstance(inner := data.get(wrapper), dict):
        return inner
    return data


def path_id(value: str) -> int:
    """A numeric id from the path; anything else is a record that cannot exist (404)."""
    try:
        number = int(value)
    except ValueError:
        raise not_found(value) from None
    if not -MAX_ID <= number <= MAX_ID:
        raise not_found(value)
    return number


def field(data: dict[str, Any], snake: str) -> Any:
    """A field by its snake_case name or the camelCase the app may send (OliveBranch accepts both)."""
    if snake in data:
        return data[snake]
    head, *rest = snake.split("_")
    return data.get(head + "".join(p.capitalize() for p in rest))
