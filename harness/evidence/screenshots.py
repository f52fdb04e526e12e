"""Small JPEG screenshots of the page after each step, stored as files beside the report.

Only the capture is on the scenario's critical path: shrinking and writing the thumbnail happen on a
background thread (Pillow releases the GIL while it decodes, resizes and encodes), and `flush()` waits
for them before the process writes its evidence file.
"""

from __future__ import annotations

import io
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import Page

from harness.run.timing import EVIDENCE, timed

WIDTH = 480  # px; readable thumbnails at a few KB each, so 500+ scenarios stay light
QUALITY = 45
_pool: ThreadPoolExecutor | None = None
_pending: list[Future[None]] = []


def thumbnail(png_or_jpeg: bytes, width: int = WIDTH, quality: int = QUALITY) -> bytes:
    from PIL import Image  # only runs that record evidence pay for Pillow

    image = Image.open(io.BytesIO(png_or_jpeg)).convert("RGB")
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _write(raw: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(thumbnail(raw))


def capture(page: Page, path: Path) -> bool:
    """Screenshot the viewport now and write its thumbnail to `path` soon; False (never an error) when
    the page cannot be captured, e.g. it is closed or mid-navigation, because evidence must not change a
    scenario's result."""
    global _pool
    with timed(EVIDENCE):
        try:
            raw = page.screenshot(type="jpeg", quality=70, animations="disabled", timeout=5000)
        except Exception:
            return False
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evidence-thumbnails")
        _pending.append(_pool.submit(_write, raw, path))
        return True


def flush() -> list[str]:
    """Wait for every pending thumbnail; the errors of those that could not be written."""
    errors = []
    with timed(EVIDENCE):
        while _pending:
            try:
                _pending.pop(0).result()
            except Exception as exc:  # a lost thumbnail must not fail the run
                errors.append(f"{type(exc).__name__}: {exc}")
    return errors
