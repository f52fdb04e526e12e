"""Entry into the app: open a path or the inbox in the signed-in browser context."""

from __future__ import annotations

from playwright.sync_api import Page

import contract
from pages.base import BasePage
from pages.folder import FolderPage
from pages.router import wait_for_flow_page


class SecureMessagingApp:
    """Opens the app at a path; the context's session cookie decides the patient and toggles."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def open_path(self, path: str) -> BasePage:
        self.page.goto(self.url(path))
        return wait_for_flow_page(self.page)

    def open_inbox(self) -> FolderPage:
        self.page.goto(self.url(contract.INBOX))
        return FolderPage(self.page).expect_loaded()
