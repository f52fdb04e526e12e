"""A folder page (Inbox, Sent, ...): the entry point of the flow."""

from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator

from pages import paths
from pages.base import BasePage
from pages.components import VaLink
from pages.interstitial import InterstitialPage


class FolderPage(BasePage):
    h1_text: ClassVar[str | re.Pattern[str]] = re.compile(r"^(Messages: )?(Inbox|Sent|Drafts|Trash)\b")
    path = paths.INBOX

    def start_message_link(self) -> Locator:
        return self.page.get_by_test_id("compose-message-link")

    def start_new_message(self) -> InterstitialPage:
        self.start_message_link().click()
        return InterstitialPage(self.page).expect_loaded()

    def start_new_message_with_keyboard(self) -> InterstitialPage:
        self.press_with_keyboard(self.start_message_link())
        return InterstitialPage(self.page).expect_loaded()

    def review_sent_messages_link(self) -> VaLink:
        """The send-success alert's "Review your sent messages" (a `va-link`)."""
        return VaLink(self.page.get_by_test_id("review-sent-messages-link"))

    def description(self) -> Locator:
        """The folder's introduction under its heading (Inbox, Sent and Trash have one)."""
        return self.page.get_by_test_id("folder-description")

    def breadcrumbs(self) -> Locator:
        """The full trail (`va-breadcrumbs`) on Inbox, Sent and More folders."""
        return self.page.get_by_test_id("sm-breadcrumbs")

    def recipients_error_alert(self) -> Locator:
        return self.page.get_by_test_id("recipients-error-alert")


class MoreFoldersPage(FolderPage):
    """`/folders/`: "Messages: More folders", with the entry link and the other folders."""

    h1_text = "Messages: More folders"
    path = paths.FOLDERS

    def folder_link(self, name: str) -> Locator:
        return self.page.get_by_test_id("folders-list").get_by_role("link", name=name, exact=True)
