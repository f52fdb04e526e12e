"""Which page is shown after a navigation the app decides (the continue buttons, a direct visit).

It sits below the page objects: it knows them only through the registry in `pages.base`, which every
page class joins when it is defined, so imports run one way (pages import the router, never back).
`pages/__init__.py` imports every page module, so the registry is complete before any navigation.
"""

from __future__ import annotations

import functools
import re

from playwright.sync_api import Page, expect

from pages.base import LOAD_TIMEOUT_MS, BasePage, registered_pages, shown_h1


def _exact(h1: str | re.Pattern[str]) -> re.Pattern[str]:
    return h1 if isinstance(h1, re.Pattern) else re.compile(f"^{re.escape(h1)}$")


@functools.cache
def _any_known_h1(pages: tuple[type[BasePage], ...]) -> re.Pattern[str]:
    """One pattern for every registered page's h1, built once per registry state, not per navigation."""
    return re.compile("|".join(f"(?:{_exact(cls.h1_text).pattern})" for cls in pages))


# A page may render at once and leave once its data arrives (the interstitial goes to the inbox when the
# care teams cannot be loaded): the router follows such hand-overs, a few in a row at most.
_HAND_OVERS = 3


def wait_for_flow_page(page: Page, leaving: BasePage | None = None) -> BasePage:
    """Wait until a known page's h1 shows (the loading indicators carry no h1) and return its object,
    once it is settled and still the page shown.

    `leaving`: the page a click just left; its h1 must go first, so a slow re-render is not mistaken
    for having stayed.
    """
    h1 = page.get_by_role("heading", level=1).first
    if leaving is not None:
        expect(h1).not_to_have_text(_exact(leaving.h1_text), timeout=LOAD_TIMEOUT_MS)
    for _ in range(_HAND_OVERS):
        expect(h1).to_have_text(_any_known_h1(registered_pages()), timeout=LOAD_TIMEOUT_MS)
        shown = _shown(page)
        if shown is None:
            continue  # the h1 changed between the two looks
        shown.wait_until_settled()
        if not shown.is_current():
            continue  # it handed over to another page while settling
        try:
            return shown.expect_loaded(shown_and_settled=True)
        except AssertionError:
            if shown.is_current():
                raise
    raise AssertionError(f"no page held still: h1 {h1.text_content()!r} at {page.url}")


def _shown(page: Page) -> BasePage | None:
    """The page object whose h1 is shown: the h1 read once and matched here, not asked of every page."""
    text = shown_h1(page)
    return next((cls(page) for cls in registered_pages() if cls.shows_h1(text)), None)
