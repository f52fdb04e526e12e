"""Recent care teams (`/new-message/recent/`): at most four teams plus "A different care team"."""

from __future__ import annotations

import contract
from pages.base import BasePage
from pages.components import VaLinkAction, VaRadio
from pages.router import wait_for_flow_page

DIFFERENT_CARE_TEAM = "A different care team"


class RecentCareTeamsPage(BasePage):
    h1_text = "Care teams you recently sent messages to"
    title_text = "Recently Messaged Care Teams - Start Message | Veterans Affairs"
    path = contract.RECENT_CARE_TEAMS

    def radio_group(self) -> VaRadio:
        return VaRadio(self.page.get_by_test_id("recent-care-teams-radio-group"))

    def care_team_options(self) -> list[str]:
        """Names of the recent care teams offered (the "A different care team" option left out)."""
        return [label for label in self.radio_group().labels() if label != DIFFERENT_CARE_TEAM]

    def care_system_descriptions(self) -> list[str]:
        return [d for d in self.radio_group().descriptions() if d]

    def option_labels(self) -> list[str]:
        return self.radio_group().labels()

    def choose_care_team(self, name: str) -> None:
        self.radio_group().choose(name)

    def choose_different_care_team(self) -> None:
        self.radio_group().choose(DIFFERENT_CARE_TEAM)

    def continue_link(self) -> VaLinkAction:
        return VaLinkAction(self.page.get_by_test_id("recent-care-teams-continue-button"))

    def continue_(self) -> BasePage:
        self.continue_link().click()
        return wait_for_flow_page(self.page, leaving=self)

    def continue_without_choosing(self) -> None:
        self.continue_link().click()

    def error_text(self) -> str:
        return self.radio_group().error_text()

    def choose_care_team_with_keyboard(self, name: str) -> None:
        """Tab into the group, then arrow keys move the selection (native radio behaviour)."""
        group = self.radio_group()
        self.tab_to(group.radios())
        self.page.keyboard.press("Space")
        for _ in range(group.labels().index(name)):
            self.page.keyboard.press("ArrowDown")

    def continue_with_keyboard(self) -> BasePage:
        self.press_with_keyboard(self.continue_link().link())
        return wait_for_flow_page(self.page, leaving=self)
