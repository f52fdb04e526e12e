"""What every page of the app shares: h1, title, the Back link and the emergency note."""

from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator, Page, expect

from pages.components import VaAlert, VaLink

# Loading the app fetches toggles, recipients and the sent search; give slow CI a margin.
LOAD_TIMEOUT_MS = 15_000


class BasePage:
    h1_text: ClassVar[str | re.Pattern[str]] = ""
    title_text: ClassVar[str | re.Pattern[str] | None] = None
    path: ClassVar[str | None] = None

    def __init__(self, page: Page) -> None:
        self.page = page

    # --- what every page shows -------------------------------------------------------------
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def heading_text(self) -> str:
        return " ".join((self.heading().first.text_content() or "").split())

    def expect_loaded(self) -> BasePage:
        expect(self.heading().first).to_have_text(self.h1_text, timeout=LOAD_TIMEOUT_MS)
        if self.title_text is not None:
            expect(self.page).to_have_title(self.title_text, timeout=LOAD_TIMEOUT_MS)
        return self

    def is_current(self) -> bool:
        """True when this page is the one shown (h1 matches), without waiting."""
        h1 = self.heading().first
        if not h1.count():
            return False
        text = " ".join((h1.text_content() or "").split())
        if isinstance(self.h1_text, re.Pattern):
            return bool(self.h1_text.search(text))
        return text == self.h1_text

    def focused_element_is_h1(self) -> bool:
        return bool(
            self.page.evaluate("() => document.activeElement && document.activeElement.tagName === 'H1'")
        )

    def back_link(self) -> VaLink:
        return VaLink(self.page.get_by_test_id("sm-breadcrumbs-back"))

    def go_back(self) -> None:
        self.back_link().click()

    def emergency_note(self) -> Locator:
        return self.page.get_by_test_id("emergency-use-only-expandable")

    def open_emergency_note(self) -> None:
        self.emergency_note().locator("[role=button], button, a").first.click()

    def alert_text(self) -> Locator:
        """The global alert's text (`p[data-testid=alert-text]`)."""
        return self.page.get_by_test_id("alert-text")

    def alerts(self) -> Locator:
        return self.page.locator("va-alert")

    def alert_with_status(self, status: str) -> VaAlert:
        return VaAlert(self.page.locator(f'va-alert[status="{status}"]').first)

    def has_horizontal_scroll(self) -> bool:
        return bool(
            self.page.evaluate(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
        )

    def current_path(self) -> str:
        from urllib.parse import urlparse

        return urlparse(self.page.url).path
