"""In staging the harness ends each page's RUM session once before the page closes (harness.rum.end_rum).

The page fixture ends it, then the context's teardown ends every page still open: a second flush on a
session already stopped sends nothing and waited out the teardown timeout, 3 s on every staging scenario.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from playwright.sync_api import Page

from harness import rum


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


def _request(intercepted: rum.InterceptedRum | None) -> pytest.FixtureRequest:
    stash = pytest.Stash()
    stash[rum._TRAFFIC_KEY] = rum.IntakeTraffic()
    if intercepted is not None:
        stash[rum._INTERCEPT_KEY] = intercepted
    return cast("pytest.FixtureRequest", SimpleNamespace(node=SimpleNamespace(stash=stash)))


def test_a_page_is_ended_once_however_many_teardowns_ask() -> None:
    request, page = _request(rum.InterceptedRum()), FakePage()
    rum.end_rum(request, cast(Page, page))
    assert len(page.evaluated) == 1  # the flush was asked for
    rum.end_rum(request, cast(Page, page))
    assert len(page.evaluated) == 1, "the second teardown flushed a session the first had ended"


def test_each_page_is_ended() -> None:
    request, first, second = _request(rum.InterceptedRum()), FakePage(), FakePage()
    for page in (first, second):
        rum.end_rum(request, cast(Page, page))
    assert (len(first.evaluated), len(second.evaluated)) == (1, 1)


def test_mock_mode_leaves_pages_alone() -> None:
    page = FakePage()
    rum.end_rum(_request(None), cast(Page, page))
    assert page.evaluated == []
