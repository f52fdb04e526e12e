"""Which page is shown after a navigation the app decides (the continue buttons, a direct visit).

It sits below the page objects: it knows them only through the registry in `pages.base`, which every
page class joins when it is defined, so imports run one way (pages import the router, never back).
`pages/__init__.py` imports every page module, so the registry is complete before any navigation.
"""

from __future__ import annotations

import functools
import re

from playwright.sync_api import Page, expect

from pages.base import LOAD_TIMEOUT_MS, BasePage, registered_pages


def _exact(h1: str | re.Pattern[str]) -> re.Pattern[str]:
    return h1 if isinstance(h1, re.Pattern) else re.compile(f"^{re.escape(h1)}$")


@functools.cache
def _any_known_h1(pages: tuple[type[BasePage], ...]) -> re.Pattern[str]:
    """One pattern for every registered page's h1, built once per registry state, not per navigation."""
    return re.compile("|".join(f"(?:{_exact(cls.h1_text).pattern})" for cls in pages))


def wait_for_flow_page(page: Page, leaving: BasePage | None = None) -> BasePage:
    """Wait until a known page's h1 shows (the loading indicators carry no h1) and return its object.

    `leaving`: the page a click just left; its h1 must go first, so a slow re-render is not mistaken
    for having stayed.
    """
    h1 = page.get_by_role("heading", level=1).first
    if leaving is not None:
        expect(h1).not_to_have_text(_exact(leaving.h1_text), timeout=LOAD_TIMEOUT_MS)
    expect(h1).to_have_text(_any_known_h1(registered_pages()), timeout=LOAD_TIMEOUT_MS)
    for cls in registered_pages():
        candidate = cls(page)
        if candidate.is_current():
            return candidate.expect_loaded()
    raise AssertionError(f"unknown page: h1 {h1.text_content()!r} at {page.url}")
