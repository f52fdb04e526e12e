"""Issue 24, area G: the stand-in's tracked elements carry the RUM names of the table in `pages/tracked.py`,
and every modal of the flow closes with Escape, giving focus back to the control that opened it
(mocks/web/FIDELITY.md, rows I24G*)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.tracked import tracked
from tests.standin.conftest import StandinOpener
from tests.standin.test_standin_issue11_states import attach, to_start_message
from tests.standin.test_standin_round2_b import write


def test_compose_controls_carry_the_tables_rum_names(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    send = tracked("start message", "Send").rum_name
    expect(page.get_by_test_id("send-button")).to_have_attribute("data-dd-action-name", send)
    delete = tracked("start message", "Delete draft").rum_name
    expect(page.locator("#delete-draft-button")).to_have_attribute("data-dd-action-name", delete)
    # Save draft carries no name: Datadog names its click by its text.
    save = page.get_by_test_id("save-draft-button")
    expect(save).not_to_have_attribute("data-dd-action-name", "")
    assert save.get_attribute("data-dd-action-name") is None
    expect(save).to_have_text(tracked("start message", "Save draft").rum_name)
    different = tracked("start message", "Select a different care team").rum_name
    link = page.locator(f'[data-dd-action-name="{different}"]')
    expect(link).to_have_count(1)


def test_the_case_defect_changes_only_the_case(open_standin: StandinOpener) -> None:
    page = to_start_message(
        open_standin("vista_only", recent_teams=1, defects=("delete_draft_rum_name_case",))
    )
    name = page.locator("#delete-draft-button").get_attribute("data-dd-action-name") or ""
    real = tracked("start message", "Delete draft").rum_name
    assert name != real and name.casefold() == real.casefold(), name


_FOCUS_INSIDE = """sel => { let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  const el = document.querySelector(sel);
  for (let n = a; n; n = n.parentNode || n.host) { if (n === el) return true; }
  return false; }"""


def _wait_for_focus_inside(page: Page, selector: str) -> None:
    """Keyboard focus (through shadow roots) inside `selector`: va-modal moves it a frame after opening."""
    page.wait_for_function(_FOCUS_INSIDE, arg=selector)


def test_delete_draft_dialog_closes_with_escape(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    write(page)
    page.locator("#delete-draft-button").click()
    modal = page.get_by_test_id("delete-draft-modal")
    expect(modal.locator("[role=alertdialog], [role=dialog]").first).to_be_visible()
    _wait_for_focus_inside(page, "#delete-draft-modal")
    page.keyboard.press("Escape")
    expect(modal).to_have_count(0)
    expect(page.locator("#delete-draft-button")).to_be_focused()


def test_cant_save_dialog_closes_with_escape_and_gives_focus_back(open_standin: StandinOpener) -> None:
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    write(page)
    attach(page, "notes.txt", 20)
    page.get_by_test_id("save-draft-button").click()
    modal = page.get_by_test_id("navigation-warning-modal")
    expect(modal.locator("[role=alertdialog], [role=dialog]").first).to_be_visible()
    _wait_for_focus_inside(page, '[data-testid="navigation-warning-modal"]')
    page.keyboard.press("Escape")
    expect(modal).to_have_count(0)
    _wait_for_focus_inside(page, "#save-draft-button")  # va-modal gives focus back to its opener
