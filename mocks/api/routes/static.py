"""The stand-in SPA (CONTRACTS.md §1): history routing to index.html, /sm-web files, per-session config.js."""

import json
import os
from pathlib import Path

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from contract import APP_ROOT, INBOX
from mocks.api.bundle import BUNDLE_NAME, MAP_NAME, AppBundler, Bundle, BundleUnavailable
from mocks.api.http import session_of
from mocks.api.routes.rum import INTAKE_PATH

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
NO_CACHE = {"cache-control": "no-store"}
PINNED_CACHE = "public, max-age=86400, immutable"
STAGING_LIKE_INTAKE_HOST = "browser-intake-standin.localhost"


async def index(request: Request) -> Response:
    page = WEB_DIR / "index.html"
    if not page.is_file():
        return PlainTextResponse(
            "The stand-in app is not built yet (mocks/web/index.html is missing).", status_code=404
        )
    return FileResponse(page, headers=NO_CACHE)


def rum_proxy(request: Request) -> str:
    """Where the stand-in's Datadog SDK sends: always the mock's own intake, so nothing leaves the machine.
    With the control plane, same-origin (the session cookie picks the journal). Staging-like, on a host of
    its own named like Datadog's intake (browser-intake-*; *.localhost is loopback), as on the real site,
    so a staging run blocks it exactly as it blocks Datadog (harness/rum.py)."""
    if session_of(request).control:
        return INTAKE_PATH
    return f"http://{STAGING_LIKE_INTAKE_HOST}:{request.url.port or 80}{INTAKE_PATH}"


async def config_js(request: Request) -> Response:
    session = session_of(request)
    control = session.control
    config = {
        "defects": list(session.defects) if control else [],
        "rumProxy": rum_proxy(request),
        "rumReplay": session.rum_replay,
    }
    return Response(
        f"window.SM_STANDIN_CONFIG = {json.dumps(config)};\n",
        media_type="application/javascript",
        headers=NO_CACHE,
    )


class StandInFiles(StaticFiles):
    """The stand-in's files. Packages under node_modules are pinned by package-lock.json, so a browser may
    keep them for the whole context: a scenario that loads the app again does not fetch and compile the
    VA components, fonts and SDK again. The app's own files are revalidated, so an edit shows at once."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        pinned = "/node_modules/" in str(full_path)
        response.headers["cache-control"] = PINNED_CACHE if pinned else "no-cache"
        return response


BUNDLER = AppBundler(WEB_DIR)


async def _bundle_or_error() -> Bundle | Response:
    try:
        return await anyio.to_thread.run_sync(BUNDLER.current)  # esbuild runs off the event loop
    except BundleUnavailable as error:
        return PlainTextResponse(str(error), status_code=503, headers=NO_CACHE)


async def app_bundle(request: Request) -> Response:
    """The stand-in's modules as one file (mocks/api/bundle.py); revalidated, so an edit shows at once."""
    bundle = await _bundle_or_error()
    if isinstance(bundle, Response):
        return bundle
    headers = {"etag": bundle.etag, "cache-control": "no-cache"}
    if request.headers.get("if-none-match") == bundle.etag:
        return Response(status_code=304, headers=headers)
    return Response(bundle.code, media_type="text/javascript", headers=headers)


async def app_bundle_map(request: Request) -> Response:
    bundle = await _bundle_or_error()
    if isinstance(bundle, Response):
        return bundle
    return Response(bundle.source_map, media_type="application/json", headers={"cache-control": "no-cache"})


async def root(request: Request) -> Response:
    return RedirectResponse(INBOX, status_code=302)


routes: list[BaseRoute] = [
    Route("/", root, methods=["GET"], name="root"),
    Route(APP_ROOT, index, methods=["GET"], name="standin"),
    Route(f"{APP_ROOT}/{{rest:path}}", index, methods=["GET"], name="standin_page"),
    Route("/sm-web/config.js", config_js, methods=["GET"], name="standin_config"),
    Route(f"/sm-web/{BUNDLE_NAME}", app_bundle, methods=["GET"], name="standin_bundle"),
    Route(f"/sm-web/{MAP_NAME}", app_bundle_map, methods=["GET"], name="standin_bundle_map"),
    Mount("/sm-web", StandInFiles(directory=WEB_DIR, check_dir=False), name="standin_files"),
]
