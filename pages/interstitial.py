"""Interstitial "Only use messages for non-urgent needs" (`/new-message/`)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

import contract
from pages.base import LOAD_TIMEOUT_MS, BasePage
from pages.components import VaButton, VaLinkAction
from pages.router import wait_for_flow_page
from pages.tracked import click, tracked

_CONTINUE = tracked("interstitial", "Continue to start message")


class InterstitialPage(BasePage):
    h1_text = "Only use messages for non-urgent needs"
    title_text = "Only Use Messages For Non-Urgent Needs | Veterans Affairs"
    path = contract.INTERSTITIAL

    def continue_link(self) -> VaLinkAction:
        """Curated flow: a primary action link."""
        return VaLinkAction(self.page.get_by_test_id("start-message-link"))

    def continue_button(self) -> VaButton:
        """Legacy flow (curated toggle off): a button."""
        return VaButton(self.page.get_by_test_id("continue-button"))

    def continue_control(self) -> Locator:
        """Whichever continue control the page shows, by its accessible name."""
        return self.page.get_by_role("link", name="Continue to start message").or_(
            self.page.get_by_role("button", name="Continue to start message")
        )

    def _wait_for_recent_search(self, recent_expected: bool) -> None:
        # The link's destination is decided when the 6-month sent search answers (reference §3.1):
        # until then it points to select care team. The Cypress suite waits for that request; here
        # the caller says whether the patient has recent care teams and we wait for the href to flip.
        if recent_expected and self.continue_link().host.count():
            expect(self.continue_link().link()).to_have_attribute(
                "href", re.compile(re.escape(contract.RECENT_CARE_TEAMS) + "$"), timeout=LOAD_TIMEOUT_MS
            )

    def continue_(self, recent_expected: bool = False) -> BasePage:
        """Accept the interstitial; returns the page that loads next.

        `recent_expected`: the patient has recent care teams, so wait until the link leads there.
        """
        self._wait_for_recent_search(recent_expected)
        click(self.page, self.continue_control().first, _CONTINUE)
        return wait_for_flow_page(self.page, leaving=self)

    def continue_with_keyboard(self, recent_expected: bool = False) -> BasePage:
        self._wait_for_recent_search(recent_expected)
        self.press_with_keyboard(self.continue_control().first)  # no RUM click: Datadog counts pointer clicks
        return wait_for_flow_page(self.page, leaving=self)
