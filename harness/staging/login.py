"""Sign in to staging once, by hand, and keep the signed-in browser state for `--storage-state`.

`python -m harness login --base-url URL --out auth.json` opens a headed Chromium at the base URL; the
person signs in with the test account; the helper notices (GET /v0/user answers 200) or the person
presses Enter, and writes the storage state readable by its owner only (0600). It never prints a
cookie or token value.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext

from harness.run.browser import launch_args

POLL_S = 1.0


class LoginFailed(Exception):
    """Signing in did not complete; the message says why."""


def _enter_pressed() -> threading.Event:
    pressed = threading.Event()

    def wait() -> None:
        try:
            sys.stdin.readline()
        except (OSError, ValueError):
            return
        pressed.set()

    if sys.stdin is not None and sys.stdin.isatty():
        threading.Thread(target=wait, daemon=True, name="login-enter").start()
    return pressed


def signed_in_status(context: BrowserContext, base_url: str) -> int:
    """Status of GET /v0/user with the browser's cookies (0 when the site does not answer)."""
    try:
        return context.request.get(f"{base_url}/v0/user", max_redirects=0, fail_on_status_code=False).status
    except Exception:  # a network error means "not yet", not a crash
        return 0


def write_private(path: Path, state: dict[str, Any]) -> None:
    """Write the storage state so only its owner can read it, even if the file existed before."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    os.chmod(path, 0o600)


def login(
    base_url: str,
    out: Path,
    *,
    headless: bool = False,
    timeout_s: float = 600.0,
    browser_path: str | None = None,
    sign_in: Callable[[Any, Any], None] | None = None,
    say: Callable[[str], None] = print,
    api_url: str | None = None,
    playwright: Any = None,
) -> Path:
    """Open the site, wait for a signed-in session, save its storage state to `out` (mode 0600).

    `sign_in(context, page)` replaces the person (tests use it to set the sign-in cookie); `playwright`
    reuses a running Playwright (a test's) instead of starting one.
    """
    if playwright is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as own:
            return login(
                base_url,
                out,
                headless=headless,
                timeout_s=timeout_s,
                browser_path=browser_path,
                sign_in=sign_in,
                say=say,
                api_url=api_url,
                playwright=own,
            )
    from playwright.sync_api import Error as PlaywrightError

    base = base_url.rstrip("/")
    api = (api_url or base).rstrip("/")
    options = launch_args({"headless": headless}, browser_path, playwright.chromium.executable_path, None)
    browser = playwright.chromium.launch(**options)
    try:
        context = browser.new_context()
        page = context.new_page()
        try:
            page.goto(base)
        except PlaywrightError as error:
            raise LoginFailed(f"{base} is not reachable ({error.message.splitlines()[0]})") from None
        say(f"Sign in with the test account in the browser window at {base}.")
        say("Waiting until GET /v0/user answers 200 (or press Enter once you are signed in).")
        if sign_in is not None:
            sign_in(context, page)
        pressed = _enter_pressed()
        deadline = time.monotonic() + timeout_s
        status = signed_in_status(context, api)
        while status != 200 and not pressed.is_set():
            if time.monotonic() > deadline:
                raise LoginFailed(
                    f"not signed in after {timeout_s:g} s (GET /v0/user answers {status}); nothing saved"
                )
            page.wait_for_timeout(POLL_S * 1000)  # keeps the browser responsive while we wait
            status = signed_in_status(context, api)
        if status != 200:
            say(f"Warning: GET /v0/user still answers {status}; saving the state as you asked.")
        state = context.storage_state()
    finally:
        browser.close()
    write_private(out, state)
    say(f"Saved the signed-in state to {out} ({len(state.get('cookies', []))} cookies; values not shown).")
    say(f"Use it with: pytest --env staging --base-url {base} --storage-state {out}")
    return out
