"""A folder page (Inbox, Sent, ...): the entry point of the flow."""

from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator, expect

import contract
from pages.base import BasePage
from pages.components import VaLink
from pages.interstitial import InterstitialPage


class FolderPage(BasePage):
    h1_text: ClassVar[str | re.Pattern[str]] = re.compile(r"^(Messages: )?(Inbox|Sent|Drafts|Trash)\b")
    path = contract.INBOX

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

    def thread_link(self, subject: str) -> Locator:
        """A listed thread's subject link (ThreadListItem: "<category>: <subject>", to `/thread/<id>/`)."""
        items = self.page.get_by_test_id("thread-list-item").filter(has_text=subject)
        return items.get_by_role("link").filter(has_text=subject)


class MoreFoldersPage(FolderPage):
    """`/folders/`: "Messages: More folders", with the entry link and the other folders."""

    h1_text = "Messages: More folders"
    path = contract.FOLDERS

    def folder_items(self) -> Locator:
        """The listed folders (FoldersList: one `li.folder-link` each, test id = the API's folder name)."""
        return self.page.locator("li.folder-link")

    def folder_names(self) -> list[str]:
        """The names shown, in order, once the list has come (it follows the folder list's answer)."""
        expect(self.folder_items().first).to_be_visible()
        return [" ".join(t.split()) for t in self.folder_items().all_text_contents()]

    def folder_link(self, name: str) -> Locator:
        return self.folder_items().get_by_role("link", name=name, exact=True)

    def open_folder(self, name: str) -> FolderPage:
        self.folder_link(name).click()
        return FolderPage(self.page).expect_loaded()
