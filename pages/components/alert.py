"""`va-alert`: status is a host attribute; the content is slotted light DOM."""

from __future__ import annotations

from typing import cast

from playwright.sync_api import Locator

from pages.components._base import VaComponent


class VaAlert(VaComponent):
    def status(self) -> str | None:
        return self.host.get_attribute("status")

    def text(self) -> str:
        return " ".join((self.host.text_content() or "").split())

    def headline(self) -> str:
        """The slotted headline as it reads, without the "<Status> Alert" prefix va-alert adds to it
        for screen readers."""
        return cast(str, self.headline_element().evaluate(_VISIBLE_TEXT))

    def headline_element(self) -> Locator:
        return self.host.locator('[slot="headline"]').first


# An element's text without screen-reader-only descendants, whitespace collapsed.
_VISIBLE_TEXT = """el => { const c = el.cloneNode(true);
  c.querySelectorAll('.usa-sr-only, .sr-only').forEach(e => e.remove());
  return c.textContent.replace(/\\s+/g, ' ').trim(); }"""
