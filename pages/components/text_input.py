"""`va-text-input`: shadow `input#inputField`."""

from __future__ import annotations

from pages.components._base import VaTextField


class VaTextInput(VaTextField):
    field_tag = "input"
