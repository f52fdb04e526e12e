"""The stand-in's own modules (`mocks/web/app/*.js`) served as one file, bundled by esbuild.

vets-website ships its app as a webpack bundle; the stand-in's sources stay plain ES modules, and the mock
bundles them when the page asks, again whenever a source changed, so an edit shows on the next reload. One
request instead of twenty-four matters: each request costs the browser, Playwright's driver and the mock
about 12 ms of CPU on the 2-core CI machine, and every scenario loads the app once in a fresh context.

The VA packages stay outside the bundle (`/sm-web/node_modules/...`), loaded as the real site loads them:
the components through their own lazy loader, Datadog's SDK as its published bundle.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

ENTRY = "app/main.js"
BUNDLE_NAME = "app.bundle.js"
MAP_NAME = f"{BUNDLE_NAME}.map"
_INLINE_MAP = b"//# sourceMappingURL=data:application/json;base64,"
BUILD_TIMEOUT_S = 60.0


class BundleUnavailable(RuntimeError):
    """The bundle cannot be built: esbuild is not installed, or a source does not compile."""


@dataclass(frozen=True)
class Bundle:
    code: bytes  # ends with a sourceMappingURL comment naming MAP_NAME
    source_map: bytes  # sources are relative to the web folder (app/...), served beside the bundle
    etag: str


class AppBundler:
    """Builds the bundle on first use and whenever a source under `app/` is newer than the last build."""

    def __init__(self, web_dir: Path, esbuild: Path | None = None) -> None:
        self.web_dir = web_dir
        self.esbuild = esbuild or web_dir / "node_modules" / ".bin" / "esbuild"
        self._lock = threading.Lock()
        self._built: Bundle | None = None
        self._built_from: tuple[float, int] | None = None

    def current(self) -> Bundle:
        with self._lock:
            stamp = self._sources_stamp()
            if self._built is None or stamp != self._built_from:
                self._built, self._built_from = self._build(), stamp
            return self._built

    def _sources_stamp(self) -> tuple[float, int]:
        # Newest modification time and file count: an edit, an added or a removed module rebuilds.
        sources = list((self.web_dir / "app").rglob("*.js"))
        return max((p.stat().st_mtime for p in sources), default=0.0), len(sources)

    def _build(self) -> Bundle:
        if not self.esbuild.exists():
            raise BundleUnavailable(
                f"esbuild is not installed ({self.esbuild}): run `make setup` (npm ci in mocks/web)."
            )
        command = [
            str(self.esbuild), ENTRY, "--bundle", "--format=esm", "--external:/sm-web/*",
            "--sourcemap=inline", "--sources-content=false", "--log-level=error",
        ]  # fmt: skip
        result = subprocess.run(
            command, cwd=self.web_dir, capture_output=True, timeout=BUILD_TIMEOUT_S, check=False
        )
        if result.returncode != 0:
            errors = result.stderr.decode(errors="replace")
            raise BundleUnavailable(f"esbuild could not bundle {ENTRY}:\n{errors}")
        code, _, encoded = result.stdout.rpartition(_INLINE_MAP)
        if not code:
            raise BundleUnavailable("esbuild wrote no source map")  # the flags above always ask for one
        code += f"//# sourceMappingURL={MAP_NAME}\n".encode()
        return Bundle(code, base64.b64decode(encoded.strip()), f'"{hashlib.sha256(code).hexdigest()[:32]}"')
