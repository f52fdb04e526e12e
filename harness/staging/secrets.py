"""Keep the signed-in session's secrets (cookie and storage values) out of reports and logs.

Key-based redaction (harness/evidence/redact.py) hides values stored under secret-looking keys; this adds
the other half for staging runs: the exact secret values from the storage state are replaced wherever
they appear in free text (tracebacks, captured output, log lines).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from harness.evidence.redact import REDACTED, redact_text

# Values this short are not worth hiding (e.g. "1", "true") and would mangle ordinary text.
_MIN_SECRET_LEN = 6


def load_storage_state(path: Path | str) -> dict[str, Any]:
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"storage state {path}: cannot read it as JSON ({exc.__class__.__name__})") from None
    if not isinstance(state, dict) or not isinstance(state.get("cookies", []), list):
        raise ValueError(f"storage state {path}: not a Playwright storage state (no cookies list)")
    return state


def secret_values(state: Mapping[str, Any]) -> list[str]:
    """Every cookie value and local-storage value in a storage state, longest first."""
    values = [str(c.get("value", "")) for c in state.get("cookies", [])]
    for origin in state.get("origins", []) or []:
        values += [str(item.get("value", "")) for item in origin.get("localStorage", []) or []]
    return sorted({v for v in values if len(v) >= _MIN_SECRET_LEN}, key=len, reverse=True)


def cookies_for(state: Mapping[str, Any], url: str) -> dict[str, str]:
    """The storage state's cookies a browser would send to `url` (domain and path match, no expiry check)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    path = parts.path or "/"
    chosen: dict[str, str] = {}
    for cookie in state.get("cookies", []):
        domain = str(cookie.get("domain", "")).lstrip(".")
        if not (host == domain or host.endswith(f".{domain}")):
            continue
        if not path.startswith(str(cookie.get("path", "/"))):
            continue
        if cookie.get("secure") and parts.scheme != "https" and host not in ("127.0.0.1", "localhost"):
            continue
        chosen[str(cookie["name"])] = str(cookie.get("value", ""))
    return chosen


class Scrubber:
    """Replaces known secret values, then secret-looking text, in any string."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if len(s) >= _MIN_SECRET_LEN}, key=len, reverse=True)

    def add(self, secrets: Iterable[str]) -> None:
        self.secrets = sorted({*self.secrets, *secrets} - {""}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return redact_text(text)


def install_log_scrubbing(scrub: Scrubber) -> None:
    """Scrub every log record at creation, so no handler (pytest's capture included) sees a secret."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_staging_scrubber", None) is scrub:
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call is not ours to fix; leave it as it is
            return record
        record.msg, record.args = scrub(message), None
        return record

    factory._staging_scrubber = scrub  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
