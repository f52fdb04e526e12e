"""`va-modal`: the dialog lives in the shadow root; the app's buttons are slotted `va-button`s."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaModal(VaComponent):
    def dialog(self) -> Locator:
        # warning/error modals are alertdialogs, others dialogs
        return self.host.locator("[role=alertdialog], [role=dialog]").first

    def title(self) -> Locator:
        return self.host.locator("#heading, h2").first

    def is_open(self) -> bool:
        return self.host.count() > 0 and self.host.first.get_attribute("visible") not in (None, "false")

    def close(self) -> None:
        self.host.locator("button.va-modal-close").click()
