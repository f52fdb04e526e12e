"""Fixtures for the stand-in's own tests: one mock server per module, a fresh browser context and
mock session per test (the browser itself is pytest-playwright's, configured by the harness plugin)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from contract import APP_ROOT, CURATED_LIST_FLOW, RECENT_RECIPIENTS
from mocks.client import MockClient, Session
from mocks.server import build_config, start_server

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam


@dataclass
class Opened:
    page: Page
    session: Session
    base_url: str

    def goto(self, path: str) -> None:
        self.page.goto(f"{self.base_url}{APP_ROOT}{path}")


@pytest.fixture(scope="module")
def standin() -> Iterator[tuple[str, MockClient]]:
    server = start_server(build_config(profile="mixed"))
    client = MockClient(server.url)
    yield server.url, client
    client.close()
    server.stop()


class StandinOpener:
    """open_standin(profile=..., curated=True, recent=True, recent_teams=2, defects=()) -> Opened: a fresh
    browser context on a new mock session; `close()` ends every one it opened."""

    def __init__(self, url: str, client: MockClient, browser: Browser) -> None:
        self.url, self.client, self.browser = url, client, browser
        self.opened: list[tuple[BrowserContext, Session]] = []

    def __call__(
        self,
        profile: str = "mixed",
        *,
        curated: bool = True,
        recent: bool = True,
        recent_teams: int | None = 2,
        defects: tuple[str, ...] = (),
        seed: int = 1234,
    ) -> Opened:
        session = self.client.create_session(
            profile=profile,
            seed=seed,
            recent_teams=recent_teams,
            toggles={
                CURATED_LIST_FLOW: "on" if curated else "off",
                RECENT_RECIPIENTS: "on" if recent else "off",
            },
        )
        if defects:
            session.set_defects(list(defects))
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([cast("SetCookieParam", session.cookie)])  # the client knows no Playwright
        self.opened.append((context, session))
        return Opened(context.new_page(), session, self.url)

    def close(self) -> None:
        for context, session in self.opened:
            context.close()
            session.delete()


@pytest.fixture
def open_standin(standin: tuple[str, MockClient], browser: Browser) -> Iterator[StandinOpener]:
    url, client = standin
    opener = StandinOpener(url, client, browser)
    yield opener
    opener.close()
