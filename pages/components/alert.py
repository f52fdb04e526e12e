"""`va-alert`: status is a host attribute; the content is slotted light DOM."""

from __future__ import annotations

from pages.components._base import VaComponent


class VaAlert(VaComponent):
    def status(self) -> str | None:
        return self.host.get_attribute("status")

    def text(self) -> str:
        return " ".join((self.host.text_content() or "").split())
