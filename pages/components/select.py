"""`va-select`: a native `select` inside the shadow root."""

from __future__ import annotations

from typing import cast

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaSelect(VaComponent):
    def control(self) -> Locator:
        return self.host.get_by_role("combobox")

    def option_texts(self) -> list[str]:
        self.control().wait_for()
        script = "els => els.filter(o => o.value !== '').map(o => o.textContent.trim())"
        return cast(list[str], self.control().locator("option").evaluate_all(script))

    def option_values(self) -> list[str]:
        self.control().wait_for()
        script = "els => els.filter(o => o.value !== '').map(o => o.value)"
        return cast(list[str], self.control().locator("option").evaluate_all(script))

    def choose_value(self, value: str) -> None:
        self.control().select_option(value=value)

    def choose_label(self, label: str) -> None:
        self.control().select_option(label=label)

    def choose_label_starting(self, prefix: str) -> None:
        """Pick the first option whose text starts with `prefix` (category texts carry a description)."""
        self.control().wait_for()
        value = (
            self.control()
            .locator("option")
            .evaluate_all(
                "(els, p) => (els.find(o => o.value && o.textContent.trim().startsWith(p)) || {}).value"
                " || null",
                prefix,
            )
        )
        if value is None:
            raise ValueError(f"no option starting with {prefix!r}; options: {self.option_texts()}")
        self.choose_value(value)

    def value(self) -> str:
        return self.control().input_value()
