"""`va-combo-box`: a USWDS combo box in the shadow root (input `#options`, list `#options--list`).

The shadow `select.usa-combo-box__select` mirrors the options the app slotted in; the visible list is
built only while open, so reading "what is offered" uses the select and choosing uses the list.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from pages.components._base import VaComponent


def team_name_from_option(text: str) -> str:
    """The team name of an option; the opt-group layout adds a tab and "(<short system>)" after it.

    Only what follows the tab is dropped: names may end in parentheses themselves ("... (ROI)").
    """
    return text.split("\t")[0].strip()


class VaComboBox(VaComponent):
    def input(self, name: str | None = None) -> Locator:
        """The combobox input; with `name`, only when its accessible name (the label) is `name`."""
        return self.host.get_by_role("combobox", name=name) if name else self.host.get_by_role("combobox")

    def _select_options(self) -> Locator:
        return self.host.locator("select option")

    def option_texts(self) -> list[str]:
        """Texts of every selectable option (empty placeholders left out)."""
        self.input().wait_for()
        texts = self._select_options().evaluate_all(
            "els => els.filter(o => o.value !== '' && !o.disabled).map(o => o.textContent)"
        )
        return [t for t in texts if t.strip()]

    def option_names(self) -> list[str]:
        return [team_name_from_option(t) for t in self.option_texts()]

    def grouped_options(self) -> list[tuple[str | None, str, str]]:
        """Every selectable option the app slotted in, in order, as (its `optgroup` label, or None when
        ungrouped; its value; its text)."""
        self.input().wait_for()
        found = self.host.evaluate(
            "c => [...c.querySelectorAll(':scope > option, :scope > optgroup > option')]"
            ".filter(o => o.value !== '' && !o.disabled)"
            ".map(o => [o.parentElement.tagName === 'OPTGROUP' ? o.parentElement.label : null,"
            " o.value, o.textContent])"
        )
        return [(group, str(value), str(text)) for group, value, text in found]

    def list_option(self, name: str) -> Locator:
        return self.host.get_by_role("option", name=re.compile(rf"^{re.escape(name)}(\s|$)"))

    def choose(self, name: str) -> None:
        """Type the care team's name and pick it from the filtered list, as a person does."""
        self.input().fill(name)
        self.list_option(name).first.click()

    def type_and_choose_with_keyboard(self, name: str) -> None:
        self.input().focus()
        self.input().press_sequentially(name)
        self.list_option(name).first.wait_for()
        self.input().press("ArrowDown")
        self.host.page.keyboard.press("Enter")

    def typed_text(self) -> str:
        return self.input().input_value()

    def label_text(self) -> str:
        return (self.host.locator("label").first.text_content() or "").strip()

    def has_focus(self) -> bool:
        """Whether keyboard focus is on the combo box: its host (where an error sends it) or its input."""
        return bool(
            self.host.evaluate(
                "c => document.activeElement === c || c.contains(document.activeElement)"
                " || !!(c.shadowRoot && c.shadowRoot.activeElement)"
            )
        )
