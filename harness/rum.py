"""Datadog RUM as the dashboard sees it: read the SDK's intake in both modes and flush it on demand.

- Against the mock, the stand-in's SDK sends to the mock's intake (`proxy`); the harness reads the
  session's RUM journal through the control client.
- In staging, the app's SDK sends to Datadog (or its proxy). The harness routes those intake requests in
  the browser context, parses the batches itself and answers 202 locally, so test sessions never reach
  the production dashboards; `--rum-forward` lets them through after reading them.
- Requests the browser sends while a document unloads (the SDK's last beacon) can escape a route, so in
  staging the harness also ends the RUM session (flush, then `stopSession()`) before it leaves a page or
  closes the page, and, unless `--rum-forward`, Chromium resolves Datadog's intake hosts
  (browser-intake-*; the staging-like mock names its intake host alike) to nowhere: whatever escapes the
  route still cannot reach the dashboards.
- Flushing is deterministic: the harness adds a marker action and dispatches the page-lifecycle `freeze`
  event the SDK flushes on (as when a tab is frozen in the background), then waits for the marker's
  batch and for every intake request in flight to finish. No sleeps.
"""

from __future__ import annotations

import time
import tomllib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import BrowserContext, Page, Request, Route

from harness.run.options import options_of
from mocks.rum_format import FLUSH_MARKER, BatchError, RumStore

ROOT = Path(__file__).resolve().parents[1]
FLUSH_TIMEOUT_S = 10.0
TEARDOWN_FLUSH_S = 3.0
INIT_TIMEOUT_MS = 30_000  # the first load on a busy machine; the real app initialises RUM after an import
_INTERCEPT_KEY = pytest.StashKey["InterceptedRum"]()
_TRAFFIC_KEY = pytest.StashKey["IntakeTraffic"]()

# Marker action, then a `freeze` event: the SDK's page-exit observer flushes every pending batch on it.
# Script-dispatched events are ignored by the SDK unless marked as trusted (its own marker for synthetic
# events); the marker carries a token so each flush waits for its own batch.
_FLUSH_JS = """(args) => {
  const rum = window.DD_RUM;
  if (!rum || !rum.getInitConfiguration || !rum.getInitConfiguration()) return false;
  rum.addAction(args.marker, { token: args.token });
  const event = new Event('freeze');
  event.__ddIsTrusted = true;
  window.dispatchEvent(event);
  return true;
}"""
_STOP_JS = "() => { if (window.DD_RUM && window.DD_RUM.stopSession) window.DD_RUM.stopSession(); }"
BLOCK_INTAKE_HOSTS = "--host-resolver-rules=MAP browser-intake-* ~NOTFOUND"
_INIT_JS = "() => (window.DD_RUM && window.DD_RUM.getInitConfiguration && window.DD_RUM.getInitConfiguration()) || null"  # noqa: E501


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rum", "Datadog RUM")
    group.addoption(
        "--rum-forward",
        action="store_true",
        default=False,
        help="Staging: let the SDK's intake requests reach Datadog after reading them (default: answered "
        "locally, so test sessions never reach the dashboards).",
    )
    group.addoption(
        "--rum-replay",
        action="store_true",
        default=False,
        help="Mock mode: the stand-in's Datadog SDK records session replay, as the real app does for half "
        "its sessions (default: not started; it costs much browser CPU and no check reads it).",
    )


def is_intake(url: str) -> bool:
    """A Datadog browser-intake request, direct (browser-intake-*) or through a `proxy` (ddforward)."""
    parsed = urlparse(url)
    return "ddforward" in parse_qs(parsed.query) or (
        parsed.hostname is not None
        and (parsed.hostname.startswith("browser-intake-") and parsed.path.startswith("/api/v2/"))
    )


def tracked_actions(path: Path = ROOT / "go-no-go.toml") -> list[list[str]]:
    """The release plan's tracked elements: each entry is the dashboard name, then the names the page uses."""
    with path.open("rb") as handle:
        return [list(names) for names in tomllib.load(handle).get("rum", {}).get("required", [])]


@dataclass
class IntakeTraffic:
    """Intake requests in flight in one browser context, so a flush waits until all have landed."""

    started: int = 0
    finished: int = 0

    def install(self, context: BrowserContext) -> None:
        context.on("request", lambda r: self._count(r, "started"))
        context.on("requestfinished", lambda r: self._count(r, "finished"))
        context.on("requestfailed", lambda r: self._count(r, "finished"))

    def _count(self, request: Request, which: str) -> None:
        if is_intake(request.url):
            setattr(self, which, getattr(self, which) + 1)

    @property
    def in_flight(self) -> int:
        return self.started - self.finished


@dataclass
class InterceptedRum:
    """Staging: the SDK's batches, parsed in the harness as they leave the browser."""

    forward: bool = False
    store: RumStore = field(default_factory=RumStore)
    rejected: list[str] = field(default_factory=list)

    def install(self, context: BrowserContext) -> None:
        context.route(is_intake, self._handle)

    def _handle(self, route: Route) -> None:
        request = route.request
        try:
            self.store.add_batch(request.url, request.post_data_buffer or b"")
        except (BatchError, UnicodeDecodeError) as exc:
            self.rejected.append(str(exc))
        if self.forward:
            route.continue_()
        else:
            route.fulfill(status=202, body="")

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        return self.store.events(kind)


class _Source(Protocol):
    def events(self, kind: str | None = None) -> list[dict[str, Any]]: ...


@dataclass
class JournalRum:
    """Mock mode: the session's RUM journal, as the mock's intake kept it."""

    session: Any

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = self.session.rum_events(kind)["events"]
        return events


@dataclass
class Rum:
    """What RUM received for this scenario, from either source, and the flush that makes it complete."""

    source: _Source
    traffic: IntakeTraffic
    mode: str  # "journal" or "interception"

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.source.events(kind) if e.get("name") != FLUSH_MARKER]

    def actions(self, name: str | None = None) -> list[dict[str, Any]]:
        return [a for a in self.events("action") if name is None or a.get("name") == name]

    def flush(self, page: Page, timeout_s: float = FLUSH_TIMEOUT_S) -> None:
        """Make the SDK send what it holds and wait until the intake has it all."""
        token = uuid.uuid4().hex
        if not page.evaluate(_FLUSH_JS, {"marker": FLUSH_MARKER, "token": token}):
            raise AssertionError(f"Datadog RUM is not initialised on {page.url}: nothing can be read")
        deadline = time.monotonic() + timeout_s
        while not (self._has_marker(token) and self.traffic.in_flight <= 0):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"RUM sent no batch within {timeout_s}s of a flush on {page.url} "
                    f"({self.traffic.in_flight} intake request(s) in flight); is the session sampled out? "
                    f"init configuration: {init_configuration(page, wait=False)}"
                )
            page.wait_for_timeout(25)  # keeps Playwright's event loop (and the route handler) running

    def leave(self, page: Page, timeout_s: float = FLUSH_TIMEOUT_S) -> None:
        """Before the harness navigates away or closes: send everything now and end the RUM session, so
        nothing is left for the unload-time beacon (the one request a route may not see)."""
        self.flush(page, timeout_s)
        page.evaluate(_STOP_JS)

    def _has_marker(self, token: str) -> bool:
        return any(
            a.get("name") == FLUSH_MARKER and (a.get("context") or {}).get("token") == token
            for a in self.source.events("action")
        )


def init_configuration(page: Page, wait: bool = True) -> dict[str, Any] | None:
    """`window.DD_RUM.getInitConfiguration()` on the current page; waits for the app to initialise RUM."""
    if wait:
        try:
            page.wait_for_function(_INIT_JS, timeout=INIT_TIMEOUT_MS)
        except Exception:
            return None
    config: dict[str, Any] | None = page.evaluate(_INIT_JS)
    return config


# ---------------------------------------------------------------- fixtures


def _staging(config: pytest.Config) -> bool:
    return options_of(config).staging


def launch_args(args: dict[str, Any], config: pytest.Config) -> dict[str, Any]:
    """Staging without --rum-forward: Datadog's intake hosts do not resolve in the harness's browser."""
    if not _staging(config) or options_of(config).rum_forward:
        return args
    return {**args, "args": [*args.get("args", []), BLOCK_INTAKE_HOSTS]}


@contextmanager
def rum_counted(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[None]:
    """The browser context's RUM intake traffic counted; in staging, the intake intercepted and every
    open page's RUM session ended before the context closes."""
    traffic = IntakeTraffic()
    traffic.install(context)
    request.node.stash[_TRAFFIC_KEY] = traffic
    intercepted = None
    if _staging(request.config):
        intercepted = InterceptedRum(forward=options_of(request.config).rum_forward)
        intercepted.install(context)
        request.node.stash[_INTERCEPT_KEY] = intercepted
    yield
    if intercepted is not None:
        # The one place a page's session is ended: pytest-playwright never closes `page` before its
        # context, so every page is still open here. Ending a page a second time flushed a stopped
        # session and waited out TEARDOWN_FLUSH_S, 3 s on every staging scenario.
        for page in context.pages:
            end_rum(request, page)


def end_rum(request: pytest.FixtureRequest, page: Page) -> None:
    """In staging, end the page's RUM session before it closes: the SDK's beacon at close is the one
    request the route may not see."""
    intercepted = request.node.stash.get(_INTERCEPT_KEY, None)
    if intercepted is None or page.is_closed():
        return
    try:
        Rum(intercepted, request.node.stash[_TRAFFIC_KEY], "interception").leave(page, TEARDOWN_FLUSH_S)
    except Exception:  # a page without RUM (blank, sampled out) has nothing to send
        return


@pytest.fixture
def rum(context: BrowserContext, request: pytest.FixtureRequest) -> Rum:
    """This scenario's RUM: the mock session's journal, or the intercepted intake in staging."""
    traffic = request.node.stash[_TRAFFIC_KEY]
    intercepted = request.node.stash.get(_INTERCEPT_KEY, None)
    if intercepted is not None:
        return Rum(intercepted, traffic, "interception")
    return Rum(JournalRum(request.getfixturevalue("mock_session")), traffic, "journal")
