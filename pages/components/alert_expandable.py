"""`va-alert-expandable`: the trigger is an `a[role=button]` in the shadow root; the body is slotted."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaAlertExpandable(VaComponent):
    def trigger(self) -> Locator:
        return self.host.locator("a.alert-expandable-trigger")

    def trigger_text(self) -> str | None:
        return self.host.get_attribute("trigger")

    def is_expanded(self) -> bool:
        return self.trigger().get_attribute("aria-expanded") == "true"

    def expand(self) -> None:
        if self.trigger().get_attribute("aria-expanded") != "true":
            self.trigger().click()
