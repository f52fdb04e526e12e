"""Secrets never reach a report: cookie, session, token and authorization values are replaced."""

from __future__ import annotations

from contract import CURATED_LIST_FLOW
from harness.evidence.redact import REDACTED, redact, redact_text, redact_url


def test_secret_keys_are_redacted_at_any_depth() -> None:
    state = {
        "cookies": [{"name": "mock_session", "value": "abc"}],
        "origins": [{"localStorage": [{"name": "token", "value": "t0k3n"}]}],
        "headers": {"Authorization": "Bearer x", "Accept": "text/html"},
    }
    clean = redact(state)
    assert clean["cookies"] == REDACTED
    assert clean["origins"][0]["localStorage"][0] == {"name": "token", "value": REDACTED}
    assert clean["headers"] == {"Authorization": REDACTED, "Accept": "text/html"}


def test_secrets_inside_text_and_urls() -> None:
    assert "s3cr3t" not in redact_text("failed: Authorization: Bearer s3cr3t")
    assert "abc" not in redact_text("Set-Cookie: mock_session=abc; Path=/")
    assert "abc" not in redact_text("cookie mock_session=abc was sent")
    assert redact_url("https://x.test/a?token=abc&page=2") == f"https://x.test/a?token={REDACTED}&page=2"


def test_ordinary_values_are_kept() -> None:
    record = {"profile": "mixed", "toggles": {CURATED_LIST_FLOW: "on"}, "status": 200}
    assert redact(record) == record
