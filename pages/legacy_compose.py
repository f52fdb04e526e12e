"""Legacy compose (curated toggle off): `/new-message/` shows "Start a new message" with a "To" select."""

from __future__ import annotations

from pages import paths
from pages.components import VaSelect
from pages.start_message import ComposeForm


class LegacyComposePage(ComposeForm):
    h1_text = "Start a new message"
    path = paths.INTERSTITIAL

    def recipient_select(self) -> VaSelect:
        return VaSelect(self.page.get_by_test_id("compose-recipient-select"))

    def care_team_options(self) -> list[str]:
        return self.recipient_select().option_texts()

    def choose_care_team(self, name: str) -> None:
        self.recipient_select().choose_label(name)
