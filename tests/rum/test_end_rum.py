"""In staging the context's teardown ends each page's RUM session once before the page closes
(harness.rum.rum_counted, which calls end_rum for every page still open).

It is the only caller: when the page fixture ended the page too, the second flush on a session already
stopped sent nothing and waited out the teardown timeout, 3 s on every staging scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import pytest
from playwright.sync_api import BrowserContext

from harness import plugin, rum
from harness.run.options import OPTIONS_KEY


class FakePage:
    """Counts what the harness asks of the page; the SDK here is not initialised (flush returns false)."""

    def __init__(self) -> None:
        self.evaluated: list[str] = []

    def is_closed(self) -> bool:
        return False

    def evaluate(self, script: str, *args: Any) -> Any:
        self.evaluated.append(script)
        return False

    @property
    def url(self) -> str:
        return "http://staging.example/"


class FakeContext:
    def __init__(self, pages: list[FakePage]) -> None:
        self.pages = pages

    def on(self, event: str, handler: Callable[..., Any]) -> None:
        pass

    def route(self, matcher: Any, handler: Callable[..., Any]) -> None:
        pass


def _request(*, staging: bool) -> pytest.FixtureRequest:
    config = SimpleNamespace(stash=pytest.Stash())
    config.stash[OPTIONS_KEY] = SimpleNamespace(staging=staging, rum_forward=False)
    node = SimpleNamespace(stash=pytest.Stash())
    return cast("pytest.FixtureRequest", SimpleNamespace(node=node, config=config))


def _teardown(pages: list[FakePage], *, staging: bool) -> None:
    with rum.rum_counted(cast(BrowserContext, FakeContext(pages)), _request(staging=staging)):
        pass


def test_the_context_teardown_ends_each_open_page_once() -> None:
    pages = [FakePage(), FakePage()]
    _teardown(pages, staging=True)
    assert [len(page.evaluated) for page in pages] == [1, 1]  # one flush asked of each


def test_mock_mode_leaves_pages_alone() -> None:
    page = FakePage()
    _teardown([page], staging=False)
    assert page.evaluated == []


def test_the_page_fixture_is_pytest_playwrights_own() -> None:
    """A page fixture of the harness's own ending RUM would make the teardown flush each page twice."""
    assert not hasattr(plugin, "page")
