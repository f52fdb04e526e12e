"""Round two of the stand-in's DOM contract, area C (mocks/web/FIDELITY.md "Round two (issue 20), area C"):
blocked care teams on recent care teams and on the legacy form, the care-team combo box's order and its
error state, the migration error texts, the hint's button. Facts a scenario does not assert."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from contract import RECIPIENT_OPT_GROUPS
from tests.standin.conftest import Opened, StandinOpener
from tests.standin.test_standin_accessibility import assert_clean, h1
from tests.standin.test_standin_issue11_states import headline, open_expandable, to_select_care_team

RECENT_H1 = "Care teams you recently sent messages to"
ERROR_MESSAGE = "You can’t send or receive new messages or reply to conversations with providers at"
ERROR_NOTE = "If you need to contact your provider now, call the facility directly."


def precedes(page: Page, first: str, second: str) -> bool:
    """Whether the element matching selector `first` comes before the one matching `second`."""
    return bool(
        page.evaluate(
            "([a, b]) => !!(document.querySelector(a).compareDocumentPosition(document.querySelector(b))"
            " & Node.DOCUMENT_POSITION_FOLLOWING)",
            [first, second],
        )
    )


def to_recent(opened: Opened) -> Page:
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    h1(page, RECENT_H1)
    return page


def test_recent_care_teams_blocked_system_alert_sits_under_the_heading(open_standin: StandinOpener) -> None:
    """R2C1: one fully blocked care system: the info alert, after the h1 and before the emergency note."""
    page = to_recent(open_standin("system_blocked", recent_teams=2))
    alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(alert).to_have_count(1)
    expect(alert).to_have_attribute("status", "info")
    expect(alert).to_have_attribute("close-btn-aria-label", "Close notification")
    assert headline(alert).startswith("You can't send messages to care teams at VA ")
    assert precedes(page, "h1", '[data-testid="blocked-triage-group-alert"]')
    assert precedes(
        page, '[data-testid="blocked-triage-group-alert"]', '[data-testid="emergency-use-only-expandable"]'
    )
    assert_clean(page, "recent care teams, care system blocked")


@pytest.mark.parametrize("profile", ["one_team_blocked", "several_teams_blocked"])
def test_recent_care_teams_shows_no_alert_for_teams_blocked_one_by_one(
    open_standin: StandinOpener, profile: str
) -> None:
    """R2C2: blocked teams without a fully blocked care system: nothing on recent care teams."""
    page = to_recent(open_standin(profile, recent_teams=2))
    expect(page.get_by_test_id("recent-care-teams-radio-group")).to_be_visible()
    expect(page.get_by_test_id("blocked-triage-group-alert")).to_have_count(0)


@pytest.mark.parametrize(("profile", "listed"), [("one_team_blocked", 0), ("several_teams_blocked", 2)])
def test_legacy_form_blocked_alert_heads_the_form(
    open_standin: StandinOpener, profile: str, listed: int
) -> None:
    """R2C4: curated flow off: a bordered block at the top of the form holds the warning expandable;
    two or more blocked items are listed, one is named in the title only."""
    opened = open_standin(profile, curated=False, recent_teams=0)
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("continue-button").click()
    h1(page, "Start a new message")
    alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(alert).to_have_js_property("tagName", "VA-ALERT-EXPANDABLE")
    expect(alert).to_have_attribute("status", "warning")
    expect(alert).to_have_attribute("data-dd-action-name", "Blocked Triage Group Alert Expandable")
    block = page.locator("#sm-compose-form div.vads-u-border-top--1px", has=alert)
    expect(block).to_have_class(
        "vads-u-border-top--1px vads-u-padding-top--3 vads-u-margin-top--3 vads-u-margin-bottom--neg2"
    )
    assert precedes(
        page, '[data-testid="blocked-triage-group-alert"]', '[data-testid="compose-recipient-select"]'
    )
    expect(page.get_by_test_id("emergency-use-only-expandable")).to_have_count(1)
    items = alert.get_by_test_id("blocked-triage-group")
    expect(items).to_have_count(listed if listed else 0)
    if listed:
        expect(items.first).to_have_attribute(
            "data-dd-action-name", "Blocked/Not Associated alert - expandable"
        )
    open_expandable(page, "blocked-triage-group-alert")
    assert_clean(page, f"legacy form, {profile}")


def test_care_team_error_focuses_the_combo_box_host(open_standin: StandinOpener) -> None:
    """R2C8-R2C9: Continue with no care team: the error renders in the component's role=alert span and
    scrollToFirstError focuses the va-combo-box host (tabindex -1, removed on blur)."""
    page = to_select_care_team(open_standin("vista_only", recent_teams=0))
    combo = page.get_by_test_id("compose-recipient-combobox")
    page.get_by_test_id("continue-button").click()
    expect(combo).to_have_attribute("error", "Select a care team")
    message = combo.locator("#input-error-message")
    expect(message).to_have_attribute("role", "alert")
    expect(message.locator(".usa-error-message")).to_have_text("Select a care team")
    expect(message.locator(".usa-sr-only")).to_have_text("Error")
    page.wait_for_function("() => document.activeElement?.tagName === 'VA-COMBO-BOX'")
    expect(combo).to_have_attribute("tabindex", "-1")
    # Tab moves into the component's own input (focus stays within the host): the tabindex stays
    # until focus leaves the combo box, as focusElement removes it on the host's blur.
    page.get_by_role("heading", level=1).focus()
    expect(combo).not_to_have_attribute("tabindex", "-1")


def test_combo_box_recent_group_uses_the_raw_name(open_standin: StandinOpener) -> None:
    """R2C7: opt groups on: the "Recent care teams" options read the team's `name`, not its shown name."""
    opened = open_standin("mixed", recent_teams=2)
    opened.session.set_toggle(RECIPIENT_OPT_GROUPS, "on")
    page = to_recent(opened)
    page.get_by_label("A different care team").check()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Select care team")
    combo = page.get_by_test_id("compose-recipient-combobox")
    texts = combo.evaluate(
        "c => [...c.querySelectorAll(':scope > optgroup[label=\"Recent care teams\"] option')]"
        ".map(o => o.textContent.split('\\t')[0])"
    )
    names = {t["name"] for t in opened.session.patient()["careTeams"]}
    assert texts, "no recent care teams group"
    assert set(texts) <= names, f"recent options {texts} are not raw team names"


def test_migration_error_texts_do_not_vary(open_standin: StandinOpener) -> None:
    """M4: the error alert's message and note are fixed constants, whatever the number of facilities."""
    page = to_select_care_team(open_standin("migrating_during", recent_teams=0))
    alert = page.get_by_test_id("cerner-facilities-transition-alert-error-phase")
    paragraphs = alert.locator("div > p")
    expect(paragraphs.first).to_have_text(ERROR_MESSAGE)
    subnote = r"^After \w+ \d+, \d{4}, you can use messages to contact providers at these facilities again\.$"
    expect(paragraphs.nth(1)).to_have_text(re.compile(subnote))
    expect(paragraphs.nth(2)).to_have_text(ERROR_NOTE)


def test_hint_button_has_no_description(open_standin: StandinOpener) -> None:
    """I2: "Stop showing this hint" carries no message-aria-describedby."""
    page = to_select_care_team(open_standin("oracle_health_only", recent_teams=0))
    button = page.get_by_test_id("sm-care-team-list-update-ipe-stop-showing-hint")
    expect(button).to_have_attribute("text", "Stop showing this hint")
    assert button.get_attribute("message-aria-describedby") is None
