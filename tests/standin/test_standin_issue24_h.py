"""Issue 24, area H: More folders lists every folder but Inbox and Sent (FIDELITY I24H1), and a row of
"DD collection on the new flow" read after a real direct load (redirected to the interstitial) is refused."""

from __future__ import annotations

from playwright.sync_api import expect

from contract import APP_ROOT, DRAFTS, INTERSTITIAL
from harness.evidence import dashboard
from harness.evidence.recorder import ScenarioEvidence
from harness.rum import init_configuration
from tests.standin.conftest import StandinOpener
from tests.standin.test_standin_accessibility import h1


def test_more_folders_lists_drafts_and_trash_in_the_api_order(open_standin: StandinOpener) -> None:
    """I24H1: `ul.folders-list > li.folder-link[data-testid=<API name>]`, the Deleted folder shown as Trash,
    links to /drafts/ and /trash/; Inbox and Sent are not listed."""
    opened = open_standin("vista_only")
    opened.goto("/folders/")
    page = opened.page
    h1(page, "Messages: More folders")
    items = page.locator("ul.folders-list > li.folder-link")
    expect(items).to_have_count(2)
    assert [" ".join(t.split()) for t in items.all_text_contents()] == ["Drafts", "Trash"]
    expect(page.get_by_test_id("Drafts").get_by_role("link")).to_have_attribute("href", DRAFTS)
    expect(page.get_by_test_id("Deleted").get_by_role("link")).to_have_attribute("href", f"{APP_ROOT}/trash/")
    expect(page.locator("li.folder-link va-icon[icon=folder]")).to_have_count(2)


def test_the_seeded_defect_drops_the_system_folders(open_standin: StandinOpener) -> None:
    opened = open_standin("vista_only", defects=("more_folders_drop_system_folders",))
    opened.goto("/folders/")
    h1(opened.page, "Messages: More folders")
    expect(opened.page.locator("ul.folders-list")).to_be_attached()
    expect(opened.page.locator("li.folder-link")).to_have_count(0)


def test_a_direct_load_redirected_to_the_interstitial_is_refused_as_select_care_team(
    open_standin: StandinOpener,
) -> None:
    """The old check's mistake, for real: select care team opened directly shows the interstitial, so the
    configuration read there says nothing about select care team."""
    opened = open_standin("vista_only")
    opened.goto("/new-message/select-care-team/")
    page = opened.page
    h1(page, "Only use messages for non-urgent needs")
    expect(page).to_have_url(f"{opened.base_url}{INTERSTITIAL}")
    config = init_configuration(page)
    assert config is not None and config.get("sessionSampleRate") == dashboard.EXPECTED_SAMPLE_RATE
    evidence = ScenarioEvidence("features/rum.feature::DD", "DD")
    evidence.add_rum_collection(
        "select care team", page.url, config, h1="Only use messages for non-urgent needs"
    )
    collected = dashboard.collection([{**evidence.record.as_json(), "nodeid": "features/rum.feature::DD"}])
    assert [row["reason"] for row in collected["bad"]] == [f"recorded on {page.url}, not on select care team"]
