"""Plain Playwright set up as the harness sets it up, without pytest: the bench's baseline and its floor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from harness.run.browser import launch_args

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam
    from playwright.sync_api import Browser, BrowserContext, Playwright

    from mocks.client import MockClient, Session


def launch_chromium(playwright: Playwright) -> Browser:
    """The Chromium the harness would launch, with its flags (its own `launch_args`, so the floor and the
    suite share a browser)."""
    return playwright.chromium.launch(**launch_args({}, None, playwright.chromium.executable_path, None))


@contextmanager
def fresh_context(
    browser: Browser, client: MockClient, base_url: str
) -> Iterator[tuple[Session, BrowserContext]]:
    """A mock session like the harness's (no session replay recording) and a fresh context signed in to it;
    both are gone when the block ends."""
    session = client.create_session(profile="mixed", seed=1, recent_teams=2, rum_replay=False)
    context = browser.new_context(base_url=base_url)
    context.add_cookies([cast("SetCookieParam", session.cookie)])  # the client knows no Playwright
    try:
        yield session, context
    finally:
        context.close()
        session.delete()
