"""What assistive technology is told, recorded per scenario and per step: live-region changes (polite or
assertive, with their text, inside the VA components' shadow roots too), focus moves (the focused
element's role and accessible name) and alerts as they appear.

A script added to every page of the scenario's browser context watches the document and every shadow root
(it wraps `attachShadow`, so roots the web components create later are watched as well) and hands each
event to Python through a binding. The rules follow what screen readers announce:

- a live region (`aria-live` polite/assertive, or role `status`/`log` = polite, `alert` = assertive) is
  announced when its text changes while it is in the page; one inserted with its text already in it is
  not, except role `alert`, which is announced when it appears;
- a focus move is announced with the element's role and name (the main branches of the accessible-name
  computation: `aria-labelledby`, `aria-label`, a label, then the text or `title`);
- an alert (`va-alert`, `va-alert-expandable`, `va-banner`, role `alert`) that appears is logged as shown,
  whether or not anything announces it: the report then shows the alerts nobody was told about.

Works the same on the stand-in and on staging (it only reads the page).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

BINDING = "__smHeard"

SCRIPT = r"""(() => {
  if (window.__smHeardInstalled) return;
  window.__smHeardInstalled = true;
  const log = (window.__smHeardLog = []);
  const emit = (entry) => {
    entry.path = location.pathname;
    log.push(entry);
    try { window.__smHeard(entry); } catch (e) { /* the binding is not there yet: the log keeps it */ }
  };
  const clean = (text) => (text || '').replace(/\s+/g, ' ').trim();
  const up = (node) => node.parentNode || (node.host instanceof Element ? node.host : null);
  const ROLE_LIVE = { alert: 'assertive', status: 'polite', log: 'polite' };
  const liveOf = (element) => {
    const live = element.getAttribute('aria-live');
    if (live === 'polite' || live === 'assertive') return live;
    if (live === 'off') return null;
    return ROLE_LIVE[element.getAttribute('role')] || null;
  };
  const regionOf = (node) => {
    for (let n = node; n; n = up(n)) if (n instanceof Element && liveOf(n)) return n;
    return null;
  };
  const text = (element) => clean(element.innerText !== undefined ? element.innerText : element.textContent);
  const said = new WeakMap();  // live region -> the text last in it
  const IMPLICIT = { A: 'link', BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', H1: 'heading',
    H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading', SUMMARY: 'button' };
  const roleOf = (el) => {
    if (el.getAttribute('role')) return el.getAttribute('role');
    if (el.tagName === 'INPUT') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      const roles = { checkbox: 'checkbox', radio: 'radio', button: 'button', submit: 'button',
        file: 'button' };
      return roles[type] || 'textbox';
    }
    if (el.tagName === 'A' && !el.hasAttribute('href')) return 'generic';
    return IMPLICIT[el.tagName] || el.tagName.toLowerCase();
  };
  const byIds = (el, ids) => clean(ids.split(/\s+/).map((id) => {
    const root = el.getRootNode();
    const ref = (root.getElementById ? root.getElementById(id) : null) || document.getElementById(id);
    return ref ? text(ref) : '';
  }).join(' '));
  const nameOf = (el) => {
    if (el.getAttribute('aria-labelledby')) {
      const named = byIds(el, el.getAttribute('aria-labelledby'));
      if (named) return named;
    }
    if (el.getAttribute('aria-label')) return clean(el.getAttribute('aria-label'));
    if (el.labels && el.labels.length) return clean([...el.labels].map(text).join(' '));
    const own = text(el);
    if (own && !/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) return own.slice(0, 200);
    return clean(el.getAttribute('title') || el.getAttribute('placeholder') || '');
  };
  const deepActive = () => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  };
  let lastFocus = null;
  const onFocus = () => {
    const el = deepActive();
    if (!el || el === document.body || el === lastFocus) return;
    lastFocus = el;
    emit({ kind: 'focus', role: roleOf(el), name: nameOf(el), tag: el.tagName.toLowerCase() });
  };
  const ALERTS = 'va-alert, va-alert-expandable, va-banner, [role="alert"]';
  const shown = new WeakMap();  // alert -> its text when it was logged
  const alertText = (el) => clean([el.getAttribute('trigger') || '', text(el)].join(' '));
  const checkAlert = (el) => {
    const now = alertText(el);
    if (!now || shown.get(el) === now || !el.isConnected || !el.getClientRects().length) return;
    shown.set(el, now);
    emit({ kind: 'alert', tag: el.tagName.toLowerCase(), status: el.getAttribute('status') || '',
           text: now.slice(0, 300) });
  };
  const alertsIn = (node) => {
    const found = [];
    for (let n = node; n; n = up(n)) if (n instanceof Element && n.matches(ALERTS)) found.push(n);
    if (node instanceof Element || node instanceof DocumentFragment) {
      found.push(...node.querySelectorAll(ALERTS));
    }
    return found;
  };
  const LIVE = '[aria-live], [role="alert"], [role="status"], [role="log"]';
  const regions = new Set();
  const inserted = new WeakSet();
  let pending = false;
  const flush = () => {
    pending = false;
    for (const region of regions) {
      if (!(region instanceof Element) || !liveOf(region)) continue;  // no longer live: nothing is said
      const now = text(region);
      const before = said.get(region);
      said.set(region, now);
      const fresh = inserted.has(region) && before === undefined;
      const announced = fresh ? region.getAttribute('role') === 'alert' : now !== before;
      if (announced && now && region.isConnected) {
        const role = region.getAttribute('role') || '';
        emit({ kind: 'live', politeness: liveOf(region), role, text: now });
      }
    }
    regions.clear();
    document.querySelectorAll(ALERTS).forEach(checkAlert);
  };
  const note = (node, isInsert) => {
    const region = regionOf(node);
    if (region) {
      if (isInsert && node === region) inserted.add(region);
      regions.add(region);
    }
    if (node instanceof Element) {
      for (const inner of node.querySelectorAll(LIVE)) {
        if (isInsert) inserted.add(inner);
        regions.add(inner);
      }
    }
    alertsIn(node).forEach((el) => regions.add(el));
    if (!pending) { pending = true; requestAnimationFrame(flush); }
  };
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'childList') {
        m.addedNodes.forEach((n) => note(n, true));
        note(m.target, false);
      } else {
        note(m.target.nodeType === Node.TEXT_NODE ? m.target.parentNode || m.target : m.target, false);
      }
    }
  });
  const OPTIONS = { subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['hidden', 'aria-hidden', 'style', 'class', 'visible', 'trigger'] };
  const watch = (root) => {
    observer.observe(root, OPTIONS);
    root.addEventListener('focusin', onFocus, true);
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };
  const start = () => {
    watch(document);
    // Regions already in the page are known with their text, so only later changes are announced.
    document.querySelectorAll(LIVE).forEach((r) => said.set(r, text(r)));
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
  document.addEventListener('focusin', onFocus, true);
})();"""

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def norm(text: str) -> str:
    """Text as compared: one space between words, straight quotes, case-folded."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().casefold()


@dataclass
class Heard:
    """One event: `kind` is live, focus or alert."""

    kind: str
    text: str
    detail: str  # live: politeness; focus: role; alert: tag and status
    path: str
    at: float = field(default_factory=time.perf_counter)

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, "detail": self.detail, "path": self.path}

    @property
    def spoken(self) -> bool:
        """A live announcement or the name a focus move reads out; a shown alert alone is not heard."""
        return self.kind in ("live", "focus")

    def __str__(self) -> str:
        return f"{self.kind} ({self.detail}) on {self.path}: {self.text!r}"


def _heard(entry: dict[str, Any]) -> Heard:
    kind = str(entry.get("kind"))
    if kind == "focus":
        return Heard(kind, str(entry.get("name") or ""), str(entry.get("role") or ""), str(entry.get("path")))
    if kind == "alert":
        detail = f"{entry.get('tag')} {entry.get('status') or ''}".strip()
        return Heard(kind, str(entry.get("text") or ""), detail, str(entry.get("path")))
    politeness = str(entry.get("politeness") or "")
    return Heard(kind, str(entry.get("text") or ""), politeness, str(entry.get("path")))


class Announcements:
    """The scenario's log. `mark()` starts a stretch (at each When); `since_mark()` is what was told in it."""

    def __init__(self) -> None:
        self.entries: list[Heard] = []
        self._mark = 0
        self._taken = 0

    def install(self, context: BrowserContext) -> None:
        context.expose_binding(BINDING, lambda _source, entry: self.entries.append(_heard(entry)))
        context.add_init_script(SCRIPT)

    def mark(self) -> None:
        self._mark = len(self.entries)

    def take(self) -> list[Heard]:
        """What arrived since the last take: the evidence files it under the step that just ended (an
        event the page sent while the harness was between steps goes to the next one, never lost)."""
        taken, self._taken = self.entries[self._taken :], len(self.entries)
        return taken

    def since_mark(self) -> list[Heard]:
        return self.entries[self._mark :]

    def wait_until(self, page: Page, predicate: Any, timeout_ms: float = 5000) -> list[Heard]:
        """Wait, without sleeping, until an event since the mark meets `predicate`: each page-side check
        lets Playwright deliver the binding's pending calls first."""
        deadline = time.perf_counter() + timeout_ms / 1000
        while True:
            found = [h for h in self.since_mark() if predicate(h)]
            if found or time.perf_counter() > deadline:
                return found
            # Round trip to the page (a frame): delivers the events queued before it, paces the loop.
            page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => resolve(null)))")


_KEY = pytest.StashKey[Announcements]()


def announcements_of(node: pytest.Item) -> Announcements | None:
    return node.stash.get(_KEY, None)


def listen_for_announcements(context: BrowserContext, request: pytest.FixtureRequest) -> None:
    """The announcements log installed on every page the context opens."""
    log = Announcements()
    log.install(context)
    request.node.stash[_KEY] = log


@pytest.fixture
def announcements(context: BrowserContext, request: pytest.FixtureRequest) -> Announcements:
    log: Announcements = request.node.stash[_KEY]
    return log


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Any, **_: Any) -> None:
    """Each When starts a new stretch: a Then asks what was told since the action before it."""
    log = announcements_of(request.node)
    if log is not None and getattr(step, "type", "") == "when":
        log.mark()
