"""The `a11y` fixture's object: scan the current page state, save it, hand it to the evidence recorder."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from harness.accessibility import aria_snapshots, ruleset, second_engine
from harness.accessibility.page_state import ScanCache, settled_fingerprint, slug
from harness.accessibility.plugin import results_dir
from harness.accessibility.results import A11yResult, build_result
from harness.accessibility.waivers import WAIVERS_FILE, Waiver, WaiverFileError, load_waivers
from harness.run.timing import AXE, timed

WAIVERS_KEY = pytest.StashKey[list[Waiver]]()


@cache
def _axe() -> Axe:
    """axe-playwright-python loading the pinned axe-core script, once per process (a clear error when it
    is missing)."""
    return Axe.from_file(ruleset.axe_script())


SCANS = ScanCache()


def run_axe(
    page: Page, context: str | None, cache: ScanCache | None = SCANS, fingerprint: str | None = None
) -> dict[str, Any]:
    """axe.run on the current DOM, or the response of an earlier scan of the same document state. The
    SPA keeps its document across page states, so the 0.5 MB axe script is injected once per document,
    not once per scan (axe-playwright-python's run re-injects). `fingerprint`: the state's, when the
    caller has already settled and fingerprinted it (`settled_fingerprint`)."""
    with timed(AXE):
        if fingerprint is None:
            fingerprint = settled_fingerprint(page)
        key = None
        if cache is not None:
            key = f"{ruleset.axe_version()}|{context}|{fingerprint}"
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
        result: dict[str, Any] = response
        return result


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
        with timed(AXE):
            fingerprint = settled_fingerprint(page)  # once, for axe and the checks beside it
        response = run_axe(page, None if context == "document" else context, fingerprint=fingerprint)
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
        # The same state through other eyes: a second engine (evidence runs), what a screen reader reads and
        # the aria-snapshot contract.
        second_engine.beside_axe(self._request, page, result)
        aria_snapshots.check_page_state(self._request, page, state, context, fingerprint)
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
