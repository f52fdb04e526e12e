"""`va-file-input-multiple`: one `va-file-input` child per file plus an empty one; each child keeps its
native `input[type=file]` in its shadow root (Playwright pierces it to set files)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import Locator, expect

from pages.components._base import VaComponent


class VaFileInputMultiple(VaComponent):
    def label(self) -> str | None:
        return self.host.get_attribute("label")

    def hint(self) -> str | None:
        return self.host.get_attribute("hint")

    def file_inputs(self) -> Locator:
        return self.host.locator("input[type=file]")

    def add(self, name: str, content: bytes) -> None:
        """Choose one file in the empty slot (the last input), as a person picks it from a folder.

        The file is written to disk and chosen by its path, so a local browser reads it itself: as a
        buffer, a file just over the 25 MB limit went through Playwright's pipe and took over 30 s on a
        loaded CI machine. Its type comes from the extension, as in a browser. The folder goes with the page.
        """
        folder = Path(tempfile.mkdtemp(prefix="sm-attachment-"))
        self.host.page.once("close", lambda _: shutil.rmtree(folder, ignore_errors=True))
        path = folder / name
        path.write_bytes(content)
        # The empty slot appears only after the component has taken the previous file: choosing before it
        # does would replace that file (a loaded machine lost the second of three files this way).
        empty_slot = self.file_inputs().last
        expect(empty_slot).to_have_value("")
        empty_slot.set_input_files(path)
