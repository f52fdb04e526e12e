"""Datadog browser-SDK intake batches: parse them and keep the events as Datadog counts them.

Shared by the mock's RUM intake (mocks/api/routes/rum.py) and the harness's staging interception
(harness/rum.py), so both modes read one format one way.

A batch is what `@datadog/browser-rum` POSTs to its intake (or to `proxy?ddforward=<intake path>`):
newline-separated JSON events, deflated when the SDK compresses (`dd-evp-encoding=deflate`). Session
replay segments (`/api/v2/replay`, multipart) are counted, not parsed. View events are re-sent as the
view changes (`_dd.document_version`); the newest version of each view is kept. Actions, resources and
errors carry their own id: a retried batch does not count them twice.
"""

from __future__ import annotations

import json
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

MAX_BATCH_BYTES = 4 * 1024 * 1024
KINDS = ("action", "view", "resource", "error")
FLUSH_MARKER = "harness: RUM flush"  # the custom action the harness adds to know a flush arrived


class BatchError(ValueError):
    """The body is not an SDK batch (the intake answers 400)."""


def intake_path(url: str) -> str | None:
    """The Datadog intake path of a request (`/api/v2/rum`), direct or through a `ddforward` proxy."""
    parsed = urlparse(url)
    forwarded = parse_qs(parsed.query).get("ddforward")
    path = unquote(forwarded[0]) if forwarded else parsed.path
    path = urlparse(path).path
    return path if path.startswith("/api/v2/") else None


def track_of(url: str) -> str | None:
    """`rum`, `replay`, `logs` ... for an intake URL; None when the URL is not a Datadog intake."""
    path = intake_path(url)
    return path.removeprefix("/api/v2/").split("/")[0] or None if path else None


def _query_of(url: str) -> dict[str, list[str]]:
    parsed = urlparse(url)
    forwarded = parse_qs(parsed.query).get("ddforward")
    return parse_qs(urlparse(unquote(forwarded[0])).query) if forwarded else parse_qs(parsed.query)


def _inflate(body: bytes) -> bytes:
    # The SDK deflates as a zlib stream flushed per message; the last block may be unterminated.
    try:
        return zlib.decompressobj().decompress(body)
    except zlib.error as exc:
        raise BatchError(f"the batch says it is deflated but is not: {exc}") from None


def parse_batch(url: str, body: bytes) -> list[dict[str, Any]]:
    """The raw RUM events of one batch; [] for a replay or logs batch. Raises BatchError on garbage."""
    track = track_of(url)
    if track is None:
        raise BatchError("not a Datadog intake request: ddforward must name /api/v2/<track>")
    if len(body) > MAX_BATCH_BYTES:
        raise BatchError(f"batch of {len(body)} bytes exceeds {MAX_BATCH_BYTES}")
    if track != "rum":
        return []
    if not body.strip():
        raise BatchError("empty batch")
    compressed = "deflate" in _query_of(url).get("dd-evp-encoding", []) or body[:1] == b"\x78"
    text = _inflate(body) if compressed else body
    events = []
    for number, line in enumerate(text.decode("utf-8", errors="strict").splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError as exc:
            raise BatchError(f"line {number} is not JSON: {exc}") from None
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise BatchError(f"line {number} is not a RUM event (an object with a type)")
        events.append(event)
    return events


def _path(url: Any) -> str | None:
    return urlparse(url).path if isinstance(url, str) else None


def _view(event: dict[str, Any]) -> dict[str, Any]:
    view = event.get("view") or {}
    return {"id": view.get("id"), "url": view.get("url"), "path": _path(view.get("url"))}


def _dig(event: dict[str, Any], *keys: str) -> Any:
    value: Any = event
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def normalise(event: dict[str, Any]) -> dict[str, Any] | None:
    """One raw RUM event as the dashboard reads it; None for kinds the harness does not keep."""
    kind = event.get("type")
    base = {"kind": kind, "date": event.get("date"), "view": _view(event),
            "service": event.get("service"), "session_id": _dig(event, "session", "id")}  # fmt: skip
    if kind == "action":
        action = event.get("action") or {}
        return {**base, "id": action.get("id"), "type": action.get("type"),
                "name": _dig(action, "target", "name"), "context": event.get("context") or {}}  # fmt: skip
    if kind == "view":
        view = event.get("view") or {}
        return {**base, "id": view.get("id"), "url": view.get("url"), "path": _path(view.get("url")),
                "name": view.get("name"), "version": _dig(event, "_dd", "document_version") or 0}  # fmt: skip
    if kind == "resource":
        resource = event.get("resource") or {}
        duration = resource.get("duration")  # nanoseconds
        duration_ms = round(duration / 1e6, 3) if isinstance(duration, int | float) else None
        url = resource.get("url")
        return {**base, "id": resource.get("id"), "url": url, "path": _path(url),
                "method": resource.get("method"), "status": resource.get("status_code"),
                "resource_type": resource.get("type"),
                "duration_ms": duration_ms}  # fmt: skip
    if kind == "error":
        error = event.get("error") or {}
        return {**base, "id": error.get("id"), "message": error.get("message"), "source": error.get("source"),
                "error_type": error.get("type")}  # fmt: skip
    return None


@dataclass
class RumStore:
    """The RUM events of one session (mock) or one browser context (staging interception)."""

    limit: int = 5_000
    batches: int = 0
    replay_segments: int = 0
    _events: OrderedDict[tuple[str, str], dict[str, Any]] = field(default_factory=OrderedDict)

    def add_batch(self, url: str, body: bytes) -> int:
        """Parse and keep one batch; returns how many events it carried. Raises BatchError on garbage."""
        raw = parse_batch(url, body)
        self.batches += 1
        if track_of(url) == "replay":
            self.replay_segments += 1
        for event in raw:
            self.add(event)
        return len(raw)

    def add(self, raw: dict[str, Any]) -> None:
        event = normalise(raw)
        if event is None:
            return
        key = (event["kind"], str(event.get("id") or len(self._events)))
        kept = self._events.get(key)
        if kept is not None and (event["kind"] != "view" or kept["version"] >= event["version"]):
            return  # a retried batch, or an older update of a view
        self._events[key] = event
        while len(self._events) > self.limit:
            self._events.popitem(last=False)

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self._events.values() if kind is None or e["kind"] == kind]

    def summary(self) -> dict[str, Any]:
        return {"batches": self.batches, "replay_segments": self.replay_segments, "events": self.events()}

    def clear(self) -> None:
        self._events.clear()
        self.batches = self.replay_segments = 0


def legacy_action(event: dict[str, Any]) -> dict[str, Any]:
    """An action in the control plane's original `rum_actions()` shape, plus the view it happened on."""
    return {"name": event.get("name"), "type": event.get("type"), "context": event.get("context") or {},
            "url": event["view"].get("url"), "view": event["view"].get("path"), "ts": event.get("date"),
            "id": event.get("id")}  # fmt: skip
