"""RUM events shaped as @datadog/browser-rum 7 sends them (only the fields the harness reads)."""

from __future__ import annotations

import json
import zlib
from typing import Any

from contract import SELECT_CARE_TEAM

RUM_URL = "/rum-intake?ddforward=%2Fapi%2Fv2%2Frum%3Fddsource%3Dbrowser%26dd-evp-origin%3Dbrowser"
DEFLATE_URL = RUM_URL + "%26dd-evp-encoding%3Ddeflate"
REPLAY_URL = "/rum-intake?ddforward=%2Fapi%2Fv2%2Freplay%3Fddsource%3Dbrowser"
VIEW = {"id": "view-1", "url": f"http://127.0.0.1:8000{SELECT_CARE_TEAM}"}


def action(name: str, kind: str = "click", action_id: str = "a1",
           view: dict[str, Any] = VIEW) -> dict[str, Any]:  # fmt: skip
    return {"type": "action", "date": 1, "service": "va.gov-mhv-secure-messaging", "session": {"id": "s1"},
            "view": view, "action": {"id": action_id, "type": kind, "target": {"name": name}}}  # fmt: skip


def view(version: int, view_id: str = "view-1", url: str = VIEW["url"]) -> dict[str, Any]:
    return {"type": "view", "date": 1, "view": {"id": view_id, "url": url, "name": None},
            "_dd": {"document_version": version}}  # fmt: skip


def resource(path: str, method: str, status: int, duration_ns: int, resource_id: str,
             view: dict[str, Any] = VIEW) -> dict[str, Any]:  # fmt: skip
    return {"type": "resource", "date": 1, "view": view,
            "resource": {"id": resource_id, "url": f"http://127.0.0.1:8000{path}", "method": method,
                         "status_code": status, "type": "fetch", "duration": duration_ns}}  # fmt: skip


def batch(*events: dict[str, Any]) -> bytes:
    return "\n".join(json.dumps(e) for e in events).encode()


def deflated(*events: dict[str, Any]) -> bytes:
    """Deflated as the SDK's worker does: a zlib stream flushed per message, never finished."""
    stream = zlib.compressobj()
    return b"".join(stream.compress(json.dumps(e).encode() + b"\n") + stream.flush(zlib.Z_SYNC_FLUSH)
                    for e in events)  # fmt: skip
