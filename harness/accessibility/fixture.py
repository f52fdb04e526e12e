"""The `a11y` fixture's object: scan the current page state, save it, hand it to the evidence recorder."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from harness.accessibility import ruleset
from harness.accessibility.plugin import results_dir
from harness.accessibility.results import A11yResult, build_result
from harness.accessibility.waivers import WAIVERS_FILE, Waiver, WaiverFileError, load_waivers
from harness.timing import AXE, timed

WAIVERS_KEY = pytest.StashKey[list[Waiver]]()


@cache
def _axe() -> Axe:
    """axe-playwright-python loading the pinned axe-core script, once per process (a clear error when it
    is missing)."""
    return Axe.from_file(ruleset.axe_script())


# Scanning mid-transition (a note fading in) reports colour contrast on half-opaque text: the finite
# animations and transitions are finished first (endless spinners aside). Chromium's
# document.getAnimations() leaves out shadow roots, where the VA components animate, so walk them too.
SETTLE_ANIMATIONS = """async () => {
  // web components re-render on the next frame: let a transition a click just caused begin first
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i].querySelectorAll("*")) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
    }
  }
  const finite = roots.flatMap((root) => root.getAnimations()).filter(
    (a) => a.playState === "running" && Number.isFinite(a.effect?.getComputedTiming().endTime));
  // Jump each to its end state instead of waiting it out: the state scanned is the same, sooner.
  for (const animation of finite) animation.finish();
  const cap = new Promise((resolve) => setTimeout(resolve, 3000));
  await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => null))), cap]);
  await new Promise((resolve) => requestAnimationFrame(resolve));  // the end state rendered
}"""


# What axe's verdict depends on, hashed in the page: the URL, the viewport, the DOM with every open
# shadow root (where the VA components render), form values (properties, not attributes) and the focused
# element. Equal fingerprints mean the same document state, so the earlier response is reused.
FINGERPRINT = """() => {
  const parts = [location.href, innerWidth, innerHeight, document.documentElement.outerHTML];
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i].querySelectorAll("*")) {
      if (element.shadowRoot) { roots.push(element.shadowRoot); parts.push(element.shadowRoot.innerHTML); }
      if ("value" in element && /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName)) {
        parts.push(element.value, String(element.checked));
      }
    }
  }
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  parts.push(focused ? focused.outerHTML.slice(0, 300) : "");
  const text = parts.join("\u0000");
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;  // cyrb53: a fast 53-bit string hash
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761); h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length}:${4294967296 * (2097151 & h2) + (h1 >>> 0)}`;
}"""
CACHE_SIZE = 64


class ScanCache:
    """The last axe responses of this process by document fingerprint (scenarios reach the same static
    states, e.g. the interstitial, again and again; steps may scan a state twice)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.responses: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.hits = 0

    def get(self, key: str) -> dict[str, Any] | None:
        response = self.responses.get(key)
        if response is None:
            return None
        self.responses.move_to_end(key)
        self.hits += 1
        return copy.deepcopy(response)

    def put(self, key: str, response: dict[str, Any]) -> None:
        self.responses[key] = copy.deepcopy(response)
        while len(self.responses) > self.size:
            self.responses.popitem(last=False)


SCANS = ScanCache()


def run_axe(page: Page, context: str | None, cache: ScanCache | None = SCANS) -> dict[str, Any]:
    """axe.run on the current DOM, or the response of an earlier scan of the same document state. The
    SPA keeps its document across page states, so the 0.5 MB axe script is injected once per document,
    not once per scan (axe-playwright-python's run re-injects)."""
    with timed(AXE):
        page.evaluate(SETTLE_ANIMATIONS)
        key = None
        if cache is not None:
            key = f"{ruleset.axe_version()}|{context}|{page.evaluate(FINGERPRINT)}"
            cached = cache.get(key)
            if cached is not None:
                return cached
        if not page.evaluate("version => window.axe?.version === version", ruleset.axe_version()):
            page.evaluate(_axe().axe_script)
        response = page.evaluate(
            "([context, options]) => window.axe.run(context ?? document, options)",
            [context, ruleset.axe_options()],
        )
        if key is not None:
            cache.put(key, response)  # type: ignore[union-attr]
        return response


def slug(text: str, limit: int = 120) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit] or "state"


def session_waivers(config: pytest.Config) -> list[Waiver]:
    """The waivers file, read once per process; a malformed file stops the scan with its own message."""
    if WAIVERS_KEY not in config.stash:
        try:
            config.stash[WAIVERS_KEY] = load_waivers(config.rootpath / WAIVERS_FILE)
        except WaiverFileError as error:
            pytest.fail(str(error), pytrace=False)
    return config.stash[WAIVERS_KEY]


class A11y:
    """`scan(page, state)` records a page state's axe results; `assert_clean` also fails on violations."""

    def __init__(
        self,
        request: pytest.FixtureRequest | None,
        out_dir: Path,
        waivers: list[Waiver],
        today: dt.date | None = None,
    ) -> None:
        self._request = request
        self.out_dir = out_dir
        self.waivers = waivers
        self.today = today or dt.date.today()
        self.results: list[A11yResult] = []

    @classmethod
    def for_request(cls, request: pytest.FixtureRequest) -> A11y:
        config = request.config
        return cls(request, results_dir(config) / slug(request.node.nodeid), session_waivers(config))

    def scan(self, page: Page, state: str) -> A11yResult:
        """Run axe on the current page state: the SM container when present, else the document."""
        context = ruleset.SM_CONTAINER if page.locator(ruleset.SM_CONTAINER).count() else "document"
        response = run_axe(page, None if context == "document" else context)
        result = build_result(
            response,
            state=state,
            axe_version=ruleset.axe_version(),
            context=context,
            ruleset=ruleset.TAGS,
            waivers=self.waivers,
            today=self.today,
        )
        self.results.append(result)
        self.save(result)
        self._hand_to_evidence(result)
        return result

    def assert_clean(self, page: Page, state: str) -> A11yResult:
        result = self.scan(page, state)
        if not result.clean:
            pytest.fail(result.report(), pytrace=False)
        return result

    def save(self, result: A11yResult) -> Path:
        """One JSON file per page state in this scenario's folder."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"{slug(result.state)}.json"
        path.write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
        return path

    def _hand_to_evidence(self, result: A11yResult) -> None:
        # The evidence recorder is optional: the a11y part works without it.
        if self._request is None:
            return
        try:
            evidence = self._request.getfixturevalue("evidence")
        except pytest.FixtureLookupError:
            return
        evidence.add_a11y(result.state, result.url, result.to_dict())
