"""Whether an element sits in a live region, so a screen reader announces it without moving focus.

The nearest ancestor (the element itself included, shadow hosts crossed) that says how it is announced
decides: `aria-live="off"` is silent; `aria-live="polite"`/`"assertive"` or role alert, status or log is
live. Nothing found: not live. This reads the DOM the browser builds the accessibility tree from; it is
what WCAG 4.1.3 (status messages) asks for.
"""

from __future__ import annotations

from playwright.sync_api import Locator

_IN_LIVE_REGION = """el => {
  const liveRoles = ['alert', 'status', 'log'];
  for (let n = el; n; n = n.parentNode || n.host) {
    if (n.nodeType !== Node.ELEMENT_NODE) continue;
    const live = (n.getAttribute('aria-live') || '').trim().toLowerCase();
    if (live === 'off') return false;
    if (live === 'polite' || live === 'assertive') return true;
    const roles = (n.getAttribute('role') || '').trim().toLowerCase().split(/\\s+/);
    if (roles.some((r) => liveRoles.includes(r))) return true;
  }
  return false;
}"""


def in_live_region(target: Locator) -> bool:
    """True when the first element of `target` is inside a live region (waits for it to be attached)."""
    return bool(target.first.evaluate(_IN_LIVE_REGION))
