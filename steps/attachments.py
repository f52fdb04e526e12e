"""Attachments on start message (mocks/web/FIDELITY.md "Attachments").

Which limits apply is computed from what the app received: the large-attachments toggle, or the
Oracle Health pilot toggle with an Oracle Health care team (FileInput.jsx), never from what the mock was
told.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from contract import CERNER_PILOT, LARGE_ATTACHMENTS
from harness.oracle import premises
from pages import StartMessagePage
from pages.start_message import (
    ATTACHMENT_SCAN_FAIL,
    MULTIPLE_ATTACHMENTS_SCAN_FAIL,
    SENDING,
    SENDING_LARGE,
)
from steps.state import ScenarioState, required, wait_until

MB = 1024 * 1024  # the app's limits are in MiB (6 * 1024 * 1024, ...)
# util/constants.js TOTAL_MAX_FILE_SIZE_EXCEEDED(_LARGE), FIDELITY.md A4
TOTAL_TOO_LARGE = "Your files are too large. The total size of all files must be smaller than"


@dataclass(frozen=True)
class Limits:
    """The attachment limits that apply to a patient, and how the app words them."""

    count: int
    file: int  # bytes
    total: int  # bytes
    file_text: str
    total_text: str
    too_large: str
    too_large_total: str


STANDARD = Limits(
    4, 6 * MB, 10 * MB, "6 MB", "10 MB",
    "Your file is too large. Try attaching a file smaller than 6MB.", f"{TOTAL_TOO_LARGE} 10MB.",
)  # fmt: skip
LARGE_LIMITS = Limits(
    10, 25 * MB, 25 * MB, "25 MB", "25 MB",
    "Your file is too large. Try attaching a file smaller than 25MB.", f"{TOTAL_TOO_LARGE} 25MB.",
)  # fmt: skip
STANDARD_TYPES = (
    "doc",
    "docx",
    "gif",
    "jpg",
    "jpeg",
    "pdf",
    "png",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "jfif",
    "pjpeg",
    "pjp",
)


def _limits(scenario_state: ScenarioState) -> Limits:
    scenario_state.traffic.settle(scenario_state.page, "feature_toggles")
    patient = scenario_state.traffic.patient()
    large = patient.toggle(LARGE_ATTACHMENTS) or (
        patient.toggle(CERNER_PILOT) and scenario_state.team.oracle_health
    )
    return LARGE_LIMITS if large else STANDARD


def expected_hint(limits: Limits) -> str:
    types = (
        "common document and image formats"
        if limits is LARGE_LIMITS
        else ", ".join(t.upper() for t in STANDARD_TYPES)
    )
    return (
        f"You can upload up to {limits.count} files. Accepted file types: {types}. "
        f"Maximum file size: {limits.file_text}. Maximum total size: {limits.total_text}."
    )


@given(parsers.re(premises.LARGE_ATTACHMENTS_STEP.pattern))
def large_on(request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    if scenario_state.staging:
        scenario_state.expect(premises.toggle_premise(LARGE_ATTACHMENTS, True))
    else:
        request.getfixturevalue("mock_session").set_toggle(LARGE_ATTACHMENTS, "on")


@then("the attachment field states the limits that apply to them")
def states_limits(scenario_state: ScenarioState) -> None:
    field = scenario_state.on(StartMessagePage).attachments()
    assert field.label() == "Attachments", field.label()
    assert field.hint() == expected_hint(_limits(scenario_state)), field.hint()


@when("they attach a file just over the size limit")
def attach_too_large(scenario_state: ScenarioState) -> None:
    size = _limits(scenario_state).file + 1
    scenario_state.on(StartMessagePage).attach("lab-results.txt", b"x" * size)


@when(parsers.parse("they attach a {megabytes:d} MB file"))
def attach_megabytes(scenario_state: ScenarioState, megabytes: int) -> None:
    name = f"scan-{megabytes}mb.pdf"
    scenario_state.on(StartMessagePage).attach(name, b"%PDF" + b"x" * (megabytes * MB - 4))
    scenario_state.attached.append((name, megabytes * MB))


def _attach_pdf(scenario_state: ScenarioState, name: str, size: int) -> None:
    scenario_state.on(StartMessagePage).attach(name, b"%PDF" + b"x" * (size - 4))


def _room_left(scenario_state: ScenarioState) -> int:
    """What is left of the total size limit after the files attached so far (their sizes as attached)."""
    return _limits(scenario_state).total - sum(size for _, size in scenario_state.attached)


@when(
    parsers.parse(
        "they attach {count:d} files within the size limit that leave {megabytes:d} MB of the "
        "total size limit"
    )
)
def attach_up_to_room(scenario_state: ScenarioState, count: int, megabytes: int) -> None:
    """Each file within the per-file limit, so only their total can be refused later."""
    limits = _limits(scenario_state)
    together = limits.total - megabytes * MB
    share = together // count
    sizes = [share] * (count - 1) + [together - share * (count - 1)]
    assert max(sizes) <= limits.file, f"{count} files of {sizes} pass the size limit"
    for index, size in enumerate(sizes, start=1):
        name = f"lab-results-{index}.pdf"
        _attach_pdf(scenario_state, name, size)
        scenario_state.attached.append((name, size))


@when(
    parsers.parse("they attach a file {delta:d} byte {direction} than what is left of the total size limit")
)
def attach_around_room(scenario_state: ScenarioState, delta: int, direction: str) -> None:
    """Larger: the total would pass the limit by `delta` bytes (kept as `refused`); smaller: it comes to
    `delta` bytes under the limit (joins `attached`)."""
    assert direction in ("larger", "smaller"), direction
    size = _room_left(scenario_state) + (delta if direction == "larger" else -delta)
    name = f"visit-summary-{direction}.pdf"
    _attach_pdf(scenario_state, name, size)
    if direction == "larger":
        scenario_state.refused = (name, size)
    else:
        scenario_state.attached.append((name, size))


@then("the files are attached without an error")
def files_attached_ok(scenario_state: ScenarioState) -> None:
    page = scenario_state.on(StartMessagePage)
    expect(page.attachment_error()).to_have_count(0)
    for name, _ in scenario_state.attached:
        expect(page.attachments().showing(name)).to_have_count(1)


@then("they are told the files together are too large for the limit that applies to them")
def told_total_too_large(scenario_state: ScenarioState) -> None:
    error = scenario_state.on(StartMessagePage).attachment_error()
    expect(error).to_have_text(_limits(scenario_state).too_large_total)
    expect(error).to_have_attribute("role", "alert")


@then("the file that crosses the total size limit is not attached")
def crossing_file_refused(scenario_state: ScenarioState) -> None:
    name, _ = required(scenario_state.refused, "file refused")
    expect(scenario_state.on(StartMessagePage).attachments().showing(name)).to_have_count(0)


@when("they attach a small text file")
def attach_small(scenario_state: ScenarioState) -> None:
    content = b"Blood pressure log: 120/80, 118/79, 121/82.\n"
    scenario_state.on(StartMessagePage).attach("bp-log.txt", content)
    scenario_state.attached.append(("bp-log.txt", len(content)))


@then("they are told the file is too large for the limit that applies to them")
def told_too_large(scenario_state: ScenarioState) -> None:
    error = scenario_state.on(StartMessagePage).attachment_error()
    expect(error).to_have_text(_limits(scenario_state).too_large)
    expect(error).to_have_attribute("role", "alert")


@then("the file is attached without an error")
def attached_ok(scenario_state: ScenarioState) -> None:
    page = scenario_state.on(StartMessagePage)
    expect(page.attachment_error()).to_have_count(0)
    name, _ = scenario_state.attached[-1]
    expect(page.attachments().showing(name)).to_have_count(1)


@then("the message reached the care team they chose with the file attached")
def reached_with_file(page: Page, request: pytest.FixtureRequest, scenario_state: ScenarioState) -> None:
    mock_session = request.getfixturevalue("mock_session")
    subject = required(scenario_state.subject, "subject written")
    sent = wait_until(
        page,
        lambda: next((m for m in mock_session.patient()["sentMessages"] if m["subject"] == subject), None),
        f"the message {subject!r} in Sent",
    )
    assert sent["recipientId"] == scenario_state.team.id, sent
    attached = [(a["name"], a["size"]) for a in sent["attachments"]]
    assert attached == scenario_state.attached, f"sent attachments {attached}"


@given("the file scanner rejects the attachments they send")
def scanner_rejects(request: pytest.FixtureRequest) -> None:
    """vets-api answers the send with SM172 (attachment scan failed)."""
    request.getfixturevalue("mock_session").add_fault("send", code="SM172")


@then("they are told on the file that the file scanner found a problem with it")
def told_scan_failed(scenario_state: ScenarioState) -> None:
    """FileInput puts the scanner's verdict on every attached file; the send action files the alert under
    HIDE_ALERT, so no page alert repeats it."""
    page = scenario_state.on(StartMessagePage)
    files = scenario_state.attached
    message = MULTIPLE_ATTACHMENTS_SCAN_FAIL if len(files) > 1 else ATTACHMENT_SCAN_FAIL
    errors = page.attachment_file_errors()
    expect(errors).to_have_count(len(files))
    for index in range(len(files)):
        expect(errors.nth(index)).to_have_text(message)
    expect(page.alerts().filter(has_text="file scanner")).to_have_count(0)


@then("the file they attached is still there")
def file_still_attached(scenario_state: ScenarioState) -> None:
    page = scenario_state.on(StartMessagePage)
    for name, _ in scenario_state.attached:
        expect(page.attachments().showing(name)).to_have_count(1)


@then("while it sends they are told not to refresh the page")
def told_not_to_refresh(scenario_state: ScenarioState) -> None:
    """ComposeForm's text depends on its useLargeAttachments: the large-attachments toggle, or the pilot
    toggle whatever the team, read from what the app received."""
    shown = scenario_state.on(StartMessagePage).sending_indicator_texts()
    scenario_state.traffic.settle(scenario_state.page, "feature_toggles")
    patient = scenario_state.traffic.patient()
    large = patient.toggle(LARGE_ATTACHMENTS) or patient.toggle(CERNER_PILOT)
    expected = SENDING_LARGE if large else SENDING
    assert shown == [expected], f"while sending, the page said {shown!r}, not {expected!r}"
