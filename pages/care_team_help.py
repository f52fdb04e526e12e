"""Care team help "Can’t find your care team?" (`/new-message/care-team-help/`)."""

from __future__ import annotations

from playwright.sync_api import Locator

import contract
from pages.base import BasePage
from pages.components import VaLink
from pages.contact_list import ContactListPage

# The reasons the page gives, by what they depend on (the patient's facilities' EHRs).
REASONS_INTRO = "You may not find your care team for these reasons:"
REASON_NO_MESSAGES = "They don’t use messages"
REASON_OTHER_SYSTEM = "They’re part of a different VA health care system"
REASON_CONTACT_LIST = "You removed them from your contact list"  # VistA facilities
REASON_NOT_CONNECTED = "Your account isn’t connected to them"  # VistA facilities
REASON_NAME_DIFFERS = "Their name may appear different"  # Oracle Health facilities


def reasons_for(facility_ehrs: str) -> tuple[str, ...]:
    """The reasons, in page order, for a patient whose facilities are "vista", "oracle_health" or "mixed":
    the four reasons for VistA, the name reason for Oracle Health, both for mixed."""
    vista = (REASON_CONTACT_LIST, REASON_NOT_CONNECTED) if facility_ehrs != "oracle_health" else ()
    oracle_health = (REASON_NAME_DIFFERS,) if facility_ehrs != "vista" else ()
    return (REASON_NO_MESSAGES, REASON_OTHER_SYSTEM, *vista, *oracle_health)


class CareTeamHelpPage(BasePage):
    h1_text = "Can’t find your care team?"
    title_text = "Care Team Help - Start Message | Veterans Affairs"
    path = contract.CARE_TEAM_HELP

    def reasons(self) -> Locator:
        """The items of the list right after the reasons' introduction (the list carries no test id)."""
        intro = self.page.locator("p").filter(has_text=REASONS_INTRO)
        return intro.locator("xpath=following-sibling::ul[1]").get_by_role("listitem")

    def update_contact_list_link(self) -> Locator:
        """The `va-link` after the contact-list paragraph."""
        return self.page.get_by_test_id("update-contact-list-link")

    def name_change_link(self) -> Locator:
        return self.page.get_by_test_id("name-change-link")

    def update_contact_list(self) -> ContactListPage:
        VaLink(self.update_contact_list_link()).click()
        return ContactListPage(self.page).expect_loaded()

    def content_text(self) -> str:
        return " ".join((self.page.locator("main, body").first.inner_text() or "").split())
