"""The MHV "page not found" content (no breadcrumbs)."""

from __future__ import annotations

import re
from typing import Self

from pages.base import BasePage


class NotFoundPage(BasePage):
    h1_text = re.compile(r"[Cc]an.t find that page|[Pp]age not found")

    def expect_loaded(self) -> Self:
        super().expect_loaded()
        return self
