"""Round two (issue 20), area B: the stand-in's DOM facts of drafts, their dialogs, send errors with
attachments, the signature and attachments (mocks/web/FIDELITY.md, rows R2B*), where no scenario asserts
them."""

from __future__ import annotations

import re
from typing import cast

import pytest
from playwright.sync_api import Locator, Page, expect

from contract import CERNER_PILOT, LARGE_ATTACHMENTS, SIGNATURE_SETTINGS
from pages.start_message import MULTIPLE_ATTACHMENTS_SCAN_FAIL
from tests.standin.conftest import StandinOpener
from tests.standin.test_standin_accessibility import h1
from tests.standin.test_standin_issue11_states import attach, to_start_message

DELETE_CLASSES = (
    "usa-button usa-button-secondary vads-u-flex--1 delete-draft-button vads-u-margin-top--0 "
    "vads-u-margin-right--0 vads-u-margin-bottom--0 vads-u-padding-x--0p5 vads-u-display--flex "
    "vads-u-flex-direction--row vads-u-justify-content--center"
)


def write(page: Page, subject: str = "Refill question", body: str = "Can I get a refill soon?") -> None:
    page.get_by_test_id("compose-message-categories").locator("select").select_option("OTHER")
    page.get_by_test_id("message-subject-field").locator("input").fill(subject)
    textarea = page.get_by_test_id("message-body-field").locator("textarea")
    textarea.focus()
    textarea.evaluate("el => el.select()")
    page.keyboard.insert_text(body)


def form_children(page: Page) -> list[str]:
    """The compose form's direct children, named by what they hold, in page order."""
    script = """form => [...form.children].map(el => {
             if (el.querySelector('[data-testid="compose-message-categories"]')) return 'category';
             if (el.querySelector('[data-testid="message-subject-field"]')) return 'subject';
             if (el.querySelector('[data-testid="message-body-field"]')) return 'body';
             if (el.matches('section.attachments-section')) return 'attachments';
             if (el.querySelector('[data-testid="send-button"]')) return 'buttons';
             if (el.querySelector('[data-test-id="save-alert-message"]')) return 'draft status';
             return el.tagName.toLowerCase();
           })"""
    return cast(list[str], page.locator("#sm-compose-form").evaluate(script))


def test_compose_fields_and_layout(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    category = page.get_by_test_id("compose-message-categories")
    expect(category).not_to_have_attribute("required", "")  # CategoryInput: not marked required
    expect(category).to_have_attribute("class", re.compile(r"^composeSelect( hydrated)?$"))
    expect(category).to_have_attribute("id", "category-select-dropdown")
    expect(page.locator("div.compose-form-div.vads-u-margin-y--3 > va-select")).to_have_count(1)
    expect(page.get_by_test_id("message-subject-field")).to_have_attribute("required", "")
    expect(page.get_by_test_id("message-body-field")).to_have_attribute("required", "")
    section = page.locator("section.attachments-section")
    expect(section.locator("> div.file-input [data-testid='attach-file-input']")).to_have_count(1)
    expect(section.locator("h2, h3")).to_have_count(0)  # no heading: the file input's label names it
    write(page)
    page.get_by_test_id("save-draft-button").click()
    expect(page.locator('[data-test-id="save-alert-message"]')).to_contain_text("saved")
    order = [name for name in form_children(page) if name not in ("div",)]
    assert order[-2:] == ["draft status", "buttons"], order  # DraftSavedInfo sits right above the buttons
    assert order.index("attachments") > order.index("body"), order


def test_delete_draft_button_and_dialog(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    button = page.locator("#delete-draft-button")
    expect(button).to_have_attribute("class", DELETE_CLASSES)
    expect(button).to_have_attribute("data-dd-action-name", "Delete Draft Button")
    expect(button.locator('va-icon[icon="delete"][aria-hidden="true"]')).to_have_count(1)
    expect(button).to_have_accessible_name("Delete draft")
    write(page)
    page.get_by_test_id("save-draft-button").click()
    expect(page.locator('[data-test-id="save-alert-message"]')).to_contain_text("saved")
    button.click()
    modal = page.get_by_test_id("delete-draft-modal")
    expect(modal).to_have_attribute("id", "delete-draft-modal")
    expect(modal).to_have_attribute("data-dd-action-name", "Delete this draft? Modal")
    expect(modal).to_have_attribute("modal-title", "Delete this draft?")
    expect(modal).to_have_attribute("status", "warning")
    expect(modal).to_have_attribute("primary-button-text", "Delete draft")
    expect(modal).to_have_attribute("secondary-button-text", "Cancel")
    assert modal.evaluate("m => m.parentElement === document.body"), "the dialog is portalled to the body"
    modal.get_by_role("button", name="Cancel", exact=True).click()
    expect(modal).to_have_count(0)
    expect(button).to_be_focused()  # DeleteDraft returns focus to its button


def test_cant_save_attachments_dialog_buttons(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    write(page)
    attach(page, "notes.txt", 20)
    page.get_by_test_id("save-draft-button").click()
    modal = page.get_by_test_id("navigation-warning-modal")
    expect(modal).to_have_attribute("modal-title", "We can't save attachments in a draft message")
    expect(modal).to_have_attribute("data-dd-action-name", "Navigation Warning Modal")
    first = page.get_by_test_id("route-guard-primary-button")
    second = page.get_by_test_id("route-guard-secondary-button")
    expect(first).to_have_attribute("text", "Edit draft")
    expect(first).to_have_attribute(
        "data-dd-action-name", "Edit draft button - Can't save with attachments modal"
    )
    expect(second).to_have_attribute("text", "Save draft without attachments")
    expect(second).to_have_attribute(
        "data-dd-action-name", "Save draft without attachments button - Can't save with attachments modal"
    )


def error_box(page: Page) -> Locator:
    return page.get_by_test_id("file-input-error-message")


def test_attachment_error_has_no_tabindex(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    attach(page, "big.txt", 7 * 1024 * 1024)
    expect(error_box(page)).to_have_attribute("role", "alert")
    expect(error_box(page)).to_have_attribute("aria-live", "polite")
    expect(error_box(page)).not_to_have_attribute("tabindex", "-1")
    expect(error_box(page).locator("span.usa-error-message")).to_have_count(1)


def test_empty_file_is_refused_by_the_component(open_standin: StandinOpener) -> None:
    """va-file-input 24.5.0 refuses a 0-byte file itself (its own message, vaMultipleError): the app never
    gets FILE_ADDED, so FileInput's "Your file is empty" is not shown."""
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    attach(page, "empty.txt", 0)
    field = page.get_by_test_id("attach-file-input")
    expect(field.locator(".usa-error-message").first).to_contain_text("The file you selected is empty")
    expect(error_box(page)).to_have_count(0)


def test_scan_failure_marks_each_file(open_standin: StandinOpener) -> None:
    opened = open_standin("vista_only", recent_teams=1)
    opened.session.add_fault("send", code="SM172")
    page = to_start_message(opened)
    write(page)
    field = page.get_by_test_id("attach-file-input")
    attach(page, "a.txt", 20)
    expect(field.filter(has_text="a.txt")).to_have_count(1)
    attach(page, "b.txt", 30)
    expect(field.filter(has_text="b.txt")).to_have_count(1)
    page.get_by_test_id("send-button").click()
    errors = page.get_by_test_id("attach-file-input").locator(".usa-error-message")
    expect(errors).to_have_count(2)
    expect(errors.first).to_have_text(MULTIPLE_ATTACHMENTS_SCAN_FAIL)
    expect(page.get_by_test_id("alert-text")).to_have_count(0)  # filed under HIDE_ALERT


@pytest.mark.parametrize(("large", "pilot"), [(False, False), (True, False), (False, True)])
def test_sending_text(open_standin: StandinOpener, large: bool, pilot: bool) -> None:
    """ComposeForm's useLargeAttachments: the large toggle, or the pilot toggle whatever the care team."""
    opened = open_standin("vista_only", recent_teams=1)
    opened.session.set_toggle(LARGE_ATTACHMENTS, "on" if large else "off")
    opened.session.set_toggle(CERNER_PILOT, "on" if pilot else "off")
    opened.session.add_fault("send", latency_ms=3000)
    page = to_start_message(opened)
    write(page)
    page.get_by_test_id("send-button").click()
    expected = "Do not refresh the page. Sending message..." if large or pilot else "Sending message..."
    expect(page.get_by_test_id("sending-indicator")).to_have_attribute("message", expected)


def test_signature_link_and_caret(open_standin: StandinOpener) -> None:
    """With a signature on file: "Edit signature for all messages" right after the message (signature
    settings toggle on), and the caret goes before the prefilled signature when the message gets focus."""
    opened = open_standin("vista_only", recent_teams=1, seed=_seed_with_signature(open_standin))
    opened.session.set_toggle(SIGNATURE_SETTINGS, "on")
    page = to_start_message(opened)
    link = page.get_by_role("link", name="Edit signature for all messages")
    expect(link).to_have_attribute("href", "/profile/personal-information#messaging-signature")
    expect(link).to_have_attribute("data-dd-action-name", "Edit Signature")
    expect(page.locator("#sm-compose-form > div.vads-u-margin-top--2 > a")).to_have_count(1)
    textarea = page.get_by_test_id("message-body-field").locator("textarea")
    expect(textarea).not_to_have_value("")
    page.get_by_test_id("message-subject-field").locator("input").focus()
    page.keyboard.press("Tab")
    expect(textarea).to_be_focused()
    assert textarea.evaluate("t => [t.selectionStart, t.selectionEnd]") == [0, 0]


def _seed_with_signature(open_standin: StandinOpener) -> int:
    """A seed whose generated patient includes a signature (about 3 in 10 do)."""
    for seed in range(1, 20):
        opened = open_standin("vista_only", recent_teams=1, seed=seed)
        signature = opened.page.request.get(
            f"{opened.base_url}/my_health/v1/messaging/preferences/signature"
        ).json()
        if signature["data"].get("includeSignature"):
            return seed
    raise AssertionError("no seed with a signature")


def test_legacy_signature_alert_is_a_live_region(open_standin: StandinOpener) -> None:
    opened = open_standin("signature_required", recent_teams=0, curated=False)
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("continue-button").click()
    h1(page, "Start a new message")
    # Choosing a care team that requires a signature, first, changes the requirement: the alert shows.
    team = next(t for t in opened.session.patient()["allowedCareTeams"] if t["signatureRequired"])
    page.get_by_test_id("compose-recipient-select").locator("select").select_option(str(team["triageTeamId"]))
    alert = page.get_by_test_id("signature-alert")
    expect(alert).to_have_attribute("close-btn-aria-label", "Close notification")
    expect(alert).to_have_attribute("class", re.compile(r"^vads-u-margin-y--2( hydrated)?$"))
    paragraph = alert.locator("p.vads-u-margin-y--0")
    expect(paragraph).to_have_attribute("role", "alert")
    expect(paragraph).to_have_attribute("aria-live", "polite")


def test_blank_new_message_is_deleted_without_the_dialog(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    page.locator("#delete-draft-button").click()
    expect(page.get_by_test_id("delete-draft-modal")).to_have_count(0)
    h1(page, "Care teams you recently sent messages to")  # history.goBack()
