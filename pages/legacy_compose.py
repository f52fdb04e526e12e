"""Legacy compose (curated toggle off): `/new-message/` shows "Start a new message" with a "To" select."""

from __future__ import annotations

from playwright.sync_api import Locator

import contract
from pages.components import VaSelect
from pages.start_message import ComposeForm


class LegacyComposePage(ComposeForm):
    h1_text = "Start a new message"
    path = contract.INTERSTITIAL

    def recipient_select(self) -> VaSelect:
        return VaSelect(self.page.get_by_test_id("compose-recipient-select"))

    def care_team_options(self) -> list[str]:
        return self.recipient_select().option_texts()

    def choose_care_team(self, name: str) -> None:
        self.recipient_select().choose_label(name)

    # --- blocked care teams (BlockedTriageGroupAlert with the compose-form parent) ---------------
    def blocked_items(self) -> Locator:
        """The blocked care teams and care systems the alert lists (two or more blocked items)."""
        return self.blocked_alert().get_by_test_id("blocked-triage-group")

    def blocked_alert_is_above_to_list(self) -> bool:
        """Whether the blocked alert comes before the "To" list in the page (it heads the form)."""
        alert = self.blocked_alert().first.element_handle()
        return bool(
            self.recipient_select().host.evaluate(
                "(select, alert) => !!(alert.compareDocumentPosition(select)"
                " & Node.DOCUMENT_POSITION_FOLLOWING)",
                alert,
            )
        )
