"""`va-button`: a native `button` inside the shadow root."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaButton(VaComponent):
    def button(self) -> Locator:
        return self.host.get_by_role("button")

    def click(self) -> None:
        self.button().click()
