"""The intake batch format, shared by the mock's intake and the harness's staging interception."""

from __future__ import annotations

import pytest

from contract import SELECT_CARE_TEAM
from harness.rum import is_intake
from mocks.rum_format import BatchError, RumStore, legacy_action, parse_batch, track_of
from tests.rum.events import DEFLATE_URL, REPLAY_URL, RUM_URL, action, batch, deflated, resource, view


def test_plain_and_deflated_batches_parse_the_same() -> None:
    events = [action("Update your contact list"), view(1)]
    assert parse_batch(RUM_URL, batch(*events)) == events
    assert parse_batch(DEFLATE_URL, deflated(*events)) == events


def test_a_deflated_body_is_recognised_without_the_query_flag() -> None:
    assert parse_batch(RUM_URL, deflated(action("x"))) == [action("x")]


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b'["a list"]', b'{"no": "type"}', b"\x78\x9c broken", b'{"type": "action"}\n{'],
)
def test_garbage_is_a_batch_error(body: bytes) -> None:
    with pytest.raises(BatchError):
        parse_batch(RUM_URL, body)


def test_only_intake_urls_are_batches() -> None:
    with pytest.raises(BatchError):
        parse_batch("/rum-intake", batch(action("x")))
    assert track_of(RUM_URL) == "rum" and track_of(REPLAY_URL) == "replay"
    assert parse_batch(REPLAY_URL, b"--multipart segment") == []


def test_views_keep_their_newest_version_and_retries_do_not_double_count() -> None:
    store = RumStore()
    store.add_batch(RUM_URL, batch(action("A"), view(1)))
    store.add_batch(RUM_URL, batch(action("A"), view(3)))  # a retried action, a newer view
    store.add_batch(RUM_URL, batch(view(2)))  # an older update arriving late
    assert [e["name"] for e in store.events("action")] == ["A"]
    assert [e["version"] for e in store.events("view")] == [3]
    assert store.batches == 3


def test_two_clicks_are_two_actions() -> None:
    store = RumStore()
    store.add_batch(RUM_URL, batch(action("A", action_id="1"), action("A", kind="custom", action_id="2")))
    assert [(a["name"], a["type"]) for a in store.events("action")] == [("A", "click"), ("A", "custom")]


def test_events_are_read_as_the_dashboard_reads_them() -> None:
    store = RumStore()
    send = resource("/my_health/v1/messaging/messages", "POST", 422, 12_345_678, "r1")
    store.add_batch(RUM_URL, batch(send))
    sent = store.events("resource")[0]
    assert sent["path"] == "/my_health/v1/messaging/messages" and sent["status"] == 422
    assert sent["duration_ms"] == 12.346 and sent["view"]["path"].endswith("/select-care-team/")
    store.add_batch(RUM_URL, batch(action("Care System Radio button")))
    legacy = legacy_action(store.events("action")[0])
    assert legacy["name"] == "Care System Radio button" and legacy["type"] == "click"
    assert legacy["view"] == SELECT_CARE_TEAM


def test_intake_requests_are_recognised_direct_or_proxied() -> None:
    assert is_intake("http://127.0.0.1:1/rum-intake" + RUM_URL.removeprefix("/rum-intake"))
    assert is_intake("https://browser-intake-ddog-gov.com/api/v2/rum?ddsource=browser")
    assert not is_intake("https://staging-api.va.gov/my_health/v1/messaging/messages")
    assert not is_intake("https://browser-intake-ddog-gov.com/other")
