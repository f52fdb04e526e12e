"""What every per-state check shares: settle a page state, fingerprint it, cache a verdict by fingerprint,
and name it in files. Below the checks (axe in `fixture`, the second engine, colour, the transcript and the
aria snapshot), so each imports it and none imports another to reach it.
"""

from __future__ import annotations

import copy
import re
from collections import OrderedDict
from typing import Any

from playwright.sync_api import Page

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


def settled_fingerprint(page: Page) -> str:
    """Finish the state's animations, then fingerprint it: what the per-state checks key their caches on,
    computed once per scan and handed to each."""
    page.evaluate(SETTLE_ANIMATIONS)
    return str(page.evaluate(FINGERPRINT))


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


def slug(text: str, limit: int = 120) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit] or "state"
