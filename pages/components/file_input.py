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
        """Choose one file in the empty slot (the last input), as a person picks it from a folder, and wait
        until the component has dealt with it.

        The file is written to disk and chosen by its path, so a local browser reads it itself: as a
        buffer, a file just over the 25 MB limit went through Playwright's pipe and took over 30 s on a
        loaded CI machine. Its type comes from the extension, as in a browser. The folder goes with the page.
        """
        folder = Path(tempfile.mkdtemp(prefix="sm-attachment-"))
        self.host.page.once("close", lambda _: shutil.rmtree(folder, ignore_errors=True))
        path = folder / name
        path.write_bytes(content)
        self.file_inputs().last.set_input_files(path)
        # Return once the component has taken or refused the file: either way its last slot is empty again
        # (a new slot after the file, or a fresh component without it). Choosing before that replaced the
        # file (a loaded machine lost the second of three files), and a click aimed before it met the
        # form still moving (Save draft went down under the mouse as the file's row appeared).
        expect(self.file_inputs().last).to_have_value("")
