"""The MHV "page not found" content (no breadcrumbs)."""

from __future__ import annotations

from pages.base import BasePage


class NotFoundPage(BasePage):
    h1_text = "Page not found"
    title_text = "Page not found | Veterans Affairs"
