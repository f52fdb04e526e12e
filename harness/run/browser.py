"""Which Chromium to launch: Debian's by default, configurable, never a silent surprise; launched here or
on a Playwright browser server (`--browser-server ws://...`, e.g. `playwright run-server` in a container).

A browser server gets pytest-playwright's own connect mechanism (its `connect_options` fixture): the
launch options travel in the `x-playwright-launch-options` header and the server launches the browser.
`--browser-path` then names the Chromium on the server's side, and the server must be started with
`--unsafe` to accept a path and flags from a client; without a path the server uses its own browser.
`expose_network="<loopback>"` lets the remote browser reach this machine's localhost, where each worker's
mock listens; staging targets are reached directly from the server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from harness.run.options import options_of

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# The same Chromium (Debian's package of the same release) built as the headless shell, which is what
# Playwright itself runs for headless Chromium. The full browser's "new headless" mode runs the whole
# browser UI stack without a window: on this 2-core machine a scenario cost about 40% more CPU on it.
# Headless runs prefer the shell; a headed run (--headed, `python -m harness login`) needs the full one.
DEBIAN_HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_PATH_ENV = "CHROMIUM_PATH"
BROWSER_SERVER_ENV = "BROWSER_SERVER"
EXPOSE_TO_SERVER = "<loopback>"
# Quiet, reproducible launches; --no-sandbox because CI and this machine run as root.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--no-sandbox",
]
# pytest-playwright offers --browser firefox|webkit, but the harness launches Chromium only (its path,
# flags and the VA flow's support matrix are Chromium's); anything else is refused before a browser starts.
SUPPORTED_ENGINES = ("chromium",)


def refuse_other_engines(engines: list[str]) -> None:
    """A clear usage error for `--browser firefox|webkit`, instead of Chromium's path and flags on them."""
    others = [engine for engine in dict.fromkeys(engines) if engine not in SUPPORTED_ENGINES]
    if others:
        raise pytest.UsageError(
            f"--browser {' '.join(others)}: the harness runs Chromium only (Debian's, "
            "--browser-path, or --browser-channel chrome|msedge for an installed Chrome or Edge). "
            "Drop --browser, or use --browser chromium."
        )


def chromium_executable(
    option_path: str | None, playwright_chromium: str | None, *, headless: bool = True
) -> Path | None:
    """--browser-path, then $CHROMIUM_PATH, then Debian's headless shell (headless runs only), then
    Debian's chromium, then Playwright's own download.

    An explicitly configured path that does not exist is an error, not a reason to fall back.
    """
    explicit = option_path or os.environ.get(CHROMIUM_PATH_ENV)
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            source = "--browser-path" if option_path else f"${CHROMIUM_PATH_ENV}"
            raise pytest.UsageError(f"{source} {explicit}: no such file.")
        return path
    if headless and DEBIAN_HEADLESS_SHELL.is_file():
        return DEBIAN_HEADLESS_SHELL
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    if playwright_chromium and Path(playwright_chromium).is_file():
        return None  # Playwright finds its own browser
    raise pytest.UsageError(
        "No Chromium found. Install Debian's (`apt-get install chromium`, or `make setup`), "
        f"or point --browser-path / ${CHROMIUM_PATH_ENV} at a Chromium binary."
    )


def describe_choice(option_path: str | None, server: str | None = None, *, headless: bool = True) -> str:
    """For the run header: which Chromium this run will launch (without starting Playwright)."""
    if server:
        remote = option_path or os.environ.get(CHROMIUM_PATH_ENV)
        return f"on the browser server {server} ({remote or 'its own Chromium'})"
    try:
        path = chromium_executable(option_path, None, headless=headless)
    except pytest.UsageError as error:
        if option_path or os.environ.get(CHROMIUM_PATH_ENV):
            return str(error)
        return (
            "Playwright's own Chromium, if installed (no --browser-path, $CHROMIUM_PATH or Debian chromium)"
        )
    return str(path)


# ---------------------------------------------------------------- the plugin part: a browser server


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("harness").addoption(
        "--browser-server",
        default=os.environ.get(BROWSER_SERVER_ENV) or None,
        metavar="WS_URL",
        help="Run the browser on a Playwright browser server (`playwright run-server`), e.g. "
        f"ws://127.0.0.1:3000/ (default: ${BROWSER_SERVER_ENV}). --browser-path is then the server's path.",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    refuse_other_engines(config.getoption("browser", default=None) or [])


def browser_server(config: pytest.Config) -> str | None:
    return options_of(config).browser_server


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """pytest-playwright connects instead of launching when this is set (its own mechanism)."""
    server = browser_server(pytestconfig)
    if server is None:
        return None
    return {"endpoint": server, "expose_network": EXPOSE_TO_SERVER}  # BrowserType.connect kwargs


def launch_args(
    args: dict[str, Any], option_path: str | None, playwright_chromium: str | None, server: str | None
) -> dict[str, Any]:
    """pytest-playwright's launch args plus our Chromium and flags. With a browser server the path is
    the server's, so it is passed on unchecked (the server reports a wrong one)."""
    args = dict(args)
    if not args.get("channel"):
        if server:
            explicit = option_path or os.environ.get(CHROMIUM_PATH_ENV)
            if explicit:
                # Sent as-is in the launch-options header, which the server reads in its own (camelCase)
                # spelling; the snake_case keyword only applies to a local launch.
                args["executablePath"] = explicit
        else:
            executable = chromium_executable(
                option_path, playwright_chromium, headless=args.get("headless", True)
            )
            if executable is not None:
                args["executable_path"] = str(executable)
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args
