"""The MHV "page not found" content (no breadcrumbs)."""

from __future__ import annotations

from typing import Self

from pages.base import BasePage


class NotFoundPage(BasePage):
    h1_text = "Page not found"
    title_text = "Page not found | Veterans Affairs"

    def expect_loaded(self) -> Self:
        super().expect_loaded()
        return self
