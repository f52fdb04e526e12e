"""`va-textarea`: shadow `textarea#input-type-textarea`."""

from __future__ import annotations

from pages.components._base import VaTextField


class VaTextarea(VaTextField):
    field_tag = "textarea"

    def fill(self, text: str) -> None:
        """Replace the whole text. ComposeForm moves the caret to the start whenever the message gets focus
        (a prefilled signature stays below what is typed); Playwright's own fill selects before it focuses,
        so that move would collapse the selection. Focus first, then select all and replace."""
        control = self.control()
        control.focus()
        control.evaluate("el => el.select()")
        if text:
            control.page.keyboard.insert_text(text)
        else:
            control.press("Delete")
