"""Keep secrets out of evidence: cookie, session, token and authorization values never reach a report."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "[redacted]"
# Keys whose values are secrets wherever they appear (headers, cookies, storage state, query strings).
_SECRET_KEY = re.compile(
    r"(cookie|authori[sz]ation|token|secret|password|passwd|session|storage_?state|api[_-]?key|bearer|jwt)",
    re.IGNORECASE,
)
# Secrets embedded in free text (error messages, tracebacks).
_SECRET_TEXT = [
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + REDACTED),
    (re.compile(r"(?i)\b((?:set-)?cookie|authorization)\s*[:=]\s*[^\n]+"), r"\1: " + REDACTED),
    (
        re.compile(r"(?i)\b(mock_session|token|access_token|sessionid|session_id)=([^;&\s'\"]+)"),
        r"\1=" + REDACTED,
    ),
    (
        re.compile(r"(?i)(['\"](?:value|token|cookie)['\"]\s*:\s*['\"])[^'\"]+(['\"])"),
        r"\1" + REDACTED + r"\2",
    ),
]


def is_secret_key(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def redact_text(text: str) -> str:
    for pattern, replacement in _SECRET_TEXT:
        text = pattern.sub(replacement, text)
    return text


def redact_url(url: str) -> str:
    """Drop secret query parameters' values; keep the rest of the URL readable."""
    if not url or "?" not in url:
        return url
    parts = urlsplit(url)
    query = [
        (k, REDACTED if is_secret_key(k) else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="[]")))


def redact(value: Any) -> Any:
    """A copy of `value` (JSON-like) with secret keys' values and secret-looking text replaced."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            # A {"name": "mock_session", "value": ...} cookie record hides its secret under "value".
            if is_secret_key(str(key)) or (key == "value" and is_secret_key(str(value.get("name", "")))):
                out[key] = REDACTED
            else:
                out[key] = redact(item)
        return out
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    if isinstance(value, str):
        return (
            redact_url(redact_text(value))
            if value.startswith(("http://", "https://", "/"))
            else redact_text(value)
        )
    return value
