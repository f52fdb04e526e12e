"""axe-core over every page state of the stand-in (the full tag set, color-contrast on), plus
no sideways scrolling at 320 px. Scans the whole document, chrome included."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from harness.accessibility import ruleset
from pages.base import BasePage
from tests.standin.conftest import StandinOpener

TAGS = ["section508", "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPTIONS = {
    "runOnly": {"type": "tag", "values": TAGS},
    "rules": {"color-contrast": {"enabled": True}},
    "resultTypes": ["violations"],
}
AXE = Axe.from_file(ruleset.axe_script())  # the pinned axe-core the harness scans with
# No running transitions, and every opened va-alert-expandable / va-additional-info body fully faded in
# (their opacity transitions start after a delay, so "no animations yet" is not enough).
SETTLED = """() => document.getAnimations().every(a => a.playState !== 'running') &&
  [['va-alert-expandable', '#alert-body.open'], ['va-additional-info', '#info.open']].every(([tag, open]) =>
    [...document.querySelectorAll(tag)].every(e => {
      const body = e.shadowRoot && e.shadowRoot.querySelector(open);
      return !body || getComputedStyle(body).opacity === '1';
    }))"""


def assert_clean(page: Page, state: str) -> None:
    # Scan settled pages: mid-transition opacity would fail color-contrast for the wrong reason.
    page.wait_for_function(SETTLED)
    results = AXE.run(page, options=OPTIONS)
    violations = results.response["violations"]
    readable = [
        f"{v['id']} ({v['impact']}): {n['target']} {n['html'][:120]}" for v in violations for n in v["nodes"]
    ]
    assert not violations, f"{state}: axe violations\n" + "\n".join(readable)


def h1(page: Page, text: str | re.Pattern[str]) -> None:
    """The page shows this h1 and has settled, as the page objects wait: a VA component not yet rendered
    is hidden, so a click before it lands (Continue on a loaded machine) met a combo box that could not
    take focus."""
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    BasePage(page).wait_until_settled()


def test_curated_flow_states(open_standin: StandinOpener) -> None:
    opened = open_standin("mixed", recent_teams=2)
    page = opened.page
    opened.goto("/inbox/")
    h1(page, "Messages: Inbox")
    expect(page.get_by_test_id("thread-list")).not_to_contain_text("Loading")
    assert_clean(page, "inbox")
    page.get_by_test_id("compose-message-link").click()
    h1(page, "Only use messages for non-urgent needs")
    assert_clean(page, "interstitial")
    # The crisis line button has no test id in the source: found by its role and name.
    page.get_by_role("button", name="Connect with the Veterans Crisis Line").click()
    expect(page.get_by_role("heading", name=re.compile("We’re here anytime"))).to_be_visible()
    assert_clean(page, "interstitial, crisis line modal open")
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name=re.compile("We’re here anytime"))).to_have_count(0)
    page.get_by_test_id("start-message-link").click()
    h1(page, "Care teams you recently sent messages to")
    assert_clean(page, "recent care teams")
    page.get_by_test_id("recent-care-teams-continue-button").click()
    expect(page.get_by_test_id("recent-care-teams-radio-group")).to_have_attribute(
        "error", "Select a care team"
    )
    assert_clean(page, "recent care teams, error")
    page.get_by_label("A different care team").check()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Select care team")
    page.get_by_test_id("emergency-use-only-expandable").click()
    assert_clean(page, "select care team (radio), emergency note open")
    page.get_by_test_id("continue-button").click()
    combo = page.get_by_test_id("compose-recipient-combobox")
    expect(combo).to_have_attribute("error", "Select a care team")
    assert_clean(page, "select care team, error")
    page.locator('[data-testid^="care-system-"]').first.locator("label").click()
    combo.get_by_role("combobox").click()
    combo.get_by_role("combobox").press("ArrowDown")
    expect(combo.get_by_role("option").first).to_be_visible()
    assert_clean(page, "select care team, combo box open")
    combo.get_by_role("option").first.click()
    page.get_by_role("link", name="Learn what to do if you can’t find your care team").click()
    h1(page, "Can’t find your care team?")
    assert_clean(page, "care team help (mixed)")
    page.get_by_test_id("sm-breadcrumbs-back").click()
    h1(page, "Select care team")
    page.get_by_test_id("continue-button").click()
    h1(page, "Start message")
    assert_clean(page, "start message")
    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("message-subject-field")).to_have_attribute(
        "error", "Subject cannot be blank."
    )
    assert_clean(page, "start message, validation errors")
    page.get_by_test_id("message-subject-field").locator("input").fill("Question")
    page.get_by_test_id("compose-message-categories").locator("select").select_option("OTHER")
    page.get_by_test_id("message-body-field").locator("textarea").fill("Body")
    page.get_by_test_id("save-draft-button").click()
    expect(page.locator('[data-test-id="save-alert-message"]')).to_contain_text("Your message was saved")
    assert_clean(page, "start message, draft saved")
    page.get_by_test_id("message-body-field").locator("textarea").fill("Changed body")
    page.evaluate("window.history.go(-6)")  # browser Back to the inbox, out of the flow
    modal = page.get_by_test_id("navigation-warning-modal")
    expect(modal).to_be_visible()
    assert_clean(page, "start message, navigation warning modal")
    page.keyboard.press("Escape")
    expect(modal).to_have_count(0)
    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("alert-text")).to_contain_text("Message sent")
    assert_clean(page, "start message, message sent")
    h1(page, "Messages: Inbox")
    assert_clean(page, "inbox after send")
    opened.goto("/contact-list/")
    h1(page, "Messages: Contact list")
    assert_clean(page, "contact list")


@pytest.mark.parametrize(
    ("profile", "states"),
    [
        ("many_systems", ["select (dropdown)"]),
        ("signature_required", ["signature"]),
        ("oracle_health_only", ["help"]),
        ("vista_only", ["help", "legacy"]),
        ("all_blocked", ["select (all blocked)"]),
    ],
)
def test_other_states(open_standin: StandinOpener, profile: str, states: list[str]) -> None:
    opened = open_standin(profile, recent_teams=0, curated="legacy" not in states)
    page = opened.page
    if "legacy" in states:
        opened.goto("/new-message/")
        h1(page, "Only use messages for non-urgent needs")
        assert_clean(page, f"{profile}: legacy interstitial")
        page.get_by_test_id("continue-button").click()
        h1(page, "Start a new message")
        page.get_by_test_id("send-button").click()
        expect(page.get_by_test_id("compose-recipient-select")).to_have_attribute(
            "error", "Please select a recipient."
        )
        assert_clean(page, f"{profile}: legacy compose, errors")
        opened.goto("/new-message/select-care-team/")
        h1(page, "Page not found")
        assert_clean(page, f"{profile}: not found")
        return
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    h1(page, "Select care team")
    if "help" in states:
        page.get_by_role("link", name="Learn what to do if you can’t find your care team").click()
        h1(page, "Can’t find your care team?")
        assert_clean(page, f"{profile}: care team help")
        return
    if "select (all blocked)" in states:
        expect(page.get_by_test_id("blocked-triage-group-alert")).to_be_visible()
        assert_clean(page, f"{profile}: select care team, all blocked")
        return
    if "select (dropdown)" in states:
        expect(page.get_by_test_id("care-system-select")).to_be_visible()
        assert_clean(page, f"{profile}: select care team, dropdown")
        return
    patient = opened.session.patient()
    team = next(t for t in patient["allowedCareTeams"] if t["signatureRequired"])
    systems = {t["stationNumber"] for t in patient["allowedCareTeams"]}
    if len(systems) > 1:
        page.get_by_test_id(f"care-system-{team['stationNumber']}").locator("label").click()
    combo = page.get_by_test_id("compose-recipient-combobox")
    combo.get_by_role("combobox").fill(team["displayName"][:8])
    combo.get_by_role("option", name=re.compile(rf"^{re.escape(team['displayName'])}")).first.click()
    page.get_by_test_id("continue-button").click()
    h1(page, "Start message")
    expect(page.get_by_role("heading", name="Electronic signature")).to_be_visible()
    page.get_by_test_id("send-button").click()
    expect(page.get_by_text("You must certify by checking the box.").first).to_be_attached()
    assert_clean(page, f"{profile}: start message, signature errors")


def test_no_horizontal_scroll_at_320px(open_standin: StandinOpener) -> None:
    opened = open_standin("mixed", recent_teams=2)
    page = opened.page
    page.set_viewport_size({"width": 320, "height": 800})
    fits = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    opened.goto("/inbox/")
    h1(page, "Messages: Inbox")
    assert page.evaluate(fits), "inbox"
    page.get_by_test_id("compose-message-link").click()
    h1(page, "Only use messages for non-urgent needs")
    assert page.evaluate(fits), "interstitial"
    page.get_by_test_id("start-message-link").click()
    h1(page, "Care teams you recently sent messages to")
    assert page.evaluate(fits), "recent"
    page.get_by_label(re.compile(".")).first.check()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Start message")
    assert page.evaluate(fits), "start message"
    page.get_by_role("link", name="Select a different care team").click()
    h1(page, "Select care team")
    assert page.evaluate(fits), "select care team"
