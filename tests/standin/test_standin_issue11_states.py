"""The stand-in's states for blocked, migrating and Oracle Health patients, attachments and folders
(mocks/web/FIDELITY.md): each state's DOM contract, and axe over it with its alerts and expandables open.
"""

from __future__ import annotations

import re
from typing import cast

import pytest
from playwright.sync_api import Locator, Page, expect

from contract import FOLDERS, LARGE_ATTACHMENTS, RECENT_CARE_TEAMS, RECIPIENT_OPT_GROUPS, SELECT_CARE_TEAM
from pages.components import VaFileInputMultiple
from tests.standin.conftest import Opened, StandinOpener
from tests.standin.test_standin_accessibility import assert_clean, h1

SELECT = "/new-message/select-care-team/"
START = "/new-message/start-message/"
IPE = "sm-care-team-list-update-ipe-container"


def headline(alert: Locator) -> str:
    """A va-alert's slotted headline as read, without the "<Status> Alert" prefix va-alert adds for
    screen readers."""
    text = alert.locator('h2[slot="headline"]').evaluate(
        """h => { const c = h.cloneNode(true);
                  c.querySelectorAll('.usa-sr-only, .sr-only').forEach(e => e.remove());
                  return c.textContent.replace(/\\s+/g, ' ').trim(); }"""
    )
    return cast(str, text)


def open_expandable(page: Page, testid: str) -> None:
    """Open a va-alert-expandable by clicking its trigger."""
    host = page.get_by_test_id(testid).first
    host.click()
    expect(host.locator("#alert-body.open").first).to_be_attached()


def to_select_care_team(opened: Opened, path: str = "/new-message/") -> Page:
    page = opened.page
    opened.goto(path)
    page.get_by_test_id("start-message-link").click()
    h1(page, "Select care team")
    return page


@pytest.mark.parametrize(
    ("profile", "title"),
    [
        ("one_team_blocked", re.compile(r"^You can't send messages to (?!care teams at |some of )\S")),
        ("several_teams_blocked", "You can't send messages to some of your care teams"),
        ("system_blocked", re.compile(r"^You can't send messages to care teams at VA .+ health care$")),
    ],
)
def test_select_care_team_blocked_alerts(
    open_standin: StandinOpener, profile: str, title: str | re.Pattern[str]
) -> None:
    opened = open_standin(profile, recent_teams=0)
    page = to_select_care_team(opened)
    alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(alert).to_have_attribute("status", "info")
    expect(alert.locator('h2[slot="headline"]')).to_have_attribute(
        "data-dd-action-name", "Blocked/Not Associated alert"
    )
    shown = headline(alert)
    assert title.search(shown) if isinstance(title, re.Pattern) else shown == title, shown
    link = alert.locator("va-link-action")
    expect(link).to_have_attribute("href", "/find-locations/")
    expect(link).to_have_attribute("text", "Find your VA health facility")
    expect(link).to_have_attribute(
        "data-dd-action-name", "Find your VA health facility link - in Blocked/Not Associated alert"
    )
    expect(page.get_by_test_id("compose-recipient-combobox")).to_be_visible()
    assert_clean(page, f"{profile}: select care team, blocked alert")


def test_all_blocked_everywhere(open_standin: StandinOpener) -> None:
    opened = open_standin("all_blocked", recent_teams=0)
    page = opened.page
    opened.goto("/inbox/")
    h1(page, "Messages: Inbox")
    expect(page.get_by_test_id("compose-message-link")).to_have_count(0)
    inbox_alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(inbox_alert).to_have_attribute("status", "warning")
    expect(inbox_alert).to_contain_text("You can't send messages to your care teams right now")
    assert_clean(page, "all blocked: inbox")

    page = to_select_care_team(opened)
    alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(alert).to_have_js_property("tagName", "VA-ALERT-EXPANDABLE")
    expect(alert).to_have_attribute("trigger", "You can't send messages to your care teams right now")
    expect(alert).to_have_attribute("data-dd-action-name", "Blocked Triage Group Alert Expandable")
    expect(page.get_by_test_id("compose-recipient-combobox")).to_have_count(0)
    open_expandable(page, "blocked-triage-group-alert")
    expect(alert).to_contain_text("If you need to contact your care teams, call your VA health facility.")
    assert_clean(page, "all blocked: select care team, alert open")

    opened.goto(START)
    h1(page, "Start a new message")
    expect(page).to_have_url(re.compile(re.escape(START) + "$"))
    expect(page).to_have_title("Start a new message  | Veterans Affairs")
    expect(page.get_by_test_id("blocked-triage-group-alert")).to_have_attribute("status", "warning")
    expect(page.get_by_test_id("message-body-field")).to_have_count(0)
    assert_clean(page, "all blocked: start message")


@pytest.mark.parametrize("curated", [True, False])
def test_not_connected_compose_routes(open_standin: StandinOpener, curated: bool) -> None:
    opened = open_standin("not_connected", recent_teams=0, curated=curated)
    page = opened.page
    opened.goto("/inbox/")
    h1(page, "Messages: Inbox")
    expect(page.get_by_test_id("compose-message-link")).to_have_count(0)
    path = START if curated else "/new-message/"
    opened.goto(path)
    h1(page, "Start a new message")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(alert).to_have_attribute("status", "info")
    assert headline(alert) == "You're not connected to any care teams in this messaging tool"
    expect(alert).to_contain_text("If you need to contact your care team, call your VA health facility.")
    assert_clean(page, f"not connected: {path}")


@pytest.mark.parametrize(
    ("profile", "testid"),
    [
        ("migrating_before", "cerner-facilities-transition-alert"),
        ("migrating_during", "cerner-facilities-transition-alert-error-phase"),
        ("migrating_after", None),
    ],
)
def test_migration_alerts(open_standin: StandinOpener, profile: str, testid: str | None) -> None:
    opened = open_standin(profile, recent_teams=0)
    page = to_select_care_team(opened)
    expect(page.get_by_test_id("compose-recipient-combobox")).to_be_visible()
    shown = page.locator('[data-testid^="cerner-facilities-transition-alert"]')
    if testid is None:
        expect(shown).to_have_count(0)
        assert_clean(page, f"{profile}: select care team")
        return
    expect(shown).to_have_count(1)
    alert = page.get_by_test_id(testid)
    moving = next(s for s in opened.session.patient()["careSystems"] if s["migrating"])
    if testid.endswith("error-phase"):
        expect(alert).to_have_attribute("status", "error")
        assert headline(alert) == "You can’t use messages to contact providers at some facilities right now"
        expect(alert.get_by_test_id("find-facility-link")).to_have_attribute(
            "href", "https://www.va.gov/find-locations/"
        )
    else:
        expect(alert).to_have_attribute("status", "warning")
        trigger = re.compile(r"^Updates will begin on \w+ \d+, \d{4} at 12:00AM ET$")
        expect(alert).to_have_attribute("trigger", trigger)
        open_expandable(page, testid)
    assert moving["migrationPhase"]
    assert_clean(page, f"{profile}: select care team, migration alert")


def test_oracle_health_hint_first_and_fourth_time(open_standin: StandinOpener) -> None:
    opened = open_standin("oracle_health_only", recent_teams=0)
    page = to_select_care_team(opened)
    hint = page.get_by_test_id(IPE)
    expect(hint).to_be_visible()
    expect(hint).to_have_js_property("tagName", "ASIDE")
    expect(hint).to_have_attribute("aria-label", "Tooltip for care team selection")
    expect(hint).to_contain_text("We updated your list of care teams.")
    assert_clean(page, "oracle health: hint shown")
    records = opened.session.patient()["tooltips"]
    assert [(r["tooltipName"], r["counter"], r["hidden"]) for r in records] == [
        ("sm_care_team_list_update_ipe", 1, False)
    ]

    fourth = open_standin("oracle_health_only", recent_teams=0)
    fourth.session.set_tooltips([{"tooltipName": "sm_care_team_list_update_ipe", "counter": 3}])
    page = to_select_care_team(fourth)
    expect(page.get_by_test_id("compose-recipient-combobox")).to_be_visible()
    page.wait_for_function("() => document.querySelector('.sm-ipe-slot') !== null")
    expect(page.get_by_test_id(IPE)).to_have_count(0)


def test_oracle_health_hint_dismissed(open_standin: StandinOpener) -> None:
    opened = open_standin("oracle_health_only", recent_teams=0)
    page = to_select_care_team(opened)
    page.get_by_test_id("sm-care-team-list-update-ipe-stop-showing-hint").click()
    expect(page.get_by_test_id(IPE)).to_have_count(0)
    for _ in range(50):  # the PATCH that hides the record lands after the click
        if opened.session.patient()["tooltips"][0]["hidden"]:
            break
        page.wait_for_timeout(50)
    assert opened.session.patient()["tooltips"][0]["hidden"] is True


MB = 1024 * 1024


def to_start_message(opened: Opened) -> Page:
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    h1(page, "Care teams you recently sent messages to")
    page.locator('[data-testid="recent-care-teams-radio-group"] va-radio-option').first.click()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Start message")
    return page


def attach(page: Page, name: str, size: int) -> None:
    """Choose a file of `size` bytes as the page objects do: from disk, not as a buffer through
    Playwright's pipe (26 MB of buffers took 8 s), and once the component has dealt with it."""
    VaFileInputMultiple(page.get_by_test_id("attach-file-input")).add(name, b"x" * size)


@pytest.mark.parametrize("large", [False, True])
def test_attachments_on_start_message(open_standin: StandinOpener, large: bool) -> None:
    opened = open_standin("vista_only", recent_teams=1)
    if large:
        opened.session.set_toggle(LARGE_ATTACHMENTS, "on")
    page = to_start_message(opened)
    field = page.get_by_test_id("attach-file-input")
    expect(field).to_have_attribute("label", "Attachments")
    hint = (
        r"^You can upload up to 10 files\. Accepted file types: common document and image formats\. "
        r"Maximum file size: 25 MB\. Maximum total size: 25 MB\.$"
        if large
        else r"^You can upload up to 4 files\..*Maximum file size: 6 MB\. Maximum total size: 10 MB\.$"
    )
    expect(field).to_have_attribute("hint", re.compile(hint))
    expect(page.get_by_test_id("delete-draft-button")).to_have_attribute("id", "delete-draft-button")
    attach(page, "scan.txt", 7 * MB)
    error = page.get_by_test_id("file-input-error-message")
    if large:
        expect(error).to_have_count(0)
        attach(page, "scan2.txt", 19 * MB)
        expect(error).to_have_text(
            "Your files are too large. The total size of all files must be smaller than 25MB."
        )
    else:
        expect(error).to_have_text("Your file is too large. Try attaching a file smaller than 6MB.")
    expect(error).to_have_attribute("role", "alert")
    assert_clean(page, f"start message, attachment error (large={large})")
    attach(page, "notes.txt", 5)
    expect(error).to_have_count(0)
    page.get_by_test_id("how-to-attach-files").click()
    assert_clean(page, f"start message, attachment added, help open (large={large})")


def test_more_folders_and_breadcrumbs(open_standin: StandinOpener) -> None:
    opened = open_standin("mixed", recent_teams=0)
    page = opened.page
    opened.goto("/folders/")
    h1(page, "Messages: More folders")
    expect(page.get_by_test_id("sm-breadcrumbs")).to_be_attached()
    expect(page.get_by_test_id("compose-message-link")).to_be_visible()
    assert_clean(page, "more folders")
    page.get_by_test_id("compose-message-link").click()
    h1(page, "Only use messages for non-urgent needs")
    expect(page.get_by_test_id("sm-breadcrumbs-back")).to_have_attribute("href", FOLDERS)
    page.get_by_test_id("sm-breadcrumbs-back").click()
    h1(page, "Messages: More folders")
    opened.goto("/drafts/")
    h1(page, "Messages: Drafts")
    expect(page.get_by_test_id("compose-message-link")).to_have_count(0)
    expect(page.get_by_test_id("sm-breadcrumbs-back")).to_have_attribute("href", FOLDERS)
    assert_clean(page, "drafts")


def test_legacy_cant_find_your_team(open_standin: StandinOpener) -> None:
    opened = open_standin("vista_only", recent_teams=0, curated=False)
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("continue-button").click()
    h1(page, "Start a new message")
    help_ = page.locator('va-additional-info[trigger="If you can\'t find your team"]')
    expect(help_).to_have_attribute("data-dd-action-name", "If You Can't Find Your Team Dropdown")
    help_.click()
    expect(page.get_by_role("link", name="Show more teams in your contact list")).to_be_visible()
    assert_clean(page, "legacy compose, can't find your team open")


def test_interstitial_renders_at_once(open_standin: StandinOpener) -> None:
    """The interstitial shows before the sent search answers; its link points to select care team
    until then, and to recent care teams once the search finds some."""
    opened = open_standin("mixed", recent_teams=2)
    opened.session.add_fault("sent_search", latency_ms=3000, times=1)
    page = opened.page
    opened.goto("/new-message/")
    h1(page, "Only use messages for non-urgent needs")
    link = page.get_by_test_id("start-message-link")
    before = link.get_attribute("href", timeout=2000)
    assert before == SELECT_CARE_TEAM, before
    expect(link).to_have_attribute("href", RECENT_CARE_TEAMS, timeout=10_000)


@pytest.mark.parametrize("recent", [True, False])
def test_combo_box_option_groups(open_standin: StandinOpener, recent: bool) -> None:
    """Opt-groups toggle: a "Recent care teams" group (recent toggle on), then one group per care
    system sorted by name; options read "<team>\\t(<short system>)"."""
    opened = open_standin("mixed", recent_teams=2, recent=recent)
    opened.session.set_toggle(RECIPIENT_OPT_GROUPS, "on")
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    if recent:
        h1(page, "Care teams you recently sent messages to")
        page.get_by_label("A different care team").check()
        page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Select care team")
    combo = page.get_by_test_id("compose-recipient-combobox")
    labels = combo.evaluate("c => [...c.querySelectorAll(':scope > optgroup')].map(g => g.label)")
    patient = opened.session.patient()
    systems = sorted({s["name"] for s in patient["careSystems"] if s["allowedTeams"]})
    assert labels == (["Recent care teams"] if recent else []) + systems
    first = combo.evaluate(
        "(c, name) => [...c.querySelectorAll(':scope > optgroup')].find(g => g.label === name)"
        ".querySelector('option').textContent",
        systems[0],
    )
    short = systems[0].removeprefix("VA ").removesuffix(" health care")
    assert re.fullmatch(rf".+\t\({re.escape(short)}\)", first), first
