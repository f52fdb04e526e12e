"""`va-accordion-item`: the header button (shadow root) opens the item; content is slotted."""

from __future__ import annotations

from pages.components._base import VaComponent


class VaAccordionItem(VaComponent):
    def is_open(self) -> bool:
        return self.host.get_attribute("open") not in (None, "false")

    def expand(self) -> None:
        if not self.is_open():
            self.host.locator("button[aria-expanded]").first.click()
