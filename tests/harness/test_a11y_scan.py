"""A real axe-core scan in real Chromium on a tiny page with a known violation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from harness.accessibility.fixture import A11y
from harness.accessibility.ruleset import axe_version

PAGE = """<!doctype html><html lang="en"><head><title>Tiny</title></head><body>
<main><h1>Start message</h1>
<div class="secure-messaging-container">
  <img src="team.png">
  <label for="subject">Subject</label><input id="subject">
</div>
<img src="outside.png">
</main></body></html>"""


class RecordingEvidence:
    def __init__(self) -> None:
        self.scans: list[tuple[str, str, dict[str, Any]]] = []
        self.transcripts: list[dict[str, Any]] = []
        self.aria: list[dict[str, Any]] = []

    def add_a11y(self, state: str, url: str, result: dict[str, Any]) -> None:
        self.scans.append((state, url, result))

    # The scan hands on the same state's transcript and aria snapshot too (accessibility.aria_snapshots).
    def add_transcript(self, read: dict[str, Any]) -> None:
        self.transcripts.append(read)

    def add_aria(self, check: dict[str, Any]) -> None:
        self.aria.append(check)


@pytest.fixture
def evidence() -> RecordingEvidence:
    return RecordingEvidence()


def test_known_violation_is_found_saved_and_handed_to_evidence(
    page: Page, a11y: A11y, evidence: RecordingEvidence, tmp_path: Path
) -> None:
    a11y.out_dir = tmp_path
    page.set_content(PAGE)
    result = a11y.scan(page, "Start message: tiny")
    # Scoped to the SM container: its image fails, the one outside is not scanned.
    assert result.context == ".secure-messaging-container"
    assert [(f.rule, f.target) for f in result.violations] == [("image-alt", 'img[src$="team.png"]')]
    assert result.axe_version == axe_version() != "unknown"
    saved = json.loads((tmp_path / "start-message-tiny.json").read_text())
    assert saved["violations"][0]["rule"] == "image-alt" and saved["clean"] is False
    assert "wcag22aa" in saved["ruleset"] and "best-practice" in saved["ruleset"]
    assert [state for state, _, _ in evidence.scans] == ["Start message: tiny"]
    assert [read["state"] for read in evidence.transcripts] == ["Start message: tiny"]
    with pytest.raises(pytest.fail.Exception, match=r"(?s)image-alt \| critical \| 1\.1\.1"):
        a11y.assert_clean(page, "Start message: tiny again")


def test_a_clean_page_passes(page: Page, a11y: A11y, tmp_path: Path) -> None:
    a11y.out_dir = tmp_path
    page.set_content(PAGE.replace('<img src="team.png">', '<img src="team.png" alt="Care team">'))
    assert a11y.assert_clean(page, "clean").clean


FADING_NOTE = """<!doctype html><html lang="en"><head><title>Note</title></head><body><main>
<h1>Start message</h1>
<button type="button" onclick="document.querySelector('x-note').open()">Show note</button>
<x-note><p>Your care team may take up to 3 business days to reply.</p></x-note>
<script>
customElements.define("x-note", class extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({mode: "open"}).innerHTML = `<style>
      .body { opacity: 0.05; transition: opacity 1500ms; }
      .body.open { opacity: 1; }</style><div class="body"><slot></slot></div>`;
  }
  open() { requestAnimationFrame(() => this.shadowRoot.querySelector(".body").classList.add("open")); }
});
</script></main></body></html>"""


def test_a_scan_waits_for_a_fade_in_inside_shadow_dom(page: Page, a11y: A11y, tmp_path: Path) -> None:
    # Scanned mid-fade the note's text would be half transparent: a false colour-contrast violation.
    a11y.out_dir = tmp_path
    page.set_content(FADING_NOTE)
    a11y.scan(page, "note closed")  # axe is now injected: the next scan starts right after the click
    page.get_by_role("button", name="Show note").click()
    result = a11y.scan(page, "note open")
    assert [f.rule for f in result.violations] == []


def test_an_unchanged_document_is_not_scanned_again(page: Page) -> None:
    from harness.accessibility.fixture import run_axe
    from harness.accessibility.page_state import ScanCache

    cache = ScanCache()
    page.set_content(PAGE)
    first = run_axe(page, ".secure-messaging-container", cache)
    again = run_axe(page, ".secure-messaging-container", cache)
    assert cache.hits == 1 and again["violations"] == first["violations"]
    page.fill("#subject", "typed, not an attribute")  # a property change is a new state
    run_axe(page, ".secure-messaging-container", cache)
    page.set_viewport_size({"width": 320, "height": 640})  # so is a reflow
    run_axe(page, ".secure-messaging-container", cache)
    page.evaluate("document.querySelector('img').alt = 'Care team'")
    fixed = run_axe(page, ".secure-messaging-container", cache)
    assert cache.hits == 1 and len(cache.responses) == 4
    assert [v["id"] for v in fixed["violations"]] == []
