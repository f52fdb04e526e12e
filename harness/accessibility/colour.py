"""Information not by colour alone (WCAG 1.4.1): on an error or alert state, every field in error shows its
message as visible text and every alert box shows text or an icon, so a patient who cannot tell red from
grey still sees what is wrong.

The check reads the DOM (every open shadow root, where the VA components render their messages, and the
light DOM they slot) and passes only on text and icons, never on a hue, so its verdict holds under any
colour-vision deficiency. It runs with Chromium's emulation of achromatopsia on (CDP
`Emulation.setEmulatedVisionDeficiency`, reset after), which only changes how the page is painted: the
screenshot kept as evidence shows the state as a person without colour vision sees it.

What counts, by the design system's generic markers (USWDS classes the VA components render) and ARIA:
- a field in error: `aria-invalid="true"`, `.usa-input--error`, `.usa-label--error`, `.usa-form-group--error`
  or a `.usa-error-message` holding text; its messages are those (and what `aria-describedby` /
  `aria-errormessage` point to) in the same component (shadow root) or form group;
- an alert: `role="alert"`, `role="alertdialog"` or `.usa-alert` with a box on screen (screen-reader-only
  alerts are meant to be unseen).
Text is visible when it has a box on the page (not the 1 px clip or the off-screen `.usa-sr-only` of
screen-reader text), is not transparent, and nothing above it is hidden or fully transparent.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page

from harness.accessibility.page_state import FINGERPRINT, SETTLE_ANIMATIONS, ScanCache

EMULATED = "achromatopsia"  # no colour at all: the strictest of the deficiencies Chromium emulates
DEFICIENCIES = ("achromatopsia", "deuteranopia", "protanopia", "tritanopia")

_CHECK = r"""() => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const all = (selector) => roots.flatMap((r) => [...r.querySelectorAll(selector)]);
  // The flat tree (what is painted): a slotted node's parent is its slot, a shadow root's is its host.
  const parentOf = (n) => n.assignedSlot || n.parentElement || n.getRootNode().host || null;
  const flatChildren = (n) => {
    if (n.shadowRoot) return [...n.shadowRoot.childNodes];
    if (n.tagName === 'SLOT') {
      const assigned = n.assignedNodes({ flatten: true });
      return assigned.length ? assigned : [...n.childNodes];
    }
    return [...n.childNodes];
  };
  const inside = (outer, inner) => { for (let n = inner; n; n = parentOf(n)) if (n === outer) return true;
                                     return false; };
  const transparent = (colour) => colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
  const clipped = (s) => s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)';
  // Why a text node is not seen, or null when it is.
  const unseen = (node) => {
    const el = node.parentElement;
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible') return 'hidden';
    if (transparent(s.color) || parseFloat(s.fontSize) === 0) return 'transparent or zero-size text';
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
    if (!rects.length) return 'zero-size text';
    const away = (r) => r.right + scrollX <= 0 || r.bottom + scrollY <= 0;  // .usa-sr-only: left -999em
    if (rects.every(away)) return 'off screen (screen-reader only)';
    for (let n = el; n && n.nodeType === 1; n = parentOf(n)) {
      const ns = getComputedStyle(n);
      if (ns.display === 'none') return 'not displayed';
      if (parseFloat(ns.opacity) === 0) return 'fully transparent';
      const box = n.getBoundingClientRect();
      if (clipped(ns) || (/(hidden|clip)/.test(ns.overflow) && box.width <= 1 && box.height <= 1)) {
        return 'clipped (screen-reader only)';
      }
    }
    return null;
  };
  const texts = (start) => {
    const seen = [], hidden = [];
    const walk = (n) => {
      if (n.nodeType === 3) {
        const text = n.textContent.replace(/\s+/g, ' ').trim();
        if (text) { const why = unseen(n); if (why) hidden.push(`"${text}" (${why})`); else seen.push(text); }
        return;
      }
      if (n.nodeType !== 1 && n.nodeType !== 11) return;
      if (/^(STYLE|SCRIPT|TEMPLATE)$/.test(n.tagName || '')) return;
      flatChildren(n).forEach(walk);
    };
    walk(start);
    return { seen: seen.join(' '), hidden };
  };
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.bottom + scrollY > 0
      && s.visibility === 'visible' && !clipped(s);
  };
  // An icon: an svg or img with a box, or a ::before / ::after painted with an image or a mask.
  const hasIcon = (start) => {
    const stack = [start];
    while (stack.length) {
      const n = stack.pop();
      if (n.nodeType !== 1 && n.nodeType !== 11) continue;
      if (n.nodeType === 1) {
        if (/^(svg|img)$/i.test(n.tagName) && onScreen(n)) return true;
        for (const pseudo of ['::before', '::after']) {
          const p = getComputedStyle(n, pseudo);
          const painted = [p.backgroundImage, p.maskImage, p.webkitMaskImage].some((v) => v && v !== 'none');
          if (p.content !== 'none' && p.content !== 'normal' && painted && p.display !== 'none'
              && parseFloat(p.width) !== 0 && parseFloat(p.height) !== 0) return true;
        }
      }
      stack.push(...flatChildren(n));
    }
    return false;
  };
  const clean = (t) => (t || '').replace(/\s+/g, ' ').trim().slice(0, 80);
  // Fields in error, one per component (shadow root) or form group.
  const MARKERS = '[aria-invalid="true"], .usa-input--error, .usa-label--error, .usa-form-group--error';
  const scopes = new Map();
  const scopeOf = (el) => {
    if (el.shadowRoot) return el.shadowRoot;  // a component marked in error on its host (va-radio)
    const root = el.getRootNode();
    if (root !== document) return root;
    return el.closest('.usa-form-group, fieldset') || el.parentElement || el;
  };
  const entry = (el) => {
    const scope = scopeOf(el);
    if (!scopes.has(scope)) scopes.set(scope, { markers: [], messages: new Set() });
    return scopes.get(scope);
  };
  for (const el of all(MARKERS)) {
    const e = entry(el);
    if (onScreen(el)) e.markers.push(el);
    // What it points to as its error (a description that is a hint does not count).
    const errorIds = (el.getAttribute('aria-errormessage') || '').split(/\s+/);
    const described = (el.getAttribute('aria-describedby') || '').split(/\s+/);
    for (const id of [...errorIds, ...described].filter(Boolean)) {
      const target = el.getRootNode().getElementById?.(id) || document.getElementById(id);
      if (target && (errorIds.includes(id) || /error/i.test(id) || target.getAttribute('role') === 'alert')) {
        e.messages.add(target);
      }
    }
  }
  for (const el of all('.usa-error-message')) {
    if (el.textContent.trim()) entry(el).messages.add(el);
  }
  const nameOf = (scope) => {
    const host = scope.host;
    const label = scope.querySelector('label, legend');
    const named = (host && host.getAttribute('label')) || (label && label.textContent)
      || (!host && (scope.getAttribute('aria-label') || scope.textContent)) || '';
    return clean(named) || (host ? host.tagName.toLowerCase() : 'a field');
  };
  // A part in error without a message of its own (a radio option's own shadow root) belongs to the
  // nearest enclosing field that has one (the radio group).
  const holderOf = (scope) => {
    for (let n = parentOf(scope.host || scope); n; n = parentOf(n)) {
      const key = n.shadowRoot && scopes.has(n.shadowRoot) ? n.shadowRoot : (scopes.has(n) ? n : null);
      if (key && scopes.get(key).messages.size) return key;
    }
    return null;
  };
  for (const [scope, e] of [...scopes]) {
    const holder = e.messages.size ? null : holderOf(scope);
    if (holder) { scopes.get(holder).markers.push(...e.markers); scopes.delete(scope); }
  }
  const fields = [];
  for (const [scope, e] of scopes) {
    const messages = [...e.messages].filter((m) => ![...e.messages].some((o) => o !== m && inside(o, m)));
    if (!e.markers.length && !messages.some((m) => m.textContent.trim())) continue;
    const seen = [], hidden = [];
    for (const m of messages) { const t = texts(m); if (t.seen) seen.push(t.seen); hidden.push(...t.hidden); }
    const marked = e.markers.length > 0;
    fields.push({ field: nameOf(scope), message: clean(seen.join(' ')), hidden, marked });
  }
  // Alert boxes with a box on screen, the outermost of nested ones; a field's own message is its field's.
  const messages = [...scopes.values()].flatMap((e) => [...e.messages]);
  const fieldRoots = new Set([...scopes.keys()].filter((k) => k.host));
  const boxes = all('[role="alert"], [role="alertdialog"], .usa-alert').filter((b) => onScreen(b)
    && !fieldRoots.has(b.getRootNode()) && !messages.some((m) => inside(m, b) || inside(b, m)));
  const alerts = boxes.filter((b) => !boxes.some((o) => o !== b && inside(o, b))).map((b) => {
    const t = texts(b);  // the flat tree: a component's slotted words are read through its slots
    const host = b.getRootNode().host;
    const status = (host && host.getAttribute('status')) || b.getAttribute('role') || 'alert';
    return { alert: clean(t.seen) || clean(b.getAttribute('aria-label')) || status, status,
             text: clean(t.seen), hidden: t.hidden.slice(0, 5), icon: hasIcon(b) };
  });
  return { fields, alerts };
}"""


@dataclass
class ColourResult:
    """One page state's fields in error and alerts, each with what stays visible without colour."""

    state: str
    url: str
    fields: list[dict[str, Any]]
    alerts: list[dict[str, Any]]
    emulated: str = EMULATED
    ms: float = 0.0
    screenshot: str | None = None  # a data URI of the state under `emulated`, when evidence is recorded
    cached: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return problems_in(self.as_json())

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "url": self.url,
            "emulated": self.emulated,
            "fields": self.fields,
            "alerts": self.alerts,
            "ms": round(self.ms, 1),
            "screenshot": self.screenshot,
            "cached": self.cached,
        }


def problems_in(result: Mapping[str, Any]) -> list[str]:
    """A result's problems in words (`ColourResult.as_json`, as the evidence keeps it): the one wording the
    scenario's failure, the report and the WCAG ledger share."""
    out = []
    for f in result.get("fields", []):
        if not f.get("message"):
            hidden = "; ".join(f.get("hidden", [])[:3])
            shown = f"its message is not seen: {hidden}" if hidden else "it shows no message"
            out.append(f'field "{f["field"]}" is marked in error by colour alone ({shown})')
    for a in result.get("alerts", []):
        if not a.get("text") and not a.get("icon"):
            out.append(f'{a.get("status", "alert")} alert "{a["alert"]}" shows neither text nor an icon')
    return out


@contextmanager
def vision_deficiency(page: Page, kind: str = EMULATED) -> Iterator[None]:
    """Chromium paints the page as a person with `kind` sees it until the block ends (CDP, Chromium only)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("Emulation.setEmulatedVisionDeficiency", {"type": kind})
        yield
    finally:
        try:
            session.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
        finally:
            session.detach()


CACHE = ScanCache()


def check(
    page: Page,
    state: str,
    screenshot: bool = False,
    cache: ScanCache | None = CACHE,
) -> ColourResult:
    """The current page state without colour; with `screenshot`, a small JPEG of it under the emulation
    is kept as evidence. A document state already checked in this process is not checked again.

    Cost per state, measured on the 2-core CI machine under load: the check 10-60 ms, settling animations
    and the CDP session 30-250 ms; the screenshot (only when evidence is recorded) 100-350 ms."""
    started = time.perf_counter()
    page.evaluate(SETTLE_ANIMATIONS)  # an alert fading in is not "transparent"
    key = page.evaluate(FINGERPRINT) + f"|{screenshot}" if cache is not None else None
    cached = cache.get(key) if cache is not None and key else None
    if cached is not None:
        ms = (time.perf_counter() - started) * 1000
        return ColourResult(state, page.url, cached["fields"], cached["alerts"], ms=ms,
                            screenshot=cached.get("screenshot"), cached=True)  # fmt: skip
    shot = None
    with vision_deficiency(page):
        found = page.evaluate(_CHECK)
        if screenshot:
            shot = _screenshot(page)
    if cache is not None and key:
        cache.put(key, {**found, "screenshot": shot})
        if screenshot:  # the capture may reserialise style attributes: the state after it is the same
            cache.put(page.evaluate(FINGERPRINT) + f"|{screenshot}", {**found, "screenshot": shot})
    ms = (time.perf_counter() - started) * 1000
    return ColourResult(state, page.url, found["fields"], found["alerts"], ms=ms, screenshot=shot)


def _screenshot(page: Page) -> str | None:
    """A small JPEG of the viewport (where the step left focus, on the first error): an element's capture
    scrolls and waits for it to be stable, several times dearer. Evidence must never change a result, so a
    failed capture is None."""
    try:
        raw = page.screenshot(type="jpeg", quality=30, scale="css", caret="initial", timeout=3000)
    except Exception:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(raw).decode()
