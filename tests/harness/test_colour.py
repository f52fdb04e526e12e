"""The colour check (WCAG 1.4.1) finds an error marked by colour alone, on small pages made to show one each,
and stays quiet where the error keeps its words, in the light DOM and inside shadow roots."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import Page

from harness.accessibility import colour
from harness.accessibility.page_state import ScanCache
from harness.evidence import colour_engines, wcag
from harness.evidence.record import ScenarioRecord

RED_BORDER_ONLY = """<main><h1>Compose</h1><div class="usa-form-group">
<label for="s">Subject</label>
<input id="s" aria-invalid="true" style="border: 3px solid #b50909"></div></main>"""

WITH_TEXT = """<main><h1>Compose</h1><div class="usa-form-group">
<label for="s">Subject</label><span id="e" class="usa-error-message">Subject cannot be blank.</span>
<input id="s" aria-invalid="true" aria-describedby="e" style="border: 3px solid #b50909"></div></main>"""

# A field like va-text-input: its label and error live in its shadow root; `hide` puts the message in the
# off-screen screen-reader-only box (what `show-input-error="false"` does), so only the red border shows.
SHADOW_FIELD = """<main><h1>Compose</h1><sm-field></sm-field></main><script>
customElements.define('sm-field', class extends HTMLElement {
  connectedCallback() {
    const hide = this.hasAttribute('hide');
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>.usa-sr-only{position:absolute;left:-999em}
      :host{display:block;border-left:4px solid #b50909;padding-left:1rem}</style>
      <label for="i" class="usa-label usa-label--error">Message</label>
      <span id="m" role="alert" class="${hide ? 'usa-sr-only' : ''}"><span class="usa-sr-only">Error</span>
      <span class="usa-error-message">Message body cannot be blank.</span></span>
      <textarea id="i" class="usa-input--error" aria-invalid="true" aria-describedby="m"></textarea>`;
  }
});
</script>"""

# An alert like va-alert: the box and its icon in the shadow root, its words slotted from the light DOM.
SHADOW_ALERT = """<main><h1>Compose</h1><sm-alert status="error"><h2 slot="headline">We couldn't send it</h2>
<p>Try again later.</p></sm-alert></main><script>
customElements.define('sm-alert', class extends HTMLElement {
  connectedCallback() {
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>.usa-alert{border-left:8px solid #d54309;
      padding:1rem;background:#f4e3db} .icon::before{content:"";display:block;width:24px;height:24px;
      mask-image:url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E");background:#000}
      </style><div class="usa-alert ${this.getAttribute('icon') === 'no' ? '' : 'icon'}">
      <slot name="headline"></slot><slot></slot></div>`;
  }
});
</script>"""


def test_a_field_marked_only_by_a_red_border_fails(page: Page) -> None:
    page.set_content(RED_BORDER_ONLY)
    result = colour.check(page, "red border", cache=None)
    assert len(result.fields) == 1 and result.fields[0]["field"] == "Subject", result.fields
    assert result.problems == ['field "Subject" is marked in error by colour alone (it shows no message)']


def test_a_field_whose_error_says_what_is_wrong_passes(page: Page) -> None:
    page.set_content(WITH_TEXT)
    result = colour.check(page, "with text", cache=None)
    assert result.fields[0]["message"] == "Subject cannot be blank."
    assert result.problems == []


def test_the_error_inside_a_shadow_root_is_read(page: Page) -> None:
    page.set_content(SHADOW_FIELD)
    result = colour.check(page, "shadow field", cache=None)
    assert [f["message"] for f in result.fields] == ["Message body cannot be blank."], result.fields
    assert result.fields[0]["field"] == "Message"
    assert result.problems == []


def test_an_error_moved_to_screen_reader_only_text_is_colour_alone(page: Page) -> None:
    page.set_content(SHADOW_FIELD.replace("<sm-field>", "<sm-field hide>"))
    problems = colour.check(page, "hidden message", cache=None).problems
    assert len(problems) == 1 and "Message body cannot be blank." in problems[0], problems
    assert "screen-reader only" in problems[0]


def test_transparent_error_text_is_not_seen(page: Page) -> None:
    page.set_content(
        WITH_TEXT.replace('class="usa-error-message"', 'class="usa-error-message" style="color: transparent"')
    )
    assert "transparent" in colour.check(page, "transparent", cache=None).problems[0]


def test_an_alert_keeps_its_slotted_words_and_its_icon(page: Page) -> None:
    page.set_content(SHADOW_ALERT)
    result = colour.check(page, "alert", cache=None)
    assert len(result.alerts) == 1, result.alerts
    alert = result.alerts[0]
    assert alert["text"] == "We couldn't send it Try again later." and alert["icon"], alert
    assert alert["status"] == "error" and result.problems == []


def test_an_alert_with_neither_words_nor_icon_fails(page: Page) -> None:
    page.set_content(
        SHADOW_ALERT.replace('<sm-alert status="error">', '<sm-alert status="error" icon="no">')
        .replace("<p>", '<p style="opacity: 0">')
        .replace('<h2 slot="headline">', '<h2 slot="headline" style="color: rgba(0, 0, 0, 0)">')
    )
    problems = colour.check(page, "bare alert", cache=None).problems
    assert problems and "neither text nor an icon" in problems[0], problems


def test_a_state_is_checked_once_and_the_emulation_is_reset(page: Page) -> None:
    page.set_content(WITH_TEXT)
    cache = ScanCache()
    first = colour.check(page, "once", screenshot=True, cache=cache)
    again = colour.check(page, "once", screenshot=True, cache=cache)
    assert not first.cached and again.cached and again.fields == first.fields
    assert (first.screenshot or "").startswith("data:image/jpeg;base64,")
    # Reset: a CDP session sees no emulation left behind (setting "none" again is accepted and changes
    # nothing); the page still paints colour, which a screenshot of a red box shows.
    page.set_content('<div style="width: 20px; height: 20px; background: rgb(255, 0, 0)"></div>')
    shot = page.screenshot(clip={"x": 10, "y": 10, "width": 4, "height": 4}, type="png")
    pixel = Image.open(io.BytesIO(shot)).convert("RGB").getpixel((1, 1))
    assert isinstance(pixel, tuple)  # an RGB image's pixel is (red, green, blue)
    red, green, blue, *_ = pixel
    assert red > 200 and green < 50 and blue < 50, (red, green, blue)


def test_the_wcag_ledger_and_the_report_read_the_results_under_1_4_1() -> None:
    field = {"field": "Subject", "message": "Subject cannot be blank.", "hidden": []}
    ok = {"state": "StartMessage: 1 fields in error, 0 alerts", "fields": [field], "alerts": [], "ms": 12}
    bad = {
        **ok,
        "fields": [{"field": "Subject", "message": "", "hidden": ['"Subject cannot be blank." (x)']}],
    }
    passing = [ScenarioRecord("A", "A", kind="scenario", status="passed", colour=[ok]).as_json()]
    failing = [ScenarioRecord("B", "B", kind="scenario", status="failed", colour=[bad]).as_json()]
    assert {r["criterion"]: r for r in wcag.ledger(passing, [], [])}["1.4.1"]["result"] == wcag.SUPPORTS
    row = {r["criterion"]: r for r in wcag.ledger(failing, [], [])}["1.4.1"]
    assert row["result"] == wcag.FAILS and "colour alone" in row["remarks"]
    rows = colour_engines.colour(passing + failing)
    assert len(rows) == 1 and rows[0]["checked"] == 2 and rows[0]["problems"], rows


def test_a_radio_option_in_error_belongs_to_its_group_and_its_message(page: Page) -> None:
    page.set_content(
        """<main><h1>Recent care teams</h1><sm-group></sm-group></main><script>
customElements.define('sm-option', class extends HTMLElement { connectedCallback() {
  this.attachShadow({ mode: 'open' }).innerHTML =
    `<input type="radio" id="r" aria-invalid="true">
     <label for="r">${this.getAttribute('label')}</label>`; } });
customElements.define('sm-group', class extends HTMLElement { connectedCallback() {
  this.setAttribute('aria-invalid', 'true');  // va-radio marks its host
  this.attachShadow({ mode: 'open' }).innerHTML = `<fieldset><legend>Select a team</legend>
    <span class="usa-error-message">Select a care team</span><slot></slot></fieldset>`;
  this.innerHTML = '<sm-option label="Dermatology"></sm-option>'
    + '<sm-option label="Cardiology"></sm-option>'; } });
</script>"""
    )
    result = colour.check(page, "radio group", cache=None)
    assert [f["field"] for f in result.fields] == ["Select a team"], result.fields
    assert result.problems == []
