"""`va-text-input`: shadow `input#inputField`."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaTextInput(VaComponent):
    def control(self) -> Locator:
        return self.host.locator("input").first

    def fill(self, text: str) -> None:
        self.control().fill(text)

    def type(self, text: str) -> None:
        self.control().press_sequentially(text)

    def value(self) -> str:
        return self.control().input_value()
