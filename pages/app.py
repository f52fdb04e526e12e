"""Entry into the app and "which page is this?" after a navigation the app decides."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from pages import paths
from pages.base import LOAD_TIMEOUT_MS, BasePage
from pages.care_team_help import CareTeamHelpPage
from pages.contact_list import ContactListPage
from pages.folder import FolderPage, MoreFoldersPage
from pages.interstitial import InterstitialPage
from pages.legacy_compose import LegacyComposePage
from pages.not_found import NotFoundPage
from pages.recent_care_teams import RecentCareTeamsPage
from pages.select_care_team import SelectCareTeamPage
from pages.start_message import StartMessagePage

FLOW_PAGES: tuple[type[BasePage], ...] = (
    InterstitialPage,
    RecentCareTeamsPage,
    SelectCareTeamPage,
    StartMessagePage,
    CareTeamHelpPage,
    ContactListPage,
    LegacyComposePage,
    NotFoundPage,
    MoreFoldersPage,
    FolderPage,
)


def _h1_pattern(cls: type[BasePage]) -> str:
    h1 = cls.h1_text
    return h1.pattern if isinstance(h1, re.Pattern) else f"^{re.escape(h1)}$"


def _exact(h1: str | re.Pattern[str]) -> re.Pattern[str]:
    return h1 if isinstance(h1, re.Pattern) else re.compile(f"^{re.escape(h1)}$")


_ANY_H1 = re.compile("|".join(f"(?:{_h1_pattern(c)})" for c in FLOW_PAGES))


def wait_for_flow_page(page: Page, leaving: BasePage | None = None) -> BasePage:
    """Wait until a known page's h1 shows (the loading indicators carry no h1) and return its object.

    `leaving`: the page a click just left; its h1 must go first, so a slow re-render is not mistaken
    for having stayed.
    """
    h1 = page.get_by_role("heading", level=1).first
    if leaving is not None:
        expect(h1).not_to_have_text(_exact(leaving.h1_text), timeout=LOAD_TIMEOUT_MS)
    expect(h1).to_have_text(_ANY_H1, timeout=LOAD_TIMEOUT_MS)
    for cls in FLOW_PAGES:
        candidate = cls(page)
        if candidate.is_current():
            return candidate.expect_loaded()
    raise AssertionError(f"unknown page: h1 {h1.text_content()!r} at {page.url}")


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
        self.page.goto(self.url(paths.INBOX))
        return FolderPage(self.page).expect_loaded()
