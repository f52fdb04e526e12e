"""`va-textarea`: shadow `textarea#input-type-textarea`."""

from __future__ import annotations

from pages.components._base import VaTextField


class VaTextarea(VaTextField):
    field_tag = "textarea"
