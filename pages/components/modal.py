"""`va-modal`: the dialog lives in the shadow root; the app's buttons are slotted `va-button`s (or the
modal's own primary and secondary buttons, in its shadow root)."""

from __future__ import annotations

from typing import Literal

from playwright.sync_api import Locator

from pages.components._base import FOCUS_INSIDE, VaComponent

CloseBy = Literal["click", "keyboard", "escape"]
_MAX_TABS = 12  # va-modal traps focus: Tab cycles through its few controls

# True when the deepest focused element (through shadow roots) is `el`.
_HAS_FOCUS = """el => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a === el;
}"""


class VaModal(VaComponent):
    def dialog(self) -> Locator:
        # warning/error modals are alertdialogs, others dialogs
        return self.host.locator("[role=alertdialog], [role=dialog]").first

    def title(self) -> Locator:
        return self.host.locator("#heading, h2").first

    def is_open(self) -> bool:
        return self.host.count() > 0 and self.host.first.get_attribute("visible") not in (None, "false")

    def close_button(self) -> Locator:
        """The X in the modal's corner (va-modal's own, named by its aria-label)."""
        return self.host.locator("button.va-modal-close")

    def close(self, how: CloseBy = "click") -> None:
        """Close the modal as a person does: click its X, reach the X with Tab and press Enter, or Escape."""
        page = self.host.page
        if how == "click":
            self.close_button().click()
        elif how == "keyboard":
            self._tab_to_close_button()
            page.keyboard.press("Enter")
        else:
            self._wait_for_focus_inside()
            page.keyboard.press("Escape")

    def _wait_for_focus_inside(self) -> None:
        """va-modal moves focus into itself a frame after it opens; a key pressed before goes elsewhere."""
        self.dialog().wait_for()
        self.host.page.wait_for_function(FOCUS_INSIDE, arg=self.host.element_handle())

    def _tab_to_close_button(self) -> None:
        self._wait_for_focus_inside()
        button = self.close_button()
        for _ in range(_MAX_TABS):
            if button.evaluate(_HAS_FOCUS):
                return
            self.host.page.keyboard.press("Tab")
        raise AssertionError(f"the close button of {self.host} not reached with {_MAX_TABS} presses of Tab")
