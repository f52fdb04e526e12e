"""`va-radio` with `va-radio-option` children (options are light DOM; the group's legend and error are
in the va-radio shadow root)."""

from __future__ import annotations

import re
from typing import cast

from playwright.sync_api import Locator

from pages.components._base import VaComponent, css_string


class VaRadio(VaComponent):
    def _options(self) -> Locator:
        return self.host.locator("va-radio-option")

    def option(self, label: str) -> Locator:
        return self.host.locator(f"va-radio-option[label={css_string(label)}]")

    def option_by_value(self, value: str) -> Locator:
        return self.host.locator(f"va-radio-option[value={css_string(value)}]")

    def radio(self, label: str) -> Locator:
        """The native radio input of one option (what assistive tech and the keyboard reach)."""
        return self.option(label).get_by_role("radio")

    def radios(self, name: str | re.Pattern[str] | None = None) -> Locator:
        """The native radio inputs; with `name`, those whose accessible name matches it."""
        if name is None:
            return self._options().get_by_role("radio")
        return self._options().get_by_role("radio", name=name)

    def _wait_for_options(self) -> None:
        self._options().first.wait_for()

    def _each_option(self, attribute: str) -> list[str]:
        """The attribute of every option, in order ('' where an option lacks it)."""
        self._wait_for_options()
        script = "(els, name) => els.map(e => e.getAttribute(name) || '')"
        return cast(list[str], self._options().evaluate_all(script, attribute))

    def labels(self) -> list[str]:
        return self._each_option("label")

    def descriptions(self) -> list[str]:
        return self._each_option("description")

    def values(self) -> list[str]:
        return self._each_option("value")

    def option_label(self, label: str) -> Locator:
        """What a person clicks to choose an option: the tile's label (the input sits off-screen, USWDS)."""
        return self.option(label).locator("label")

    def choose(self, label: str) -> None:
        self.option_label(label).click()

    def choose_by_value(self, value: str) -> None:
        self.option_by_value(value).locator("label").click()

    def checked_label(self) -> str | None:
        checked = self._options().filter(has=self.host.locator("input:checked"))
        return checked.first.get_attribute("label") if checked.count() else None

    def legend(self) -> Locator:
        return self.host.locator("legend")

    def label(self) -> str | None:
        return self.host.get_attribute("label")
