"""`va-link-action`: an `a` inside the shadow root; `href` and `text` are host attributes."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaLinkAction(VaComponent):
    def link(self) -> Locator:
        return self.host.get_by_role("link")

    def href(self) -> str | None:
        return self.link().get_attribute("href")

    def text(self) -> str:
        return (self.link().text_content() or "").strip()

    def click(self) -> None:
        self.link().click()
