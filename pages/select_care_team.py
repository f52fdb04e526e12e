"""Select care team (`/new-message/select-care-team/`): care system chooser + care-team combo box."""

from __future__ import annotations

from typing import Literal, cast

from playwright.sync_api import Locator

import contract
from pages.base import BasePage
from pages.care_team_help import CareTeamHelpPage
from pages.components import (
    VaAlert,
    VaAlertExpandable,
    VaButton,
    VaComboBox,
    VaLinkAction,
    VaRadio,
    VaSelect,
)
from pages.components.combo_box import team_name_from_option
from pages.contact_list import ContactListPage
from pages.router import wait_for_flow_page
from pages.tracked import click, tracked

CARE_SYSTEM_LEGEND = "Select a VA health care system"
_CARE_SYSTEM_RADIO = tracked("select care team", "care system radio button")
_CONTINUE = tracked("select care team", "Continue to start message")
_CONTACT_LIST = tracked("select care team", "Update your contact list")
_CANT_FIND = tracked("select care team", "Learn what to do if you can’t find your care team")
CANT_FIND_LINK_TEXT = "Learn what to do if you can’t find your care team"
CONTACT_LIST_LINK_TEXT = "Update your contact list"


class SelectCareTeamPage(BasePage):
    h1_text = "Select care team"
    title_text = "Select Care Team - Start Message | Veterans Affairs"
    path = contract.SELECT_CARE_TEAM

    # --- care system -----------------------------------------------------------------------
    def care_system_radio(self) -> VaRadio:
        # 2-5 systems; the RUM-tracked radio group (release plan "Care System Radio button")
        return VaRadio(self.page.locator('va-radio[name="va-health-care-system"]'))

    def care_system_select(self) -> VaSelect:
        return VaSelect(self.page.get_by_test_id("care-system-select"))

    def care_system_chooser(self) -> Literal["radio", "select", "none"]:
        """How the page lets the patient choose a care system (waits for the combo box first)."""
        self.care_team_combo_box().input().wait_for()
        if self.care_system_radio().host.count():
            return "radio"
        if self.care_system_select().host.count():
            return "select"
        return "none"

    def care_system_options(self) -> list[str]:
        chooser = self.care_system_chooser()
        if chooser == "radio":
            return self.care_system_radio().labels()
        if chooser == "select":
            return self.care_system_select().option_texts()
        return []

    def care_system_ids(self) -> list[str]:
        """The care systems offered, by station (vha id): each radio's or option's value."""
        chooser = self.care_system_chooser()
        if chooser == "radio":
            return self.care_system_radio().values()
        if chooser == "select":
            return self.care_system_select().option_values()
        return []

    def care_system_radio_option(self, vha_id: str) -> Locator:
        return self.page.get_by_test_id(f"care-system-{vha_id}")

    def choose_care_system(self, name: str) -> None:
        chooser = self.care_system_chooser()
        if chooser == "radio":
            click(self.page, self.care_system_radio().option_label(name), _CARE_SYSTEM_RADIO)
        elif chooser == "select":
            self.care_system_select().choose_label(name)
        else:
            raise AssertionError(f"no care system chooser on the page to choose {name!r}")

    def chosen_care_system(self) -> str | None:
        chooser = self.care_system_chooser()
        if chooser == "radio":
            return self.care_system_radio().checked_label()
        if chooser == "select":
            select = self.care_system_select().control()
            script = "s => s.value ? s.options[s.selectedIndex].textContent.trim() : null"
            return cast(str | None, select.evaluate(script))
        return None

    # --- care team -------------------------------------------------------------------------
    def care_team_combo_box(self) -> VaComboBox:
        return VaComboBox(self.page.get_by_test_id("compose-recipient-combobox"))

    def care_team_fields(self) -> Locator:
        """Every care-team combo box shown (none when the patient has no team to choose)."""
        return self.care_team_combo_box().host

    def care_team_options(self) -> list[str]:
        return self.care_team_combo_box().option_names()

    def choose_care_team(self, name: str) -> None:
        self.care_team_combo_box().choose(name)

    def chosen_care_team(self) -> str:
        return self.care_team_combo_box().typed_text()

    def care_team_error(self) -> Locator:
        return self.care_team_combo_box().error_message()

    def care_team_field_has_focus(self) -> bool:
        return self.care_team_combo_box().has_focus()

    # --- links and continue ----------------------------------------------------------------
    def cant_find_care_team_link(self) -> Locator:
        return self.page.get_by_role("link", name=CANT_FIND_LINK_TEXT)

    def update_contact_list_link(self) -> Locator:
        return self.page.get_by_role("link", name=CONTACT_LIST_LINK_TEXT, exact=True)

    def open_care_team_help(self) -> CareTeamHelpPage:
        click(self.page, self.cant_find_care_team_link(), _CANT_FIND)
        return CareTeamHelpPage(self.page).expect_loaded()

    def update_contact_list(self) -> ContactListPage:
        click(self.page, self.update_contact_list_link(), _CONTACT_LIST)
        return ContactListPage(self.page).expect_loaded()

    def continue_link(self) -> VaLinkAction:
        return VaLinkAction(self.page.get_by_test_id("continue-button"))

    def continue_(self) -> BasePage:
        click(self.page, self.continue_link().link(), _CONTINUE)
        return wait_for_flow_page(self.page, leaving=self)

    def continue_without_choosing(self) -> None:
        click(self.page, self.continue_link().link(), _CONTINUE)

    # --- Oracle Health: migration alerts and the in-product education hint ------------------
    def migration_alerts(self) -> Locator:
        """Every migration alert: the warning expandable (before) and the error alert (during)."""
        return self.page.locator('[data-testid^="cerner-facilities-transition-alert"]')

    def migration_warning(self) -> VaAlertExpandable:
        """The first warning (the page shows one per migration schedule)."""
        return VaAlertExpandable(self.page.get_by_test_id("cerner-facilities-transition-alert").first)

    def migration_error(self) -> VaAlert:
        """The first error-phase alert."""
        return VaAlert(self.page.get_by_test_id("cerner-facilities-transition-alert-error-phase").first)

    def care_team_hint(self) -> Locator:
        """The in-product education hint (an `aside`) about the updated care-team list."""
        return self.page.get_by_test_id("sm-care-team-list-update-ipe-container")

    def stop_showing_hint_button(self) -> VaButton:
        return VaButton(self.page.get_by_test_id("sm-care-team-list-update-ipe-stop-showing-hint"))

    def stop_showing_hint(self) -> None:
        self.stop_showing_hint_button().click()

    def care_team_options_by_group(self) -> list[tuple[str | None, str, str]]:
        """The care teams offered as (group label or None, care team id, name shown), in order; the
        grouping toggle's "Recent care teams" group among them."""
        return [
            (group, value, team_name_from_option(text))
            for group, value, text in self.care_team_combo_box().grouped_options()
        ]

    def care_team_option_groups(self) -> list[str]:
        """The combo box's group labels (`optgroup`), in order; empty when the list is flat."""
        script = "c => [...c.querySelectorAll(':scope > optgroup')].map(g => g.label)"
        return cast(list[str], self.care_team_combo_box().host.evaluate(script))

    # --- keyboard only -----------------------------------------------------------------------
    def choose_care_system_with_keyboard(self, name: str) -> None:
        radio = self.care_system_radio()
        self.tab_to(radio.radios())
        self.page.keyboard.press("Space")
        for _ in range(radio.labels().index(name)):
            self.page.keyboard.press("ArrowDown")

    def choose_care_team_with_keyboard(self, name: str) -> None:
        combo = self.care_team_combo_box()
        self.tab_to(combo.input())
        combo.type_and_choose_with_keyboard(name)

    def continue_with_keyboard(self) -> BasePage:
        self.press_with_keyboard(self.continue_link().link())  # no RUM click: Datadog counts pointer clicks
        return wait_for_flow_page(self.page, leaving=self)
