"""Secrets from the storage state never reach text: scrubbing, cookie choice, log records."""

import json
import logging
from pathlib import Path

import pytest

from harness.staging.secrets import (
    Scrubber,
    cookies_for,
    install_log_scrubbing,
    load_storage_state,
    secret_values,
)

STATE = {
    "cookies": [
        {"name": "vagov_session", "value": "s3cr3t-session-value", "domain": "staging.va.gov", "path": "/"},
        {"name": "FLIPPER_ID", "value": "abcdef123456", "domain": ".va.gov", "path": "/"},
        {"name": "other", "value": "elsewhere-value", "domain": "example.com", "path": "/"},
        {
            "name": "secure_only",
            "value": "secure-cookie-value",
            "domain": "staging.va.gov",
            "path": "/",
            "secure": True,
        },
        {"name": "short", "value": "1", "domain": "staging.va.gov", "path": "/"},
    ],
    "origins": [
        {"origin": "https://staging.va.gov", "localStorage": [{"name": "tok", "value": "local-token-xyz"}]}
    ],
}


def test_secret_values_cover_cookies_and_local_storage_but_not_trivial_values() -> None:
    values = secret_values(STATE)
    assert {"s3cr3t-session-value", "abcdef123456", "local-token-xyz"} <= set(values)
    assert "1" not in values
    assert values == sorted(values, key=len, reverse=True)


def test_cookies_for_matches_domain_path_and_scheme() -> None:
    assert cookies_for(STATE, "https://staging.va.gov/v0/user") == {
        "vagov_session": "s3cr3t-session-value",
        "FLIPPER_ID": "abcdef123456",
        "secure_only": "secure-cookie-value",
        "short": "1",
    }
    plain = cookies_for(STATE, "http://staging.va.gov/v0/user")
    assert "secure_only" not in plain and "vagov_session" in plain
    assert cookies_for(STATE, "https://api.example.org/") == {}


def test_scrubber_replaces_known_values_and_secret_looking_text() -> None:
    scrub = Scrubber(secret_values(STATE))
    text = "cookie jar had s3cr3t-session-value and Authorization: Bearer abc.def"
    cleaned = scrub(text)
    assert "s3cr3t-session-value" not in cleaned
    assert "abc.def" not in cleaned
    assert "[redacted]" in cleaned


def test_log_records_are_scrubbed_before_any_handler_sees_them(caplog: pytest.LogCaptureFixture) -> None:
    scrub = Scrubber(["very-secret-cookie"])
    original = logging.getLogRecordFactory()
    try:
        install_log_scrubbing(scrub)
        install_log_scrubbing(scrub)  # idempotent
        with caplog.at_level(logging.INFO):
            logging.getLogger("harness.test").info("sending cookie %s", "very-secret-cookie")
    finally:
        logging.setLogRecordFactory(original)
    assert "very-secret-cookie" not in caplog.text
    assert "sending cookie" in caplog.text


def test_load_storage_state_rejects_what_is_not_one(tmp_path: Path) -> None:
    good = tmp_path / "auth.json"
    good.write_text(json.dumps(STATE))
    assert load_storage_state(good)["cookies"][0]["name"] == "vagov_session"
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    with pytest.raises(ValueError, match="cannot read it as JSON"):
        load_storage_state(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"cookies": "nope"}))
    with pytest.raises(ValueError, match="not a Playwright storage state"):
        load_storage_state(wrong)
    with pytest.raises(ValueError):
        load_storage_state(tmp_path / "missing.json")
