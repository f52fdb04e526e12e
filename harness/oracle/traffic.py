"""What the app received: `ObservedTraffic` listens to a browser context's responses (it never routes or
changes them) and keeps, per endpoint the flow reads, the request and the JSON answer as an `Exchange`.
Listening only, so staging sees the app as a patient would.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from playwright.sync_api import BrowserContext, Page, Request, Response

from contract import endpoint_of
from harness.oracle.patient import Exchange, ObservedPatient, build_patient


def _json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


_MESSAGE_PART = re.compile(r'name="message"\r?\n\r?\n(.*?)\r?\n--', re.DOTALL)


def _request_json(request: Request) -> Any:
    """A JSON body, or the JSON `message` part of a multipart send (attachments)."""
    try:
        text = request.post_data
    except Exception:  # a binary body (attachments) that is not text
        return None
    if text and "multipart" in (request.headers.get("content-type") or ""):
        match = _MESSAGE_PART.search(text)
        return _json(match.group(1)) if match else None
    return _json(text)


class ObservedTraffic:
    """Records, per browser context, what the app received from the contract's `ENDPOINTS`.

    Listening only: nothing is routed, delayed or changed, so staging sees the app as a patient would.
    """

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self._pending: set[Request] = set()

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_failed)

    def _on_request(self, request: Request) -> None:
        if endpoint_of(request.method, request.url):
            self._pending.add(request)

    def _on_response(self, response: Response) -> None:
        request = response.request
        name = endpoint_of(request.method, request.url)
        if name is None:
            return
        try:
            body = _json(response.text())
        except Exception:  # the page navigated away before the body arrived: keep the status
            body = None
        self.exchanges.append(Exchange(name, response.status, _request_json(request), body, request.url))
        self._pending.discard(request)

    def _on_failed(self, request: Request) -> None:
        name = endpoint_of(request.method, request.url)
        if name is not None:
            self.exchanges.append(Exchange(name, 0, _request_json(request), None, request.url))
            self._pending.discard(request)

    def all(self, endpoint: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.endpoint == endpoint]

    def latest(self, endpoint: str) -> Exchange | None:
        return next((e for e in reversed(self.exchanges) if e.endpoint == endpoint), None)

    def documents(self) -> dict[str, Exchange]:
        """The latest exchange per endpoint (a later sent search replaces an earlier one)."""
        return {e.endpoint: e for e in self.exchanges}

    def settle(self, page: Page, *required: str, timeout_s: float = 30.0) -> None:
        """Wait until the `required` endpoints have answered and no tracked request is in flight.

        The app decides what to render from these answers, so steps read the oracle only after them. The
        deadline is generous: a cold first page on a loaded CI machine must not read as a missing answer.
        Playwright's wait keeps its event loop (and so these listeners) running between polls.
        """
        deadline = time.monotonic() + timeout_s
        while self._pending or any(self.latest(name) is None for name in required):
            if time.monotonic() > deadline:
                missing = [n for n in required if self.latest(n) is None]
                in_flight = sorted(endpoint_of(r.method, r.url) or r.url for r in self._pending)
                raise AssertionError(
                    f"the app did not receive {missing or in_flight} within {timeout_s}s "
                    f"(answered so far: {sorted(self.documents())})"
                )
            page.wait_for_timeout(25)

    def patient(self) -> ObservedPatient:
        return build_patient(self.documents())
