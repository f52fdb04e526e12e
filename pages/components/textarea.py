"""`va-textarea`: shadow `textarea#input-type-textarea`."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaTextarea(VaComponent):
    def control(self) -> Locator:
        return self.host.locator("textarea").first

    def fill(self, text: str) -> None:
        self.control().fill(text)

    def type(self, text: str) -> None:
        self.control().press_sequentially(text)

    def value(self) -> str:
        return self.control().input_value()
