"""The real @datadog/browser-rum SDK in the stand-in, read both ways the harness reads it: the mock's
journal (mock mode) and interception in the browser context (staging mode), with the deterministic flush."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

import pytest
from playwright.sync_api import Browser, BrowserContext

from contract import INTERSTITIAL, SELECT_CARE_TEAM
from harness.rum import IntakeTraffic, InterceptedRum, JournalRum, Rum, init_configuration
from mocks.client import MockClient, Session
from mocks.server import RunningServer, build_config, start_server
from pages import InterstitialPage, SelectCareTeamPage

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam

CONTINUE = "Continue to start message button on Interstitial Page"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    running = start_server(build_config(profile="mixed"))
    yield running
    running.stop()


@pytest.fixture
def sess(server: RunningServer) -> Iterator[Session]:
    with MockClient(server.url) as client:
        session = client.create_session(profile="mixed", seed=11, recent_teams=0)
        yield session
        session.delete()


def _continue_from_interstitial(
    browser: Browser, server: RunningServer, sess: Session, intercepted: InterceptedRum | None
) -> tuple[BrowserContext, Rum]:
    context = browser.new_context()
    context.add_cookies([cast("SetCookieParam", sess.cookie)])  # the client knows no Playwright
    traffic = IntakeTraffic()
    traffic.install(context)
    if intercepted is not None:
        intercepted.install(context)
    page = context.new_page()
    page.goto(f"{server.url}{INTERSTITIAL}")
    landed = InterstitialPage(page).continue_()
    assert isinstance(landed, SelectCareTeamPage)
    source = intercepted if intercepted is not None else JournalRum(sess)
    return context, Rum(source, traffic, "interception" if intercepted else "journal")


def test_the_stand_in_initialises_the_sdk_as_the_real_app(browser: Browser, server: RunningServer,
                                                          sess: Session) -> None:  # fmt: skip
    context, _ = _continue_from_interstitial(browser, server, sess, None)
    config = init_configuration(context.pages[0])
    context.close()
    assert config is not None
    assert {k: config[k] for k in ("service", "sessionSampleRate", "sessionReplaySampleRate",
                                   "trackUserInteractions", "trackResources", "trackLongTasks",
                                   "defaultPrivacyLevel", "proxy")} == {
        "service": "va.gov-mhv-secure-messaging", "sessionSampleRate": 100, "sessionReplaySampleRate": 50,
        "trackUserInteractions": True, "trackResources": True, "trackLongTasks": True,
        "defaultPrivacyLevel": "mask-user-input", "proxy": "/rum-intake"}  # fmt: skip
    assert not config.get("startSessionReplayRecordingManually")  # replay as the real app records it


def test_a_session_without_replay_keeps_the_configuration_and_never_starts_recording(
    browser: Browser, server: RunningServer
) -> None:
    with MockClient(server.url) as client:
        quiet = client.create_session(profile="mixed", seed=11, recent_teams=0, rum_replay=False)
        context, _ = _continue_from_interstitial(browser, server, quiet, None)
        page = context.pages[0]
        config = init_configuration(page)
        context.close()
        quiet.delete()
    assert config is not None
    assert (config["sessionSampleRate"], config["sessionReplaySampleRate"]) == (100, 50)
    assert config["startSessionReplayRecordingManually"] is True


def test_journal_mode_reads_one_click_on_its_view_after_a_flush(browser: Browser, server: RunningServer,
                                                                sess: Session) -> None:  # fmt: skip
    context, rum = _continue_from_interstitial(browser, server, sess, None)
    rum.flush(context.pages[0])
    clicks = rum.actions(CONTINUE)
    views = [v["path"] for v in rum.events("view")]
    context.close()
    assert [(a["type"], a["view"]["path"]) for a in clicks] == [("click", INTERSTITIAL)]
    assert SELECT_CARE_TEAM in views
    assert not rum.actions("harness: RUM flush")  # the flush marker is the harness's, never reported


def test_interception_reads_the_batches_and_answers_locally(browser: Browser, server: RunningServer,
                                                            sess: Session) -> None:  # fmt: skip
    intercepted = InterceptedRum(forward=False)
    context, rum = _continue_from_interstitial(browser, server, sess, intercepted)
    # As the harness closes a staging page (harness.rum.end_rum): flush and end the RUM session first, so
    # no unload-time beacon (the one request a route may not see) is left to escape at close.
    rum.leave(context.pages[0])
    context.close()
    assert [a["view"]["path"] for a in rum.actions(CONTINUE)] == [INTERSTITIAL]
    assert intercepted.store.batches > 0 and not intercepted.rejected
    assert sess.rum_events()["batches"] == 0  # nothing reached the intake behind the browser


def test_rum_forward_lets_the_batches_through(browser: Browser, server: RunningServer, sess: Session) -> None:
    intercepted = InterceptedRum(forward=True)
    context, rum = _continue_from_interstitial(browser, server, sess, intercepted)
    rum.flush(context.pages[0])
    context.close()
    assert rum.actions(CONTINUE)
    assert [a["name"] for a in sess.rum_actions() if a["name"] == CONTINUE] == [CONTINUE]
