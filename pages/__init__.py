"""Page objects for the new-message flow: one per page, locators only here.

Each exposes what a person can do and see, returns the next page object when it navigates, and has
`expect_loaded()` that waits for the page's h1 and document title.
"""

from pages.app import SecureMessagingApp
from pages.care_team_help import CareTeamHelpPage
from pages.contact_list import ContactListPage
from pages.folder import FolderPage, MoreFoldersPage
from pages.interstitial import InterstitialPage
from pages.legacy_compose import LegacyComposePage
from pages.not_found import NotFoundPage
from pages.recent_care_teams import RecentCareTeamsPage
from pages.select_care_team import SelectCareTeamPage
from pages.start_message import StartMessagePage

__all__ = [
    "CareTeamHelpPage",
    "ContactListPage",
    "FolderPage",
    "InterstitialPage",
    "LegacyComposePage",
    "MoreFoldersPage",
    "NotFoundPage",
    "RecentCareTeamsPage",
    "SecureMessagingApp",
    "SelectCareTeamPage",
    "StartMessagePage",
]
