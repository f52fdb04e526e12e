"""`va-file-input-multiple`: one `va-file-input` child per file plus an empty one; each child keeps its
native `input[type=file]` in its shadow root (Playwright pierces it to set files)."""

from __future__ import annotations

from playwright.sync_api import FilePayload, Locator

from pages.components._base import VaComponent


class VaFileInputMultiple(VaComponent):
    def label(self) -> str | None:
        return self.host.get_attribute("label")

    def hint(self) -> str | None:
        return self.host.get_attribute("hint")

    def file_inputs(self) -> Locator:
        return self.host.locator("input[type=file]")

    def add(self, name: str, content: bytes, mime_type: str = "text/plain") -> None:
        """Choose one file in the empty slot (the last input)."""
        payload: FilePayload = {"name": name, "mimeType": mime_type, "buffer": content}
        self.file_inputs().last.set_input_files(payload)
