"""Fixtures for the stand-in's own tests: one mock server per module, a fresh browser context and
mock session per test (the browser itself is pytest-playwright's, configured by the harness plugin)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page

from mocks.client import MockClient, Session
from mocks.server import build_config, start_server

CURATED = "mhv_secure_messaging_curated_list_flow"
RECENT = "mhv_secure_messaging_recent_recipients"
APP = "/my-health/secure-messages"


@dataclass
class Opened:
    page: Page
    session: Session
    base_url: str

    def goto(self, path: str) -> None:
        self.page.goto(f"{self.base_url}{APP}{path}")


@pytest.fixture(scope="module")
def standin() -> Iterator[tuple[str, MockClient]]:
    server = start_server(build_config(profile="mixed"))
    client = MockClient(server.url)
    yield server.url, client
    client.close()
    server.stop()


@pytest.fixture
def open_standin(standin: tuple[str, MockClient], browser: Browser) -> Iterator[Callable[..., Opened]]:
    """open_standin(profile=..., curated=True, recent=True, recent_teams=2, defects=()) -> Opened."""
    url, client = standin
    opened: list[tuple[object, Session]] = []

    def _open(
        profile: str = "mixed",
        *,
        curated: bool = True,
        recent: bool = True,
        recent_teams: int | None = 2,
        defects: tuple[str, ...] = (),
        seed: int = 1234,
    ) -> Opened:
        session = client.create_session(
            profile=profile,
            seed=seed,
            recent_teams=recent_teams,
            toggles={CURATED: "on" if curated else "off", RECENT: "on" if recent else "off"},
        )
        if defects:
            session.set_defects(list(defects))
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([session.cookie])
        opened.append((context, session))
        return Opened(context.new_page(), session, url)

    yield _open
    for context, session in opened:
        context.close()  # type: ignore[attr-defined]
        session.delete()
