"""The zoom, reflow, text-spacing, focus and target-size measures find what they name on small pages made
to break one rule each, and stay quiet on a page that breaks none (so a clean flow page proves something)."""

from __future__ import annotations

from playwright.sync_api import Page

from harness.accessibility import geometry

CLEAN = """<main><h1>Start message</h1><p>Write to your care team. <a href="#x">Learn more</a> about it.</p>
<label for="s">Subject</label><input id="s" style="width: 100%; box-sizing: border-box">
<button style="min-width: 44px; min-height: 44px">Send</button></main>"""


def test_a_clean_page_has_no_problem_at_any_zoom_or_spacing(page: Page) -> None:
    page.set_content(CLEAN)
    for zoom in geometry.ZOOMS:
        for spacing in (False, True):
            layout = geometry.measure(page, zoom, spacing)
            assert layout.problems == [] and layout.small_targets == [], layout.as_json()
            assert layout.controls == 3


def test_a_fixed_width_box_scrolls_sideways_at_400_percent_only(page: Page) -> None:
    page.set_content(
        '<main><h1>Care teams</h1><div style="width: 600px">A wide table of care teams</div></main>'
    )
    assert geometry.measure(page, 200).scroll is None  # 640 px wide
    assert "in a 320 px window" in (geometry.measure(page, 400).scroll or "")


def test_a_label_in_a_fixed_box_is_clipped_when_zoomed_in(page: Page) -> None:
    page.set_content(
        '<main><h1>Compose</h1><div style="width: 40vw; overflow: hidden; white-space: nowrap">'
        "Select a care team you want to send a message to</div></main>"
    )
    assert any("text clipped" in p for p in geometry.measure(page, 400).problems)


def test_text_spacing_hides_a_label_in_a_box_of_fixed_height(page: Page) -> None:
    page.set_content(
        '<main><h1>Compose</h1><div style="height: 1.3em; overflow: hidden; font-size: 16px">'
        "Category (required)</div></main>"
    )
    assert geometry.measure(page, 200).problems == []
    assert any(
        "with WCAG text spacing: text clipped" in p
        for p in geometry.measure(page, 200, spacing=True).problems
    )


def test_text_laid_over_other_text_is_found(page: Page) -> None:
    page.set_content(
        '<main><h1>Inbox</h1><p style="position: absolute; top: 80px; left: 0">Messages: Inbox</p>'
        '<p style="position: absolute; top: 84px; left: 10px">Start a new message</p></main>'
    )
    assert any("text overlaps" in p for p in geometry.measure(page, 200).problems)


def test_a_sticky_header_that_covers_a_focused_control_is_found(page: Page) -> None:
    page.set_content(
        '<div style="position: fixed; inset: 0; background: white">Banner</div>'
        "<main><h1>Compose</h1><button>Send</button></main>"
    )
    assert any("focused control hidden" in p for p in geometry.measure(page, 200).problems)


def test_small_targets_count_unless_spaced_or_inside_a_sentence(page: Page) -> None:
    page.set_content(
        '<main><h1>Files</h1><button style="width: 16px; height: 16px; padding: 0">x</button>'
        '<button style="width: 16px; height: 16px; padding: 0">y</button>'
        '<p>Read the <a href="#g">glossary</a> first.</p>'
        '<button style="width: 16px; height: 16px; padding: 0; margin-top: 40px; display: block">z</button>'
        "</main>"
    )
    small = geometry.measure(page, 200).small_targets
    assert len(small) == 2 and all('"x"' in s or '"y"' in s for s in small), small
