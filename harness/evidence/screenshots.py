"""Small JPEG screenshots of the page after each step, stored as files beside the report."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image

from harness.timing import EVIDENCE, timed

WIDTH = 480  # px; readable thumbnails at a few KB each, so 500+ scenarios stay light
QUALITY = 45


def thumbnail(png_or_jpeg: bytes, width: int = WIDTH, quality: int = QUALITY) -> bytes:
    image = Image.open(io.BytesIO(png_or_jpeg)).convert("RGB")
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


def capture(page: Any, path: Path) -> bool:
    """Screenshot the viewport into `path`; False (never an error) when the page cannot be captured,
    e.g. it is closed or mid-navigation, because evidence must not change a scenario's result."""
    with timed(EVIDENCE):
        return _capture(page, path)


def _capture(page: Any, path: Path) -> bool:
    try:
        raw = page.screenshot(type="jpeg", quality=70, animations="disabled", timeout=5000)
    except Exception:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(thumbnail(raw))
    return True
