"""`va-link` (incl. the `back` variant): an `a` inside the shadow root."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaLink(VaComponent):
    def link(self) -> Locator:
        return self.host.get_by_role("link")

    def href(self) -> str | None:
        return self.link().get_attribute("href")

    def click(self) -> None:
        self.link().click()
