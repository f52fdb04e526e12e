"""Writing, saving, deleting and sending a message on the start message page."""

from __future__ import annotations

from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from mocks.client import Session as MockSession
from pages import SecureMessagingApp, SelectCareTeamPage
from pages.start_message import (
    CATEGORY_CODES,
    MESSAGE_SENT,
    MISSING_FIELD_ERRORS,
    SUBJECT_MAX_LENGTH,
    ComposeForm,
    StartMessagePage,
)
from steps.api import app_calls, wait_for_app_call
from steps.care_teams import choose_on_select_page, system_name
from steps.state import ScenarioState, required

AUTOSAVE_IDLE_MS = 10_000


def compose_form(scenario_state: ScenarioState) -> ComposeForm:
    return scenario_state.on(ComposeForm)


def _subject(faker: Faker) -> str:
    return faker.sentence(nb_words=4).rstrip(".")[:50]


@when(parsers.parse("they write a {category} message"))
def write_message(scenario_state: ScenarioState, faker: Faker, category: str) -> None:
    form = compose_form(scenario_state)
    subject, body = _subject(faker), faker.paragraph(nb_sentences=3)
    form.choose_category(category)
    form.write(subject, body)
    scenario_state.category = CATEGORY_CODES[category]
    scenario_state.subject, scenario_state.body = subject, body


@when("they write a message")
def write_general(scenario_state: ScenarioState, faker: Faker) -> None:
    write_message(scenario_state, faker, "General")


@when("they type a message")
def type_message(scenario_state: ScenarioState, faker: Faker) -> None:
    """Key by key, so an app that saves on every keystroke instead of after a pause shows it."""
    form = compose_form(scenario_state)
    subject, body = _subject(faker), faker.sentence(nb_words=10)
    form.choose_category("General")
    form.type_message(subject, body)
    scenario_state.category = CATEGORY_CODES["General"]
    scenario_state.subject, scenario_state.body = subject, body


@when("they type a different message")
def retype_message(scenario_state: ScenarioState, faker: Faker) -> None:
    body = faker.sentence(nb_words=10)
    compose_form(scenario_state).retype_body(body)
    scenario_state.body = body


@when("they type a subject longer than 50 characters")
def type_long_subject(scenario_state: ScenarioState, faker: Faker) -> None:
    words = ""
    while len(words) <= SUBJECT_MAX_LENGTH + 10:
        words = f"{words} {faker.word()}".strip()
    compose_form(scenario_state).subject().type(words)
    scenario_state.typed_subject = words


@then("the subject keeps its first 50 characters")
def subject_cut(scenario_state: ScenarioState) -> None:
    typed_subject = required(scenario_state.typed_subject, "long subject typed")
    expect(compose_form(scenario_state).subject().control()).to_have_value(typed_subject[:SUBJECT_MAX_LENGTH])


@when("they sign the message electronically")
def sign(scenario_state: ScenarioState, faker: Faker) -> None:
    full_name = faker.name()
    scenario_state.on(StartMessagePage).sign(full_name)
    scenario_state.signed_as = full_name


@when("they write only a subject")
def write_subject_only(scenario_state: ScenarioState, faker: Faker) -> None:
    subject = _subject(faker)
    compose_form(scenario_state).subject().fill(subject)
    scenario_state.subject = subject


@when("they stop typing for 10 seconds")
def idle_ten_seconds(page: Page) -> None:
    page.clock.run_for(AUTOSAVE_IDLE_MS)


@when("they send the message")
def send(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).send()


@when("they send the message again")
def send_again(scenario_state: ScenarioState) -> None:
    """The same Send button, on the form that came back after the failed send."""
    compose_form(scenario_state).send()


@when("they press Send twice")
def send_twice(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).send_twice()


@when("they save the draft")
def save_draft(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).save_draft()


@when("they ask to delete the draft")
def ask_delete(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).ask_to_delete_draft()


@then("they are asked to confirm deleting the draft")
def asked_confirm_delete(scenario_state: ScenarioState) -> None:
    expect(compose_form(scenario_state).delete_draft_dialog().dialog()).to_be_visible()


@when("they confirm")
def confirm_delete(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).confirm_delete_draft()


@when("they cancel deleting the draft")
def cancel_delete(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    form.cancel_delete_draft()
    expect(form.delete_draft_dialog().dialog()).to_be_hidden()


@when("they close the delete-draft dialog")
def close_delete_dialog(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    form.close_delete_draft_dialog()
    expect(form.delete_draft_dialog().dialog()).to_be_hidden()


@then("they are told files are not saved in a draft")
def told_files_not_saved(scenario_state: ScenarioState) -> None:
    warning = compose_form(scenario_state).save_draft_warning()
    expect(warning.dialog()).to_be_visible()
    expect(warning.host).to_have_attribute("modal-title", "We can't save attachments in a draft message")


@when("they choose to go on editing the draft")
def keep_editing_draft(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    form.keep_editing_draft()
    expect(form.save_draft_warning().dialog()).to_be_hidden()


@when("they choose to save the draft without attachments")
def save_without_attachments(scenario_state: ScenarioState) -> None:
    compose_form(scenario_state).save_draft_without_attachments()


@when(parsers.parse("they go back to start message with a {kind} care team"))
def back_to_start_with(app: SecureMessagingApp, scenario_state: ScenarioState, kind: str) -> None:
    team = scenario_state.team_of_kind(kind)
    select = scenario_state.on(SelectCareTeamPage)
    choose_on_select_page(scenario_state, select, team)
    scenario_state.current = select.continue_()


@then("the message is addressed to the care system and care team they chose")
def addressed_to(scenario_state: ScenarioState) -> None:
    current = scenario_state.on(StartMessagePage)
    team = scenario_state.team
    # Chosen on recent care teams, the title names the team's care system as the recent page does;
    # chosen on select care team, the care system the patient picked there.
    from_recent = scenario_state.chosen_on == "recent"
    system = team.care_system if from_recent else system_name(scenario_state, team)
    expect(current.recipient_title()).to_have_text(f"{system} - {team.display_name}")


@then(parsers.parse('they see "{text}"'))
def sees_text(scenario_state: ScenarioState, text: str) -> None:
    expect(scenario_state.current.alert_text().filter(has_text=text).first).to_be_visible()


@then("they see that the message was sent")
def sees_sent(scenario_state: ScenarioState) -> None:
    expect(compose_form(scenario_state).sent_confirmation()).to_have_text(MESSAGE_SENT)


@then(parsers.parse('they see the error "{text}"'))
def sees_error(scenario_state: ScenarioState, text: str) -> None:
    expect(compose_form(scenario_state).alerts().filter(has_text=text).first).to_be_visible()
    scenario_state.error_seen = text


@then("the error is announced to screen readers")
def error_announced(scenario_state: ScenarioState) -> None:
    text = required(scenario_state.error_seen, "error seen")
    assert compose_form(scenario_state).message_is_announced(text), (
        f'"{text}" is shown but not in a live region (role alert/status or aria-live): '
        "a screen reader user is not told"
    )


@then("what they typed is kept")
def typed_kept(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    expect(form.subject().control()).to_have_value(required(scenario_state.subject, "subject written"))
    expect(form.body().control()).to_have_value(required(scenario_state.body, "message written"))


@then("the message they typed is kept")
def body_kept(scenario_state: ScenarioState) -> None:
    written = required(scenario_state.body, "message written")
    expect(compose_form(scenario_state).body().control()).to_have_value(written)


@then("they are told the draft was saved")
def told_saved(scenario_state: ScenarioState) -> None:
    expect(compose_form(scenario_state).draft_saved_notice()).to_contain_text("saved")


@then("screen readers are told the draft was saved")
def told_saved_by_screen_reader(scenario_state: ScenarioState) -> None:
    form = compose_form(scenario_state)
    expect(form.draft_saved_notice()).to_contain_text("saved")
    assert form.draft_status_is_announced(), (
        "the draft status is shown but not in a live region (role status/alert or aria-live): "
        "a screen reader user is not told the draft was saved"
    )


@then("they are told to fill in what is missing")
def told_to_fill(scenario_state: ScenarioState) -> None:
    """Category and subject start empty; the message starts with the patient's signature when they have
    one on file (sm-api.md §1.5), and then it is not missing."""
    prefill = scenario_state.patient.signature.body_prefill
    form = compose_form(scenario_state)
    for field in MISSING_FIELD_ERRORS:
        if field == "message" and prefill:
            expect(form.body().control()).to_have_value(prefill)
            expect(form.missing_field_error(field)).to_have_count(0)
        else:
            expect(form.missing_field_error(field).first).to_be_visible()


@then("they are asked for an electronic signature")
def asked_signature(scenario_state: ScenarioState) -> None:
    expect(scenario_state.on(StartMessagePage).signature_heading()).to_be_visible()


@then("the first send was refused and the second sent the same message, once")
def refused_then_sent(mock_session: MockSession, scenario_state: ScenarioState) -> None:
    """From what the app sent and was answered: one refused send, then one that succeeded with the same
    message; the care team's Sent folder holds it once."""
    wait_for_app_call(scenario_state, "send")
    sends = app_calls(scenario_state, "send")
    assert [e.ok for e in sends] == [False, True], f"sends answered {[e.status for e in sends]}"
    first, second = (e.request_json for e in sends)
    assert first == second, f"the second send differs from the first: {first} then {second}"
    sent = [m for m in mock_session.patient()["sentMessages"] if m["subject"] == scenario_state.subject]
    assert len(sent) == 1, f"the message is in Sent {len(sent)} times"
