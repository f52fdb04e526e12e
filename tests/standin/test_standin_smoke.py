"""Smoke tests of the stand-in: every flow page, per main patient profile, against the real mock."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from contract import RECENT_CARE_TEAMS
from mocks.client import Session
from tests.standin.conftest import Opened, StandinOpener

INTERSTITIAL_H1 = "Only use messages for non-urgent needs"


def _journal(session: Session, endpoint: str) -> list[dict[str, Any]]:
    return [e for e in session.journal() if e["endpoint"] == endpoint]


@pytest.mark.parametrize("profile", ["vista_only", "oracle_health_only", "mixed"])
def test_walks_every_flow_page(open_standin: StandinOpener, profile: str) -> None:
    opened = open_standin(profile, recent_teams=2)
    page = opened.page
    patient = opened.session.patient()
    recents = patient["recentCareTeams"]
    systems = [s for s in patient["careSystems"] if s["allowedTeams"]]

    opened.goto("/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages: Inbox")
    page.get_by_test_id("compose-message-link").click()

    # Interstitial: the continue link points at recent care teams once the sent search is in.
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERSTITIAL_H1)
    expect(page).to_have_title("Only Use Messages For Non-Urgent Needs | Veterans Affairs")
    expect(page.locator("h1")).to_be_focused()
    link = page.get_by_test_id("start-message-link")
    expect(link).to_have_attribute("href", re.compile(r"/new-message/recent/$"))
    link.click()

    # Recent care teams: the patient's recents plus "A different care team"; nothing chosen -> error.
    expect(page.get_by_role("heading", level=1)).to_have_text("Care teams you recently sent messages to")
    options = page.locator('[data-testid="recent-care-teams-radio-group"] va-radio-option')
    expect(options).to_have_count(len(recents) + 1)
    assert options.evaluate_all("els => els.map(e => e.getAttribute('label'))") == [
        *[t["displayName"] for t in recents],
        "A different care team",
    ]
    page.get_by_test_id("recent-care-teams-continue-button").click()
    expect(page.get_by_test_id("recent-care-teams-radio-group")).to_have_attribute(
        "error", "Select a care team"
    )
    page.get_by_label("A different care team").check()
    page.get_by_test_id("recent-care-teams-continue-button").click()

    # Select care team: radio per system when 2-5, combo filtered by the chosen system.
    expect(page.get_by_role("heading", level=1)).to_have_text("Select care team")
    expect(page.get_by_test_id("sm-breadcrumbs-back")).to_have_attribute("href", RECENT_CARE_TEAMS)
    system = systems[-1]
    if len(systems) > 1:
        expect(page.locator('[data-testid^="care-system-"]')).to_have_count(len(systems))
        page.get_by_test_id(f"care-system-{system['vhaId']}").locator("label").click()
    combo = page.get_by_test_id("compose-recipient-combobox")
    expected = {
        t["displayName"] for t in patient["allowedCareTeams"] if t["stationNumber"] == system["vhaId"]
    }
    expect(combo.locator('select option:not([value=""])')).to_have_count(len(expected))
    offered = combo.locator('select option:not([value=""])').all_text_contents()
    assert set(offered) == expected
    page.get_by_test_id("continue-button").click()
    expect(combo).to_have_attribute("error", "Select a care team")

    has_vista = any(not t["ohTriageGroup"] for t in patient["allowedCareTeams"])
    expect(page.get_by_role("link", name="Update your contact list", exact=True)).to_have_count(
        1 if has_vista else 0
    )

    # Care team help and back.
    page.get_by_role("link", name="Learn what to do if you can’t find your care team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Can’t find your care team?")
    oh_any = any(t["ohTriageGroup"] for t in patient["allowedCareTeams"])
    expect(page.get_by_test_id("name-change-link")).to_have_count(1 if oh_any else 0)
    expect(page.get_by_test_id("update-contact-list-link")).to_have_count(1 if has_vista else 0)
    page.get_by_test_id("sm-breadcrumbs-back").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Select care team")

    # Pick a team, continue, compose.
    if len(systems) > 1:
        page.get_by_test_id(f"care-system-{system['vhaId']}").locator("label").click()
    team = sorted(expected)[0]
    combo.get_by_role("combobox").fill(team[:8])
    combo.get_by_role("option", name=re.compile(rf"^{re.escape(team)}")).first.click()
    page.get_by_test_id("continue-button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start message")
    expect(page.get_by_test_id("compose-recipient-title")).to_have_text(f"{system['name']} - {team}")

    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("compose-message-categories")).to_have_attribute(
        "error", "Please select a category."
    )
    expect(page.get_by_test_id("message-subject-field")).to_have_attribute(
        "error", "Subject cannot be blank."
    )
    page.get_by_test_id("compose-message-categories").locator("select").select_option("OTHER")
    page.get_by_test_id("message-subject-field").locator("input").fill("Test subject")
    page.get_by_test_id("message-body-field").locator("textarea").fill("Test body")
    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("alert-text")).to_contain_text("Message sent")
    expect(page).to_have_url(re.compile(r"/inbox/$"))

    [send] = _journal(opened.session, "send")
    team_is_oh = next(t for t in patient["allowedCareTeams"] if t["displayName"] == team)["ohTriageGroup"]
    assert ((send["query"] or {}).get("is_oh_triage_group") == "true") == team_is_oh


@pytest.mark.parametrize("profile", ["vista_only", "oracle_health_only", "mixed"])
def test_contact_list_and_start_message_back(open_standin: StandinOpener, profile: str) -> None:
    opened = open_standin(profile, recent_teams=1)
    page = opened.page
    patient = opened.session.patient()
    opened.goto("/inbox/")
    page.get_by_test_id("compose-message-link").click()
    page.get_by_test_id("start-message-link").click()
    recent = patient["recentCareTeams"][0]
    page.get_by_label(re.compile(rf"^{re.escape(recent['displayName'])}")).first.check()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start message")
    page.get_by_test_id("message-subject-field").locator("input").fill("Kept subject")
    page.get_by_role("link", name="Select a different care team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Select care team")
    page.get_by_test_id("continue-button").click()
    expect(page.get_by_test_id("message-subject-field")).to_have_attribute("value", "Kept subject")
    page.get_by_test_id("sm-breadcrumbs-back").click()
    expect(page).to_have_url(re.compile(r"/new-message/select-care-team/$"))

    opened.goto("/contact-list/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages: Contact list")
    vista_stations = {t["stationNumber"] for t in patient["careTeams"] if not t["ohTriageGroup"]}
    expect(page.get_by_test_id("facility-accordion-item")).to_have_count(len(vista_stations))
    if vista_stations:
        page.get_by_test_id("contact-list-save").click()
        expect(page.get_by_test_id("alert-text")).to_have_text("Contact list changes saved")
        assert len(_journal(opened.session, "contact_list_save")) == 1


def test_curated_off_is_legacy_compose_and_new_routes_are_not_found(open_standin: StandinOpener) -> None:
    opened = open_standin("mixed", curated=False)
    page = opened.page
    opened.goto("/new-message/")
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERSTITIAL_H1)
    page.get_by_test_id("continue-button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a new message")
    expect(page.get_by_test_id("compose-recipient-select")).to_have_attribute("label", "To")
    for path in ("/new-message/recent/", "/new-message/select-care-team/", "/new-message/start-message/"):
        opened.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_guards_send_direct_visits_to_the_interstitial(open_standin: StandinOpener) -> None:
    opened = open_standin("mixed")
    page = opened.page
    opened.goto("/new-message/select-care-team/")
    expect(page).to_have_url(re.compile(r"/new-message/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERSTITIAL_H1)
    opened.goto("/new-message/start-message/")
    expect(page.get_by_role("heading", level=1)).to_have_text(INTERSTITIAL_H1)
    expect(page).to_have_url(re.compile(r"/new-message/start-message/$"))


def test_seeded_defect_switches_behaviour(open_standin: StandinOpener) -> None:
    opened = open_standin("vista_only", recent_teams=6, defects=("recent_shows_five",))
    page = opened.page
    patient = opened.session.patient()
    allowed = {t["triageTeamId"] for t in patient["allowedCareTeams"]}
    sent_allowed = [i for i in patient["sentRecipientIds"] if i in allowed]
    assert len(sent_allowed) >= 5, "the profile must have messaged at least five allowed teams"
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Care teams you recently sent messages to")
    # four recent teams plus "A different care team" without the defect; the defect shows a fifth
    expect(page.locator('[data-testid="recent-care-teams-radio-group"] va-radio-option')).to_have_count(6)


def _to_start_message(opened: Opened) -> None:
    page = opened.page
    opened.goto("/new-message/")
    page.get_by_test_id("start-message-link").click()
    page.get_by_label(re.compile(".")).first.check()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start message")


def _fill(page: Page, subject: str, body: str) -> None:
    page.get_by_test_id("compose-message-categories").locator("select").select_option("OTHER")
    page.get_by_test_id("message-subject-field").locator("input").fill(subject)
    page.get_by_test_id("message-body-field").locator("textarea").fill(body)


def test_autosave_posts_then_puts_after_ten_idle_seconds(open_standin: StandinOpener) -> None:
    opened = open_standin("mixed", recent_teams=1)
    page = opened.page
    page.clock.install()
    _to_start_message(opened)
    _fill(page, "Autosaved", "First version")
    page.clock.run_for(9_000)
    assert _journal(opened.session, "draft_create") == []
    with page.expect_response(lambda r: r.url.endswith("/message_drafts") and r.request.method == "POST"):
        page.clock.run_for(1_500)
    expect(page.locator('[data-test-id="save-alert-message"]')).to_contain_text("Your message was saved")
    [create] = _journal(opened.session, "draft_create")
    page.get_by_test_id("message-body-field").locator("textarea").fill("Second version")
    with page.expect_response(lambda r: "/message_drafts/" in r.url and r.request.method == "PUT"):
        page.clock.run_for(10_500)
    [update] = _journal(opened.session, "draft_update")
    assert update["body"]["body"] == "Second version"

    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("alert-text")).to_contain_text("Message sent")
    [send] = _journal(opened.session, "send")
    assert send["body"]["draft_id"] is not None
    assert create["status"] == 201


def test_send_error_keeps_what_was_typed(open_standin: StandinOpener) -> None:
    opened = open_standin("vista_only", recent_teams=1)
    page = opened.page
    opened.session.add_fault("send", code="SM119", times=1)
    _to_start_message(opened)
    _fill(page, "Blocked?", "Please answer")
    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("alert-text")).to_have_text(
        "You are blocked from sending messages to this recipient."
    )
    expect(page.get_by_test_id("message-subject-field")).to_have_attribute("value", "Blocked?")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start message")
    page.get_by_test_id("send-button").click()
    expect(page.get_by_test_id("alert-text")).to_contain_text("Message sent")
