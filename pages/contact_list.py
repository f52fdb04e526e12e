"""Contact list "Messages: Contact list" (`/contact-list/`): VistA teams by care system."""

from __future__ import annotations

from playwright.sync_api import Locator

import contract
from pages.base import BasePage
from pages.components import VaAccordionItem, VaButton


class ContactListPage(BasePage):
    h1_text = "Messages: Contact list"
    title_text = "Messages: Contact list  | Veterans Affairs"
    path = contract.CONTACT_LIST

    def care_system_sections(self) -> Locator:
        return self.page.get_by_test_id("facility-accordion-item")

    def care_team_checkbox(self, triage_team_id: int) -> Locator:
        return self.page.get_by_test_id(f"contact-list-select-team-{triage_team_id}")

    def care_team_checkboxes(self) -> Locator:
        return self.page.locator('va-checkbox[data-testid^="contact-list-select-team-"]')

    def listed_team_ids(self) -> list[int]:
        self.care_team_checkboxes().first.wait_for()
        ids = self.care_team_checkboxes().evaluate_all(
            "els => els.map(e => e.getAttribute('data-testid').replace('contact-list-select-team-', ''))"
        )
        return [int(i) for i in ids]

    def toggle_care_team(self, triage_team_id: int) -> None:
        """Open the team's care system section if needed, then tick or untick its box."""
        checkbox = self.care_team_checkbox(triage_team_id)
        VaAccordionItem(self.care_system_sections().filter(has=checkbox)).expand()
        checkbox.locator("label").first.click()

    def save_button(self) -> VaButton:
        return VaButton(self.page.get_by_test_id("contact-list-save"))

    def save(self) -> None:
        self.save_button().click()

    def go_back_button(self) -> VaButton:
        return VaButton(self.page.get_by_test_id("contact-list-go-back"))
