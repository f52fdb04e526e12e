"""Cross-cutting behaviour as pure ASGI middleware, so no endpoint carries it: the VA-shaped catch-all,
session selection (+ sign-in and messaging access), the request journal, and fault injection.
"""

import asyncio
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from contract import MESSAGING
from mocks.api import jsonio
from mocks.api.errors import ApiError, error_entry, no_messaging, not_signed_in, sm_error
from mocks.api.session import SessionRegistry

MAX_BODY = 40 * 1024 * 1024  # above the 25 MB large-attachment limit plus multipart overhead
API_PREFIXES = ("/v0/", "/my_health/", "/data/")
log = logging.getLogger("mocks")


class DropConnection(Exception):
    """Raised after the response head is sent, so the server closes the connection mid-response."""


class _QuietDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DropConnection))


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


def is_api(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def cookies(scope: Scope) -> dict[str, str]:
    raw = header(scope, b"cookie")
    if raw is None:
        return {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return {}
    return {k: m.value for k, m in jar.items()}


def header(scope: Scope, wanted: bytes) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])  # ASGI: lower-cased name, value bytes
    for name, value in headers:
        if name == wanted:
            return value.decode("latin-1")
    return None


async def send_error(send: Send, error: ApiError) -> None:
    body = json.dumps({"errors": error.errors}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class CatchAll:
    """An internal bug still answers a VA error body (500), never a bare traceback page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except DropConnection:
            raise
        except ApiError as error:
            if started:
                raise
            await send_error(send, error)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await send_error(
                send,
                ApiError(
                    500, [error_entry(500, "The mock hit an internal error", title="Internal server error")]
                ),
            )


class SessionSelect:
    """Pick the session (cookie `mock_session` or header `X-Mock-Session`; with a fixture-user pool, the
    `vagov_session` cookie's user unless a mock session is named), check sign-in and access."""

    def __init__(self, app: ASGIApp, registry: SessionRegistry, require_sign_in: bool) -> None:
        self.app = app
        self.registry = registry
        self.require_sign_in = require_sign_in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_mock/"):
            await self.app(scope, receive, send)
            return
        jar = cookies(scope)
        wanted = header(scope, b"x-mock-session") or jar.get("mock_session")
        if not self.registry.control:
            wanted = None  # staging-like: one patient (or the pool's), no per-test sessions
        user = self.registry.signed_in_user(jar.get("vagov_session"))
        session = user if (user and not wanted) else self.registry.get(wanted)
        path = scope["path"]
        if session is None:
            if is_api(path):
                await send_error(
                    send,
                    ApiError.generic(
                        400,
                        f"Unknown mock session {wanted!r}",
                        title="Unknown mock session",
                        code="MOCK_SESSION",
                    ),
                )
                return
            session = self.registry.get(None)
        scope["mock.session"] = session
        if self.registry.users:  # a pool signs in only its own users (the app refuses a pool without sign-in)
            signed_in = user is not None
        else:
            signed_in = bool(jar.get("vagov_session")) or not self.require_sign_in
        scope["mock.signed_in"] = signed_in
        await self.app(scope, receive, send)


class Guard:
    """401 without sign-in (staging-like mode), 403 for messaging without access. Journalled."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if scope["type"] == "http" and "mock.session" in scope:
            # Feature toggles need no sign-in in vets-api (sm-api.md §3.1); everything else under /v0 does.
            if (
                not scope["mock.signed_in"]
                and path.startswith(("/v0/", "/my_health/"))
                and path != "/v0/feature_toggles"
            ):
                await send_error(send, not_signed_in())
                return
            if path.startswith(MESSAGING) and not scope["mock.session"].messaging_access:
                await send_error(send, no_messaging())
                return
        await self.app(scope, receive, send)


class EndpointNames:
    """Maps a request to its route name (= the journal and fault endpoint name)."""

    CACHE_LIMIT = 4096

    def __init__(self, routes: list[BaseRoute]) -> None:
        self.routes = routes
        self.cache: dict[tuple[str, str], str | None] = {}

    def __call__(self, scope: Scope) -> str | None:
        key = (scope["method"], scope["path"])
        if key not in self.cache:
            if len(self.cache) >= self.CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = self._match(scope)
        return self.cache[key]

    def _match(self, scope: Scope) -> str | None:
        partial = None
        for route in self.routes:
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return getattr(route, "name", None)
            if match == Match.PARTIAL and partial is None:
                partial = getattr(route, "name", None)
        return partial


def _body_summary(scope: Scope, raw: bytes) -> Any:
    if "mock.journal_body" in scope:
        return scope["mock.journal_body"]
    if not raw:
        return None
    content_type = header(scope, b"content-type") or ""
    if "json" in content_type or raw[:1] in (b"{", b"["):
        try:
            return jsonio.loads(raw)
        except (ValueError, UnicodeDecodeError):
            pass
    if content_type.startswith("multipart/"):
        return {"multipart": len(raw)}
    return raw[:2000].decode("utf-8", "replace")


class Journal:
    """Records every API request of a session: method, path, query, body, status, latency, endpoint."""

    def __init__(self, app: ASGIApp, names: Callable[[Scope], str | None]) -> None:
        self.app = app
        self.names = names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "mock.session" not in scope or not is_api(scope["path"]):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        endpoint = self.names(scope)
        scope["mock.endpoint"] = endpoint
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                await send_error(
                    send,
                    ApiError.generic(
                        413, f"The request body is larger than {MAX_BODY} bytes", title="Payload too large"
                    ),
                )
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        raw = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": raw, "more_body": False}

        status = 0

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, replay, recording_send)
        finally:
            latency = (time.perf_counter() - started) * 1000
            query = {
                k: v if len(v) > 1 else v[0]
                for k, v in parse_qs(scope.get("query_string", b"").decode("latin-1")).items()
            }
            scope["mock.session"].journal.append(
                {
                    "method": scope["method"],
                    "path": scope["path"],
                    "query": query,
                    "body": _body_summary(scope, raw),
                    "status": 0 if scope.get("mock.dropped") else (status or 500),
                    "latency_ms": round(latency, 3),
                    "ts": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                    "endpoint": endpoint,
                }
            )


async def _sleep_at_least(seconds: float) -> None:
    # The event loop's timers may fire up to a millisecond early; an injected latency is a promise.
    deadline = time.perf_counter() + seconds
    while (remaining := deadline - time.perf_counter()) > 0:
        await asyncio.sleep(remaining)


class Faults:
    """Applies the session's faults for the request's endpoint: latency, then drop, SM code or status."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = scope.get("mock.endpoint")
        session = scope.get("mock.session")
        fault = session.take_fault(endpoint) if (session is not None and endpoint) else None
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.latency_ms:
            await _sleep_at_least(fault.latency_ms / 1000)
        if fault.drop:
            # Announce a body that never comes, then abort: the client sees a broken connection.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"1024")],
                }
            )
            scope["mock.dropped"] = True
            raise DropConnection(endpoint)
        if fault.code:
            error = sm_error(fault.code)
            if fault.status:
                error.status = fault.status
                for entry in error.errors:
                    entry["status"] = str(fault.status)
            await send_error(send, error)
            return
        if fault.status:
            await send_error(send, ApiError.generic(fault.status, f"Injected fault on {endpoint}"))
            return
        await self.app(scope, receive, send)
