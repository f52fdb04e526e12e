"""A folder page (Inbox, Sent, ...): the entry point of the flow."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from pages import paths
from pages.base import BasePage


class FolderPage(BasePage):
    h1_text = re.compile(r"^(Messages: )?(Inbox|Sent|Drafts|Trash)\b")
    path = paths.INBOX

    def start_message_link(self) -> Locator:
        return self.page.get_by_test_id("compose-message-link")

    def start_new_message(self):  # -> InterstitialPage | LegacyComposePage
        from pages.interstitial import InterstitialPage

        self.start_message_link().click()
        return InterstitialPage(self.page).expect_loaded()

    def start_new_message_with_keyboard(self):
        from pages.interstitial import InterstitialPage

        self.press_with_keyboard(self.start_message_link())
        return InterstitialPage(self.page).expect_loaded()

    def review_sent_messages_link(self) -> Locator:
        return self.page.get_by_test_id("review-sent-messages-link")
