"""Issue 24, area F (compose): the total size check counts the file being added, a failed send leaves a
working Send button, and a fault can answer one request only (mocks/web/FIDELITY.md, rows I24F*)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.standin.conftest import StandinOpener
from tests.standin.test_standin_issue11_states import attach, to_start_message
from tests.standin.test_standin_round2_b import write

MB = 1024 * 1024
TOTAL_ERROR = "Your files are too large. The total size of all files must be smaller than 10MB."


def attached(page: Page, name: str) -> None:
    expect(page.get_by_test_id("attach-file-input").filter(has_text=name)).to_have_count(1)


def refused(page: Page, name: str, message: str) -> None:
    expect(page.get_by_test_id("file-input-error-message")).to_have_text(message)
    expect(page.get_by_test_id("attach-file-input").filter(has_text=name)).to_have_count(0)


def test_total_counts_the_file_being_added(open_standin: StandinOpener) -> None:
    """FileInput refuses when the files attached plus the new one pass the total (`>`): exactly the total
    is accepted, one byte over is refused, though every file is within the 6 MB per-file limit."""
    page = to_start_message(open_standin("vista_only", recent_teams=1))
    attach(page, "one.txt", 5 * MB)
    attached(page, "one.txt")
    attach(page, "two.txt", 5 * MB + 1)
    refused(page, "two.txt", TOTAL_ERROR)
    attach(page, "three.txt", 5 * MB)
    attached(page, "three.txt")
    expect(page.get_by_test_id("file-input-error-message")).to_have_count(0)
    attach(page, "four.txt", 1)
    refused(page, "four.txt", TOTAL_ERROR)
    attached(page, "one.txt")


def test_total_ignoring_the_new_file_lets_the_files_pass_the_total(open_standin: StandinOpener) -> None:
    """The seeded defect: only the files already attached are added up."""
    page = to_start_message(
        open_standin("vista_only", recent_teams=1, defects=("attachment_total_ignores_new_file",))
    )
    for name in ("one.txt", "two.txt", "three.txt"):
        attach(page, name, 5 * MB)
        attached(page, name)


@pytest.mark.parametrize("defects", [(), ("send_dead_after_error",)])
def test_send_again_after_a_failed_send(open_standin: StandinOpener, defects: tuple[str, ...]) -> None:
    """ComposeForm's catch sets its send flag back: the form returns and Send sends again (seeded defect:
    it stays dead, no second request)."""
    opened = open_standin("vista_only", recent_teams=1, defects=defects)
    opened.session.add_fault("send", status=500, times=1)
    page = to_start_message(opened)
    write(page)
    page.get_by_test_id("send-button").click()
    expect(page.locator("va-alert[status=error]")).to_contain_text("Something went wrong on our end")
    expect(page.get_by_test_id("message-subject-field").locator("input")).to_have_value("Refill question")
    assert opened.session.faults() == []  # the fault answered one request and is gone
    page.get_by_test_id("send-button").click()
    if defects:  # nothing to wait for: the dead button sends nothing and the error stays
        expect(page.locator("va-alert[status=error]")).to_be_visible()
    else:
        expect(page.locator("va-alert[status=success]")).to_contain_text("Message sent")
    sends = [int(e["status"]) for e in opened.session.journal() if e.get("endpoint") == "send"]
    assert sends == ([500] if defects else [500, 200]), sends


@pytest.mark.parametrize("times", [0, -1, "once", 1.5, True])
def test_a_malformed_fault_count_is_refused(open_standin: StandinOpener, times: object) -> None:
    """`times` is a whole number of requests, at least 1; anything else is a VA-shaped 422."""
    session = open_standin("vista_only", recent_teams=1).session
    response = session.client.http.post(
        f"/_mock/sessions/{session.id}/faults", json={"endpoint": "send", "status": 500, "times": times}
    )
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert error["status"] == "422" and error["code"] == "MOCK_INVALID", error
    assert "times" in error["detail"], error
    assert session.faults() == []
