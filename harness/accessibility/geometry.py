"""Zoom, reflow, text spacing, focus visibility and target size, measured from the browser's geometry (never
by comparing screenshots), on the page as it is now, shadow roots included.

- Zoom: 200% and 400% of a 1280 x 1024 window are 640 x 512 and 320 x 256 CSS px (WCAG 1.4.10 counts in
  CSS px), so a zoom level is the viewport it leaves the page.
- Reflow (1.4.10): the page does not scroll sideways; no text is clipped by a box that hides its overflow;
  no two pieces of text overlap; every control has a box inside the page's width.
- Text spacing (1.4.12): with line height 1.5, paragraph spacing 2, letter spacing .12 and word spacing .16
  (in every shadow root too), the same holds.
- Focus not obscured (2.4.11): each control, once focused, is not entirely covered by other content.
- Target size (2.5.8): each control is at least 24 x 24 px, or a 24 px circle centred on it meets no other
  control; links inside a sentence are exempt, as the criterion says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page, ViewportSize

WINDOW = (1280, 1024)
ZOOMS = (200, 400)
TARGET_PX = 24

TEXT_SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)

# Everything below walks the document and every open shadow root. A box is "visible" when it has a size
# and is not the 1 px clip of screen-reader-only text (which is meant to be hidden).
_MEASURE = r"""(opts) => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const all = roots.flatMap((r) => [...r.querySelectorAll('*')]);
  const style = (el) => getComputedStyle(el);
  const srOnly = (el) => {
    for (let n = el; n && n instanceof Element; n = n.parentElement || (n.getRootNode().host || null)) {
      const r = n.getBoundingClientRect();
      const s = style(n);
      if ((r.width <= 1 && r.height <= 1) || s.clip === 'rect(0px, 0px, 0px, 0px)'
          || s.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const shown = (el) => {
    const s = style(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !srOnly(el);
  };
  const label = (el) => {
    const text = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim();
    const id = el.id ? '#' + el.id : '';
    return `${el.tagName.toLowerCase()}${id} "${text.replace(/\s+/g, ' ').slice(0, 60)}"`;
  };
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const found = { scroll: null, clipped: [], overlaps: [], small: [] };
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > scroller.clientWidth + 1) {
    found.scroll = `${scroller.scrollWidth} px wide in a ${scroller.clientWidth} px window`;
  }
  // Clipped: a box that hides its overflow and holds more text than it shows.
  for (const el of all) {
    const s = style(el);
    if (!/(hidden|clip)/.test(s.overflowX + s.overflowY)) continue;
    if (!shown(el) || !(el.innerText || '').trim()) continue;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) continue;
    const wide = /(hidden|clip)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 2;
    const tall = /(hidden|clip)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 2;
    if ((wide || tall) && s.textOverflow !== 'ellipsis') found.clipped.push(label(el));
  }
  // Overlapping text: the line boxes of text (a Range per text node, so a sentence wrapping round an
  // inline link is not one big box) that intersect across two elements, neither inside the other.
  const texts = all.filter((el) => ownText(el) && shown(el));
  const lines = texts.map((el) => [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim())
    .flatMap((n) => { const range = document.createRange(); range.selectNodeContents(n);
                      return [...range.getClientRects()]; }));
  const contains = (a, b) => a.contains(b) || (b.getRootNode().host && a.contains(b.getRootNode().host));
  // A line's box is its font's full content area, taller than the ink: boxes of tight headings touch
  // the next line by a few px without any glyph overlapping, so a third of a line's height is needed.
  const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > Math.min(a.height, b.height) / 3;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (contains(texts[i], texts[j]) || contains(texts[j], texts[i])) continue;
      const pair = lines[i].flatMap((a) => lines[j].filter((b) => meets(a, b)).map((b) => [a, b]))[0];
      if (pair) {
        const [a, b] = pair;
        const w = Math.round(Math.min(a.right, b.right) - Math.max(a.left, b.left));
        const h = Math.round(Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
        found.overlaps.push(`${label(texts[i])} and ${label(texts[j])} (${w}x${h} px)`);
      }
    }
  }
  // Controls: focusable, enabled, shown.
  const CONTROL = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], '
    + '[role=link], [role=option], [role=radio], [role=checkbox], [role=combobox], '
    + '[tabindex]:not([tabindex="-1"])';
  const controls = all.filter((el) => el.matches(CONTROL) && !el.disabled && shown(el)
    && el.getAttribute('tabindex') !== '-1' && !el.closest('[aria-hidden="true"]'));
  // Target size, with the spacing and inline exceptions.
  const inSentence = (el) => {
    if (el.tagName !== 'A' || style(el).display !== 'inline') return false;
    const parent = el.parentElement;
    const words = (n) => n !== el && n.nodeType === 3 && n.textContent.trim();
    return Boolean(parent && [...parent.childNodes].some(words));
  };
  const boxes = controls.map((el) => el.getBoundingClientRect());
  controls.forEach((el, i) => {
    const r = boxes[i];
    if ((r.width >= opts.target - 0.5 && r.height >= opts.target - 0.5) || inSentence(el)) return;
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2, radius = opts.target / 2;
    const crowded = boxes.some((o, k) => {
      if (k === i || controls[k].contains(el) || el.contains(controls[k])) return false;
      const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
      return dx * dx + dy * dy < radius * radius;
    });
    if (crowded) found.small.push(`${label(el)} ${Math.round(r.width)}x${Math.round(r.height)} px`);
  });
  return { found, controls: controls.length };
}"""

# Focus each control in turn and ask which element is on top at the middle of its box.
_OBSCURED = r"""() => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const CONTROL = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  // Controls a patient can reach: not disabled, not taken out of the tab order and the accessibility
  // tree (the combo box's own hidden <select>), with a box.
  const controls = roots.flatMap((r) => [...r.querySelectorAll(CONTROL)]).filter((el) => {
    const r = el.getBoundingClientRect();
    return !el.disabled && el.getAttribute('tabindex') !== '-1' && !el.closest('[aria-hidden="true"]')
      && r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
  });
  const before = document.activeElement;
  const hidden = [], unreachable = [];
  const docWidth = document.documentElement.clientWidth;
  const name = (el) => `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '')
    .trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
  const deepest = (x, y) => {
    let el = document.elementFromPoint(x, y);
    while (el && el.shadowRoot) {
      const inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    return el;
  };
  const related = (a, b) => {
    for (let n = b; n; n = n.parentNode || n.host) if (n === a) return true;
    for (let n = a; n; n = n.parentNode || n.host) if (n === b) return true;
    return false;
  };
  for (const el of controls) {
    el.focus({ preventScroll: false });
    const r = el.getBoundingClientRect();
    const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2],
                    [r.right - 2, r.bottom - 2]];
    const inView = points.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    const covered = inView.length > 0 && inView.every(([x, y]) => {
      const top = deepest(x, y);
      return top && !related(el, top);
    });
    if (covered) hidden.push(name(el));
    // Reachable: once focused (a skip link moves on screen then), its box lies within the page's width.
    if (r.left + scrollX < -1 || r.right + scrollX > docWidth + scrollX + 1 || r.left > innerWidth) {
      unreachable.push(name(el));
    }
  }
  if (before && before.focus) before.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  return { hidden, unreachable };
}"""

_SPACING = r"""(css) => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  for (const root of roots) {
    const sheet = document.createElement('style');
    sheet.setAttribute('data-wcag-text-spacing', '');
    sheet.textContent = css;
    (root === document ? document.head : root).appendChild(sheet);
  }
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""

_UNSPACE = (
    "() => document.querySelectorAll('[data-wcag-text-spacing]').forEach((s) => s.remove()) || "
    "[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).forEach((e) => "
    "e.shadowRoot.querySelectorAll('[data-wcag-text-spacing]').forEach((s) => s.remove()))"
)


@dataclass
class Layout:
    """What one page state showed at one zoom level (and, when `spacing`, with WCAG text spacing)."""

    zoom: int
    spacing: bool
    scroll: str | None
    clipped: list[str]
    overlaps: list[str]
    unreachable: list[str]
    small_targets: list[str]
    obscured: list[str]
    controls: int

    @property
    def problems(self) -> list[str]:
        where = f"at {self.zoom}%" + (" with WCAG text spacing" if self.spacing else "")
        return [f"{where}: {problem}" for problem in problems_in(self.as_json())]

    def as_json(self) -> dict[str, object]:
        return {
            "zoom": self.zoom,
            "spacing": self.spacing,
            "scroll": self.scroll,
            "clipped": self.clipped,
            "overlaps": self.overlaps,
            "unreachable": self.unreachable,
            "small_targets": self.small_targets,
            "obscured": self.obscured,
            "controls": self.controls,
        }


def problems_in(result: Mapping[str, Any]) -> list[str]:
    """A measured result's problems in words (`Layout.as_json`, as the evidence keeps it): the one wording
    the scenario's failure, the report's table and the WCAG ledger share. Small targets are not among
    them: 2.5.8 has exceptions a person judges."""
    out = [f"scrolls sideways, {result['scroll']}"] if result.get("scroll") else []
    out += [f"text clipped in {c}" for c in result.get("clipped", [])]
    out += [f"text overlaps: {o}" for o in result.get("overlaps", [])]
    out += [f"control outside the page's width: {u}" for u in result.get("unreachable", [])]
    out += [f"focused control hidden by other content: {o}" for o in result.get("obscured", [])]
    return out


def viewport_for(zoom: int) -> ViewportSize:
    return {"width": WINDOW[0] * 100 // zoom, "height": WINDOW[1] * 100 // zoom}


def measure(page: Page, zoom: int, spacing: bool = False) -> Layout:
    """The page at `zoom` percent of a 1280 x 1024 window; the viewport it had is restored after."""
    before = page.viewport_size
    page.set_viewport_size(viewport_for(zoom))
    try:
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        if spacing:
            page.evaluate(_SPACING, TEXT_SPACING_CSS)
        result = page.evaluate(_MEASURE, {"target": TARGET_PX})
        focused = page.evaluate(_OBSCURED)
    finally:
        if spacing:
            page.evaluate(_UNSPACE)
        if before:
            page.set_viewport_size(before)
    found = result["found"]
    return Layout(
        zoom,
        spacing,
        found["scroll"],
        found["clipped"],
        found["overlaps"],
        focused["unreachable"],
        found["small"],
        focused["hidden"],
        int(result["controls"]),
    )
