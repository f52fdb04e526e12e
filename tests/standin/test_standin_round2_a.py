"""Round two (issue 20), area A: the stand-in's DOM facts of the crisis line, entry and back, care team help,
folders and inbox, and the page after a send (mocks/web/FIDELITY.md, rows R2A*), where no scenario asserts
them."""

from __future__ import annotations

import re
from typing import cast

import pytest
from playwright.sync_api import Locator, Page, expect

from contract import CONTACT_LIST, INBOX, SELECT_CARE_TEAM, SENT
from tests.standin.conftest import StandinOpener
from tests.standin.test_standin_accessibility import h1
from tests.standin.test_standin_issue11_states import to_start_message

CRISIS = "Connect with the VCL Button"
INBOX_DESCRIPTION = "Communicate securely with your VA health care team."


def crisis_buttons(page: Page) -> Locator:
    return page.locator('va-button[text="Connect with the Veterans Crisis Line"]')


def write_and_send(page: Page) -> None:
    page.get_by_test_id("compose-message-categories").locator("select").select_option("OTHER")
    page.get_by_test_id("message-subject-field").locator("input").fill("Refill question")
    page.get_by_test_id("message-body-field").locator("textarea").fill("Can I get a refill soon?")
    page.get_by_test_id("send-button").click()


def focused_tag(page: Page) -> str:
    return cast(str, page.evaluate("() => document.activeElement ? document.activeElement.tagName : ''"))


def test_crisis_line_button_on_the_interstitial(open_standin: StandinOpener) -> None:
    """R2A1: a secondary va-button straight in the first list item, after its paragraph; no test id."""
    opened = open_standin("vista_only", recent_teams=0)
    opened.goto("/new-message/")
    page = opened.page
    h1(page, "Only use messages for non-urgent needs")
    button = crisis_buttons(page)
    expect(button).to_have_count(1)
    expect(button).to_have_attribute("data-dd-action-name", CRISIS)
    expect(button).to_have_attribute("class", re.compile(r"\bvads-u-margin-y--1p5\b"))
    expect(button).to_have_attribute("secondary", re.compile(".*"))
    assert button.get_attribute("data-testid") is None
    placement = button.evaluate(
        "b => [b.parentElement.tagName, b.previousElementSibling.tagName, b.previousElementSibling.className]"
    )
    assert placement == ["LI", "P", "vads-u-margin-top--0 vads-u-margin-bottom--1p5"]


def test_crisis_line_button_in_the_emergency_note(open_standin: StandinOpener) -> None:
    """R2A2: the emergency note's button is named "... - in alert"; the note's body sits in
    div.vads-u-padding-x--1.vads-u-padding-bottom--1 > div.vads-u-margin-bottom--2."""
    opened = open_standin("vista_only", recent_teams=0)
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    h1(page, "Select care team")
    note = page.get_by_test_id("emergency-use-only-expandable")
    button = note.locator('va-button[text="Connect with the Veterans Crisis Line"]')
    expect(button).to_have_attribute("data-dd-action-name", f"{CRISIS} - in alert")
    expect(
        note.locator(
            ":scope > div.vads-u-padding-x--1.vads-u-padding-bottom--1 > div.vads-u-margin-bottom--2"
        )
    ).to_have_count(1)


def test_back_link_of_the_interstitial_depends_on_the_address(open_standin: StandinOpener) -> None:
    """R2A4: in place of start message the Back link leads to select care team; at /new-message/ to the
    folder the flow was entered from."""
    opened = open_standin("vista_only", recent_teams=0)
    page = opened.page
    back = page.get_by_test_id("sm-breadcrumbs-back")
    opened.goto("/new-message/start-message/")
    h1(page, "Only use messages for non-urgent needs")
    expect(back).to_have_attribute("href", SELECT_CARE_TEAM)
    opened.goto("/inbox/")
    page.get_by_test_id("compose-message-link").click()
    h1(page, "Only use messages for non-urgent needs")
    expect(back).to_have_attribute("href", INBOX)


def test_send_success_alert_on_the_inbox(open_standin: StandinOpener) -> None:
    """R2A5-R2A10: the alert after a send, on the folder it returns to."""
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    write_and_send(page)
    expect(page).to_have_url(re.compile(r"/inbox/$"))
    h1(page, "Messages: Inbox")
    alert = page.locator("va-alert[status=success]")
    expect(alert).to_have_count(1)
    for name, value in {
        "close-btn-aria-label": "Close notification",
        "full-width": "false",
        "disable-analytics": "false",
        "show-icon": "true",
    }.items():
        expect(alert).to_have_attribute(name, value)
    for name in ("background-only", "closeable", "uswds"):
        expect(alert).to_have_attribute(name, "")
    expect(alert).to_have_attribute("class", re.compile(r"\bvads-u-margin-y--1\b.*\bva-alert\b"))
    text = page.get_by_test_id("alert-text")
    expect(text).to_have_text("Message sent")
    expect(text).to_have_attribute(
        "class", "vads-u-font-size--base vads-u-font-weight--bold vads-u-margin-y--0"
    )
    expect(text).to_have_css("font-weight", "700")
    link = page.get_by_test_id("review-sent-messages-link")
    expect(link).to_have_attribute("data-dd-action-name", "Sent messages link in success alert")
    expect(link).to_have_attribute("href", SENT)
    assert link.evaluate("e => e.tagName") == "VA-LINK"
    live = alert.locator(".sr-only")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_attribute("aria-atomic", "true")
    expect(live).to_have_text("Message sent")
    # The heading comes first (FolderHeader), and keeps focus: a success alert takes none.
    order = page.evaluate(
        """() => { const h = document.querySelector('h1'), a = document.querySelector('va-alert');
                   return Boolean(h.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING); }"""
    )
    assert order, "the alert should follow the folder heading"
    expect(page.locator("h1:focus")).to_have_count(1)


def test_send_entered_from_sent_has_no_review_link(open_standin: StandinOpener) -> None:
    """R2A6, R2A7: entered from Sent, the text is not bold and there is no "Review your sent messages"."""
    opened = open_standin("vista_only", recent_teams=1)
    page = opened.page
    opened.goto("/sent/")
    page.get_by_test_id("compose-message-link").click()
    page.get_by_test_id("start-message-link").click()
    h1(page, "Care teams you recently sent messages to")
    page.locator('[data-testid="recent-care-teams-radio-group"] va-radio-option').first.click()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Start message")
    write_and_send(page)
    expect(page).to_have_url(re.compile(r"/sent/$"))
    expect(page.get_by_test_id("alert-text")).to_have_attribute("class", "vads-u-margin-y--0")
    expect(page.get_by_test_id("review-sent-messages-link")).to_have_count(0)


def test_closing_the_alert_puts_focus_on_the_heading(open_standin: StandinOpener) -> None:
    """R2A10: closing the alert drops it and moves focus to the h1 after 100 ms."""
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    write_and_send(page)
    h1(page, "Messages: Inbox")
    alert = page.locator("va-alert[status=success]")
    page.get_by_role("button", name="Close notification").click()
    expect(alert).to_have_count(0)
    expect(page.locator("h1:focus")).to_have_count(1)


@pytest.mark.parametrize("profile", ["vista_only", "mixed"])
def test_care_team_help_contact_link_and_focus(open_standin: StandinOpener, profile: str) -> None:
    """R2A11 (F11): the contact-list link is a va-link after its paragraph; the page moves no focus."""
    opened = open_standin(profile, recent_teams=0)
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    h1(page, "Select care team")
    page.get_by_role("link", name="Learn what to do if you can’t find your care team").click()
    h1(page, "Can’t find your care team?")
    link = page.get_by_test_id("update-contact-list-link")
    expect(link).to_have_attribute("text", "Update your contact list")
    expect(link).to_have_attribute("href", CONTACT_LIST)
    previous = link.evaluate(
        "l => [l.tagName, l.parentElement.tagName, l.previousElementSibling.textContent]"
    )
    assert previous[:2] == ["VA-LINK", "DIV"]
    assert previous[2].startswith("You can send messages to new or previously removed care teams")
    assert focused_tag(page) != "H1"


def test_inbox_entry_link_and_descriptions(open_standin: StandinOpener) -> None:
    """R2A12, R2A13: ComposeMessageButton's markup; folder descriptions (Inbox and Sent share one)."""
    opened = open_standin("vista_only", recent_teams=0)
    page = opened.page
    opened.goto("/inbox/")
    h1(page, "Messages: Inbox")
    link = page.get_by_test_id("compose-message-link")
    expect(link).to_have_attribute(
        "class",
        "compose-message-link vads-c-action-link--green vads-u-font-weight--bold vads-u-padding-left--5",
    )
    assert link.evaluate("a => a.parentElement.className") == "vads-u-margin-top--1 vads-u-font-size--lg"
    description = page.get_by_test_id("folder-description")
    expect(description).to_have_text(INBOX_DESCRIPTION)
    expect(description).to_have_attribute("class", "va-introtext folder-description vads-u-margin-top--0")
    opened.goto("/sent/")
    h1(page, "Messages: Sent")
    expect(description).to_have_text(INBOX_DESCRIPTION)
    opened.goto("/trash/")
    h1(page, "Messages: Trash")
    expect(description).to_contain_text("These are the messages you moved to the trash")
    opened.goto("/drafts/")
    h1(page, "Messages: Drafts")
    expect(description).to_have_count(0)


def test_more_folders_title_and_heading(open_standin: StandinOpener) -> None:
    """R2A14: More folders' title and heading; focus on the heading."""
    opened = open_standin("vista_only", recent_teams=0)
    page = opened.page
    opened.goto("/folders/")
    h1(page, "Messages: More folders")
    expect(page).to_have_title("More folders | Veterans Affairs")
    expect(page.get_by_test_id("my-folder-header")).to_have_class("vads-u-margin-bottom--2")
    expect(page.locator("h1:focus")).to_have_count(1)
