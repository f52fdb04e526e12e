"""Start message (`/new-message/start-message/`): the curated compose form."""

from __future__ import annotations

from playwright.sync_api import Locator

import contract
from pages.base import BasePage
from pages.components import (
    VaAlert,
    VaButton,
    VaFileInputMultiple,
    VaModal,
    VaSelect,
    VaTextarea,
    VaTextInput,
)
from pages.components.live_region import in_live_region
from pages.components.modal import CloseBy
from pages.select_care_team import SelectCareTeamPage
from pages.tracked import click, record, tracked

SELECT_DIFFERENT_TEAM_TEXT = "Select a different care team"
# Categories by the label a person reads, and the code the API receives for each.
CATEGORY_CODES = {
    "General": "OTHER",
    "COVID": "COVID",
    "Appointment": "APPOINTMENTS",
    "Medication": "MEDICATIONS",
    "Test": "TEST_RESULTS",
    "Education": "EDUCATION",
}
# What each required field says when it is left empty and the message is sent.
MISSING_FIELD_ERRORS = {
    "category": "Please select a category.",
    "subject": "Subject cannot be blank.",
    "message": "Message body cannot be blank.",
}
MESSAGE_SENT = "Message sent"
# The tracked controls of the compose form and its dialogs (pages/tracked.py).
_SEND = tracked("start message", "Send")
_SAVE_DRAFT = tracked("start message", "Save draft")
_DELETE_DRAFT = tracked("start message", "Delete draft")
_CONFIRM_DELETE = tracked("delete-draft dialog", "Delete draft")
_CANCEL_DELETE = tracked("delete-draft dialog", "Cancel")
_DELETE_CLOSED = tracked("delete-draft dialog", "Close")
_CANT_SAVE_CLOSED = tracked("can't-save dialog", "Close")
_EDIT_DRAFT = tracked("can't-save dialog", "Edit draft")
_SAVE_WITHOUT = tracked("can't-save dialog", "Save draft without attachments")
_DIFFERENT_TEAM = tracked("start message", "Select a different care team")
# Alerts.Message (util/constants.js): the file scanner's verdict on a refused send (SM172), one file or more.
ATTACHMENT_SCAN_FAIL = (
    "Our file scanner found a problem with your attachment. To send your message, remove this attachment."
)
MULTIPLE_ATTACHMENTS_SCAN_FAIL = (
    "Our file scanner found a problem with your attachments. To send your message, remove the attachments."
)
# ComposeForm's sending indicator, with large attachments on and off (mocks/web/FIDELITY.md R2B).
SENDING_LARGE = "Do not refresh the page. Sending message..."
SENDING = "Sending message..."
# The subject's va-text-input carries maxlength="50" (ComposeForm.jsx, see mocks/web/FIDELITY.md T30).
SUBJECT_MAX_LENGTH = 50


# Records each sending indicator's `message` as it is added to the page, for `sending_indicator_texts`.
_WATCH_SENDING_INDICATOR = """() => {
  if (window.__smSendingTexts) return;
  window.__smSendingTexts = [];
  const selector = '[data-testid="sending-indicator"]';
  const note = (el) => window.__smSendingTexts.push(el.getAttribute('message'));
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches(selector)) note(node);
        node.querySelectorAll(selector).forEach(note);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
}"""


class ComposeForm(BasePage):
    """Fields and buttons shared by the curated and the legacy compose pages."""

    def category(self) -> VaSelect:
        return VaSelect(self.page.get_by_test_id("compose-message-categories"))

    def subject(self) -> VaTextInput:
        return VaTextInput(self.page.get_by_test_id("message-subject-field"))

    def body(self) -> VaTextarea:
        return VaTextarea(self.page.get_by_test_id("message-body-field"))

    def choose_category(self, label: str) -> None:
        """`label` is the category's short label, e.g. "General" or "Medication"."""
        self.category().choose_label_starting(f"{label}:")

    def category_options(self) -> list[str]:
        return self.category().option_texts()

    def write(self, subject: str, body: str) -> None:
        self.subject().fill(subject)
        self.body().fill(body)

    def type_message(self, subject: str, body: str) -> None:
        """Clear the subject and the message, then type them key by key, as a person does."""
        for field, text in ((self.subject(), subject), (self.body(), body)):
            field.fill("")
            field.type(text)

    def retype_body(self, body: str) -> None:
        self.body().fill("")
        self.body().type(body)

    def write_with_keyboard(self, category_label: str, subject: str, body: str) -> None:
        keyboard = self.page.keyboard
        self.tab_to(self.category().control())
        keyboard.type(f"{category_label}:")  # a focused select jumps to the option typed
        self.tab_to(self.subject().control())
        keyboard.type(subject)
        self.tab_to(self.body().control())
        keyboard.type(body)

    def send_with_keyboard(self) -> None:
        # Datadog's SDK makes click actions of pointer clicks: a key press records none (observed).
        self.press_with_keyboard(self.send_button().button())

    def tab_to_send(self) -> None:
        """Reach Send with Tab, without pressing it."""
        self.tab_to(self.send_button().button())

    def send_has_keyboard_focus(self) -> bool:
        return self.has_keyboard_focus(self.send_button().button())

    def send_button(self) -> VaButton:
        return VaButton(self.page.get_by_test_id("send-button"))

    def message_fields(self) -> Locator:
        """Subject, message and Send, wherever the page shows them (none when it offers no form)."""
        return self.subject().host.or_(self.body().host).or_(self.send_button().host)

    def send(self) -> None:
        self.page.evaluate(_WATCH_SENDING_INDICATOR)
        click(self.page, self.send_button().button(), _SEND)

    def sending_indicator_texts(self) -> list[str]:
        """What the sending indicator said during the sends since the page loaded (it shows only while a
        send is in flight, often shorter than a step takes)."""
        return list(self.page.evaluate("() => window.__smSendingTexts || []"))

    def send_twice(self) -> None:
        """An impatient double press on Send."""
        self.send_button().button().dblclick()
        record(self.page, _SEND)  # two clicks, two actions
        record(self.page, _SEND)

    def save_draft_button(self) -> Locator:
        return self.page.get_by_test_id("save-draft-button")

    def save_draft(self) -> None:
        click(self.page, self.save_draft_button(), _SAVE_DRAFT)

    def delete_draft_button(self) -> Locator:
        # The real button's id (DeleteDraft.jsx); its data-testid is the same word.
        return self.page.locator("#delete-draft-button")

    # --- attachments ------------------------------------------------------------------------
    def attachments(self) -> VaFileInputMultiple:
        return VaFileInputMultiple(self.page.get_by_test_id("attach-file-input"))

    def attach(self, name: str, content: bytes) -> None:
        """Choose a file; its type follows its extension (.txt, .pdf, ...), as in a browser."""
        self.attachments().add(name, content)

    def attachment_error(self) -> Locator:
        """The file-input error (`role=alert`) shown when a chosen file breaks a limit."""
        return self.page.get_by_test_id("file-input-error-message")

    def attachment_help(self) -> Locator:
        return self.page.get_by_test_id("how-to-attach-files")

    def delete_draft_dialog(self) -> VaModal:
        """DeleteDraftModal: its buttons are va-modal's own (newest) or slotted va-buttons (older), so
        they are found by role and name inside it, which holds for both."""
        return VaModal(self.page.get_by_test_id("delete-draft-modal"))

    def ask_to_delete_draft(self) -> None:
        click(self.page, self.delete_draft_button(), _DELETE_DRAFT)

    def confirm_delete_draft(self) -> None:
        confirm = self.delete_draft_dialog().host.get_by_role("button", name="Delete draft")
        click(self.page, confirm, _CONFIRM_DELETE)

    def cancel_delete_draft(self) -> None:
        cancel = self.delete_draft_dialog().host.get_by_role("button", name="Cancel", exact=True)
        click(self.page, cancel, _CANCEL_DELETE)

    def close_delete_draft_dialog(self, how: CloseBy = "click") -> None:
        """Close the dialog: "click" its X, "keyboard" (Tab to the X, Enter) or "escape"."""
        self.delete_draft_dialog().close(how)
        record(self.page, _DELETE_CLOSED)

    def close_save_draft_warning(self, how: CloseBy = "click") -> None:
        """Close the "We can't save ..." dialog by its X or Escape (see `VaModal.close`)."""
        self.save_draft_warning().close(how)
        record(self.page, _CANT_SAVE_CLOSED)

    # --- "We can't save attachments in a draft message" (RouteLeavingGuard's modal) -----------------
    def save_draft_warning(self) -> VaModal:
        return VaModal(self.page.get_by_test_id("navigation-warning-modal"))

    def keep_editing_draft(self) -> None:
        """The modal's first button ("Edit draft"): close it and stay."""
        first = VaButton(self.page.get_by_test_id("route-guard-primary-button")).button()
        click(self.page, first, _EDIT_DRAFT)

    def save_draft_without_attachments(self) -> None:
        """The modal's second button ("Save draft without attachments")."""
        second = VaButton(self.page.get_by_test_id("route-guard-secondary-button")).button()
        click(self.page, second, _SAVE_WITHOUT)

    def delete_draft(self) -> None:
        """Delete, then confirm in the "Delete this draft?" dialog."""
        self.ask_to_delete_draft()
        self.confirm_delete_draft()

    def click_each_tracked_control(self) -> None:
        """Each tracked control of the form and the delete-draft dialog once (pages/tracked.py): Save draft,
        Delete draft, Cancel in its dialog, then Send, last because it leaves the page."""
        self.save_draft()
        self.draft_saved_notice().filter(has_text="was saved").wait_for()  # then the dialog is about a draft
        self.ask_to_delete_draft()
        self.cancel_delete_draft()
        self.send()

    def draft_saved_notice(self) -> Locator:
        # note the reference's `data-test-id` (not data-testid) on this alert
        return self.page.locator('[data-test-id="save-alert-message"]')

    # --- what screen readers are told --------------------------------------------------------
    def message_is_announced(self, text: str) -> bool:
        """Whether the shown `text` (an error, a status) sits in a live region."""
        return in_live_region(self.page.get_by_text(text))

    def draft_status_is_announced(self) -> bool:
        """Whether the draft status ("Saving...", "Your message was saved on ...") sits in a live region."""
        return in_live_region(self.draft_saved_notice().locator("#messagetext"))

    def success_alert(self) -> VaAlert:
        return self.alert_with_status("success")

    def error_alert(self) -> VaAlert:
        return self.alert_with_status("error")

    def field_errors(self) -> Locator:
        return self.page.locator(".usa-error-message")

    def missing_field_error(self, field: str) -> Locator:
        """The error shown when `field` ("category", "subject" or "message") is left empty."""
        return self.field_errors().filter(has_text=MISSING_FIELD_ERRORS[field])

    def sent_confirmation(self) -> Locator:
        """The global alert once the message is sent."""
        return self.alert_text().first

    def sending_indicator(self) -> Locator:
        return self.page.get_by_test_id("sending-indicator")

    def attachment_file_errors(self) -> Locator:
        """Errors shown on the attached files themselves, inside the file input."""
        return self.attachments().host.locator(".usa-error-message")


class StartMessagePage(ComposeForm):
    h1_text = "Start message"
    title_text = "Start message  | Veterans Affairs"
    path = contract.START_MESSAGE

    def recipient_title(self) -> Locator:
        """`<care system> - <care team>` under "To"."""
        return self.page.get_by_test_id("compose-recipient-title")

    def recipient_text(self) -> str:
        return " ".join((self.recipient_title().text_content() or "").split())

    def signature_heading(self) -> Locator:
        return self.page.get_by_role("heading", name="Electronic signature")

    def _signature_card(self) -> Locator:
        # ElectronicSignature.jsx: a va-card with the "Electronic signature" h2, the name input, the checkbox.
        return self.page.locator("va-card").filter(has=self.signature_heading())

    def signature_name(self) -> VaTextInput:
        return VaTextInput(self._signature_card().locator("va-text-input").first)

    def sign(self, full_name: str) -> None:
        """Type the full name and certify it, as the electronic signature asks."""
        self.signature_name().fill(full_name)
        self._signature_card().locator("va-checkbox").first.locator("label").first.click()

    def select_different_care_team_link(self) -> Locator:
        return self.page.get_by_role("link", name=SELECT_DIFFERENT_TEAM_TEXT)

    def select_different_care_team(self) -> SelectCareTeamPage:
        click(self.page, self.select_different_care_team_link(), _DIFFERENT_TEAM)
        return SelectCareTeamPage(self.page).expect_loaded()
