"""Aria snapshots as a contract: the template generalises patient data so another patient's page (more or
fewer care teams, other names) still matches under Playwright's partial matching, a lost heading level or
landmark does not, and the update keeps one template per page state (pure data and small pages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from contract import START_MESSAGE
from harness.accessibility import aria_snapshots as aria
from harness.accessibility import transcript

PATIENT_A = ("VA Boise health care", "VA Spokane health care", "SPO PRIMARY CARE", "BOI PODIATRY CLINIC")
PATIENT_B = ("VA Hines health care", "VA Portland health care", "VA Madison health care", "POR PACT GOLD")


def select_care_team(systems: tuple[str, ...], blocked: str, heading: str = "h2") -> str:
    radios = "".join(
        f'<input type="radio" name="s" id="s{i}"{" checked" if i == 0 else ""}>'
        f'<label for="s{i}">{name}</label>'
        for i, name in enumerate(systems)
    )
    return (
        '<main><div class="sm"><h1>Select care team</h1>'
        f"<{heading}>You can't send messages to {blocked}</{heading}>"
        f"<fieldset><legend>Select a VA health care system</legend>{radios}</fieldset>"
        "<p>Saved on December 7, 2026 at 4:54 p.m. UTC.</p>"
        '<label for="c">Select a care team</label><input id="c" role="combobox" value="typed">'
        f'<a href="{START_MESSAGE}">Continue to start message</a>'
        "</div></main>"
    )


PAGE_A = select_care_team(PATIENT_A[:2], PATIENT_A[3])
PAGE_B = select_care_team(PATIENT_B[:3], PATIENT_B[3])  # another patient: three care systems


def template_of(page: Page, html: str, patient: tuple[str, ...]) -> str:
    page.set_content(html)
    return aria.emit(aria.generalise(aria.parse(page.locator(".sm").aria_snapshot()), patient))


def test_the_template_generalises_names_dates_states_and_values(page: Page) -> None:
    template = template_of(page, PAGE_A, PATIENT_A)
    assert 'heading "Select care team" [level=1]' in template
    assert "heading /You can't send messages to .+/ [level=2]" in template
    assert template.count("radio /.+/") == 1 and "[checked]" not in template  # one stands for all
    assert r"/Saved on [A-Za-z.]+(?: [A-Z]+)? \d+, \d+ at \d+:\d+ [A-Za-z.]+(?: [A-Z]+)?\./" in template
    assert "typed" not in template  # what was typed is not the contract
    assert f"/url: {START_MESSAGE}" in template


def test_another_patients_page_matches_the_template(page: Page) -> None:
    template = template_of(page, PAGE_A, PATIENT_A)
    page.set_content(PAGE_B)
    expect(page.locator(".sm")).to_match_aria_snapshot(template, timeout=1000)


def test_a_heading_that_lost_its_level_does_not_match(page: Page) -> None:
    template = template_of(page, PAGE_A, PATIENT_A)
    page.set_content(select_care_team(PATIENT_A[:2], PATIENT_A[3], heading="p"))
    with pytest.raises(AssertionError, match="level=2"):
        expect(page.locator(".sm")).to_match_aria_snapshot(template, timeout=500)


def test_a_dropped_landmark_does_not_match(page: Page) -> None:
    page.set_content(PAGE_A)
    template = aria.emit(aria.generalise(aria.parse(page.locator("body").aria_snapshot()), PATIENT_A))
    assert template.startswith("- main:")
    page.set_content(PAGE_A.replace("<main>", "<div>").replace("</main>", "</div>"))
    with pytest.raises(AssertionError):
        expect(page.locator("body")).to_match_aria_snapshot(template, timeout=500)


def test_parse_and_emit_keep_playwrights_yaml() -> None:
    text = (
        '- link "Back":\n  - /url: /inbox/\n- heading "We can\'t save" [level=2]\n- paragraph: To\n'
        '- \'link "TTY: 711"\':\n  - /url: tel:711\n- textbox "Subject": typed\n- status\n'
    )
    nodes = aria.parse(text)
    assert [n.head for n in nodes] == [
        'link "Back"', "heading \"We can't save\" [level=2]", "paragraph", 'link "TTY: 711"',
        'textbox "Subject"', "status",
    ]  # fmt: skip
    assert nodes[0].props == {"/url": "/inbox/"} and nodes[2].value == "To"
    assert aria.parse(aria.emit(nodes)) == nodes


def test_merge_keeps_what_both_visits_share_in_order() -> None:
    a = aria.parse('- heading "Select care team" [level=1]\n- heading /.+/ [level=2]\n- group "G":\n'
                   '  - radio /.+/\n- text: one\n- paragraph: x\n- link "Continue"\n')  # fmt: skip
    b = aria.parse('- heading "Select care team" [level=1]\n- combobox "G"\n- text: two\n- paragraph: y\n'
                   '- link "Continue"\n')  # fmt: skip
    merged = aria.emit(aria.merge(a, b))
    assert merged == ('- heading "Select care team" [level=1]\n- paragraph\n- link "Continue"\n'), (
        merged
    )  # differing texts share nothing; a paragraph whose text differs stays, without its text


def test_update_replaces_on_a_runs_first_visit_and_merges_after(tmp_path: Path) -> None:
    first = aria.parse('- heading "A" [level=1]\n- link "Only on the first"\n- button "Send"\n')
    second = aria.parse('- heading "A" [level=1]\n- button "Send"\n')
    aria.update("Start message", first, "run-1", tmp_path)
    aria.update("Start message", second, "run-1", tmp_path)  # the same run: what both share
    text = (tmp_path / "start-message.yml").read_text(encoding="utf-8")
    assert "# run: run-1" in text and "Only on the first" not in text
    aria.update("Start message", first, "run-2", tmp_path)  # a new run replaces
    assert "Only on the first" in (aria.stored("Start message", tmp_path) or "")
    aria.update("Start message", second, "run-3", tmp_path, mode="merge")  # another seed: merged in
    assert "Only on the first" not in (aria.stored("Start message", tmp_path) or "")


def test_the_check_matches_differs_or_finds_no_template(page: Page, tmp_path: Path) -> None:
    page.set_content(PAGE_A)
    fingerprint = "fp-a"
    missing = aria.check(page, "SCT", ".sm", PATIENT_A, fingerprint, None, "r", False, tmp_path)
    assert missing.result == "missing"
    updated = aria.check(page, "SCT", ".sm", PATIENT_A, fingerprint, "replace", "r", False, tmp_path)
    assert updated.result == "updated" and (tmp_path / "sct.yml").is_file()
    page.set_content(PAGE_B)
    assert aria.check(page, "SCT", ".sm", PATIENT_B, "fp-b", None, "r", False, tmp_path).result == "matched"
    page.set_content(select_care_team(PATIENT_B[:3], PATIENT_B[3], heading="p"))
    differs = aria.check(page, "SCT", ".sm", PATIENT_B, "fp-c", None, "r", False, tmp_path)
    assert differs.result == "differs" and differs.diff and "level=2" in differs.diff
    again = aria.check(page, "SCT", ".sm", PATIENT_B, "fp-c", None, "r", False, tmp_path)
    assert again.cached and again.result == "differs"  # the same document state is not matched twice


def test_staging_tells_a_match_from_a_difference_at_one_look(page: Page, tmp_path: Path) -> None:
    """Where a difference is only reported (staging), the check looks once, and still reads both right."""
    page.set_content(PAGE_A)
    aria.check(page, "SCT", ".sm", PATIENT_A, "fp-1", "replace", "r", False, tmp_path)
    page.set_content(PAGE_B)
    assert aria.check(page, "SCT", ".sm", PATIENT_B, "fp-2", None, "r", True, tmp_path).result == "matched"
    page.set_content(select_care_team(PATIENT_B[:3], PATIENT_B[3], heading="p"))
    differs = aria.check(page, "SCT", ".sm", PATIENT_B, "fp-3", None, "r", True, tmp_path)
    assert differs.result == "differs" and differs.diff and "level=2" in differs.diff


def test_staging_never_writes(page: Page, tmp_path: Path) -> None:
    page.set_content(PAGE_A)
    result = aria.check(page, "SCT", ".sm", PATIENT_A, "fp-s", "replace", "r", True, tmp_path)
    assert result.result == "missing" and not (tmp_path / "sct.yml").exists()


def test_patient_names_inside_app_copy_become_patterns() -> None:
    assert aria.generalise_text("Select a care team", PATIENT_A) is None
    assert aria.generalise_text("Call 911 (TTY: 711)", ()) == r"Call \d+ \(TTY: \d+\)"
    assert transcript.mask("Call 911", ()) == "Call #"
