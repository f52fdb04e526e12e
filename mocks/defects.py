"""Catalogue of seeded defects the stand-in can switch on, for the harness's self-test.

Each entry is a realistic regression of the real flow. With no defect on, the stand-in behaves exactly
as the reference describes. The control plane validates names against this catalogue; the stand-in
implements each one in `mocks/web/app/defects.js`; `make selftest` proves every one is caught.

Each defect names the release-plan requirement it breaks (`requirements.toml`) and the scenario written to
catch it. `make selftest --first-catch` runs exactly that scenario with the defect on, so a catch is proof
that the scenario asserts the behaviour, not an accident of another scenario; a test checks that every
requirement has such a defect (the coverage rule).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Defect:
    summary: str
    req: str  # the requirement id it breaks
    caught_by: str  # the title of the scenario written to catch it (a scenario tagged @req:<req>)


DEFECTS: dict[str, Defect] = {
    "recent_shows_five": Defect(
        "The recent care teams page offers 5 teams instead of at most 4.",
        req="RECENT-1",
        caught_by="At most four recent care teams are offered",
    ),
    "blocked_teams_offered": Defect(
        "Blocked care teams are offered in the care-team combo box.",
        req="SELECT-1",
        caught_by="Only the chosen care system's allowed care teams are offered",
    ),
    "contact_link_for_oh_only": Defect(
        "'Update your contact list' is shown to Oracle-Health-only patients.",
        req="LINK-2",
        caught_by='"Update your contact list" is offered only to patients with VistA care teams',
    ),
    "radio_for_many_systems": Defect(
        "A radio group is used for 6 or more care systems instead of a select.",
        req="SELECT-1",
        caught_by="The care system chooser fits the number of care systems",
    ),
    "system_switch_keeps_team": Defect(
        "Switching care system keeps the previously chosen care team.",
        req="SELECT-1",
        caught_by="Switching care system clears the chosen care team",
    ),
    "oh_send_without_flag": Defect(
        "Sending to an Oracle Health team omits ?is_oh_triage_group=true.",
        req="SEND-1",
        caught_by="A message reaches the care team the patient chose",
    ),
    "send_without_draft_id": Defect(
        "Sending a saved draft omits draft_id, leaving the draft behind.",
        req="SEND-1",
        caught_by="Autosave after 10 idle seconds, update, then send the draft",
    ),
    "wrong_rum_action_name": Defect(
        "The care system radio carries a wrong data-dd-action-name.",
        req="LINK-1",
        caught_by="The care system radio buttons are named and tracked",
    ),
    "combo_box_unlabelled": Defect(
        "The care-team combo box has no label.",
        req="A11Y-1",
        caught_by="Only the chosen care system's allowed care teams are offered",
    ),
    "no_h1_focus": Defect(
        "Focus is not moved to the h1 when a flow page loads.",
        req="KEYBOARD-1",
        caught_by="From the inbox to a focused Send button, by keyboard, without sending",
    ),
    "missing_select_team_error": Defect(
        "Continuing on recent care teams with nothing chosen shows no error.",
        req="RECENT-1",
        caught_by="Continuing without a choice asks for a care team",
    ),
    "curated_toggle_ignored": Defect(
        "The new flow is shown even when the curated list toggle is off.",
        req="TOGGLE-1",
        caught_by="Where continuing leads, for every toggle state and kind of patient",
    ),
    "autosave_never_fires": Defect(
        "The 10-second idle autosave never saves a draft.",
        req="DRAFT-1",
        caught_by="Autosave after 10 idle seconds, update, then send the draft",
    ),
    "wrong_back_target": Defect(
        "Back on start message goes to the inbox instead of select care team.",
        req="COMPOSE-1",
        caught_by="Back on start message returns to select care team, keeping the care team",
    ),
    "wrong_success_text": Defect(
        "The send confirmation says 'Your message was sent' instead of 'Message sent'.",
        req="SEND-1",
        caught_by="A message reaches the care team the patient chose",
    ),
    "different_team_loses_body": Defect(
        "'Select a different care team' loses the message body typed so far.",
        req="LINK-4",
        caught_by='"Select a different care team" keeps the message, leads back and is tracked',
    ),
    "send_error_clears_form": Defect(
        "A failed send clears the subject and message the patient typed.",
        req="ERROR-1",
        caught_by="A failed send shows why and keeps the message",
    ),
    # RUM as Datadog counts it (issue 10)
    "rum_action_renamed": Defect(
        "'Update your contact list' carries a data-dd-action-name the dashboard misses.",
        req="LINK-2",
        caught_by='"Update your contact list" leads to the contact list and is tracked',
    ),
    "rum_click_double_counted": Defect(
        "'Can't find your care team' also adds a custom action: two per click.",
        req="LINK-3",
        caught_by='"Can\'t find your care team" leads to the care team help and is tracked',
    ),
    "rum_action_unnamed": Defect(
        "'Select a different care team' loses its action name inside a masked block.",
        req="RUM-1",
        caught_by='"Select a different care team" keeps the message, leads back and is tracked',
    ),
    "rum_sample_rate_lowered": Defect(
        "RUM is initialised with sessionSampleRate 50 instead of 100.",
        req="RUM-2",
        caught_by="DD collection is at 100% on every page of the new flow",
    ),
    # Issue 11: states of blocked, migrating and Oracle Health patients, attachments, folders.
    "blocked_alert_curly_apostrophe": Defect(
        "Blocked care team alerts use a curly apostrophe (can’t) for can't.",
        req="BLOCKED-1",
        caught_by=(
            "A patient with some blocked care teams is told which ones and can still write to the others"
        ),
    ),
    "cannot_message_redirects_to_inbox": Defect(
        "Start message sends patients who cannot message to the inbox.",
        req="BLOCKED-1",
        caught_by=(
            "Opening start message directly, a patient whose care teams are all blocked stays there "
            "and is told why"
        ),
    ),
    "migration_alert_after_window": Defect(
        "The Oracle Health migration error alert stays after the migration (p6).",
        req="MIGRATION-1",
        caught_by="The migration alert on select care team follows the move",
    ),
    "ipe_shown_past_limit": Defect(
        "The Oracle Health care-team hint is shown a fourth time.",
        req="IPE-1",
        caught_by="An Oracle Health patient who saw the hint three times does not see it a fourth time",
    ),
    "delete_draft_button_no_id": Defect(
        "The Delete draft button lacks its id (#delete-draft-button).",
        req="DRAFT-1",
        caught_by="Save a draft by hand, then delete it",
    ),
    "large_attachments_ignored": Defect(
        "Attachment limits stay at 6 MB with the large-attachments toggle on.",
        req="ATTACH-1",
        caught_by="With large attachments on, a 7 MB file is attached",
    ),
    "folder_entry_back_to_inbox": Defect(
        "Back from the interstitial entered from More folders goes to the inbox.",
        req="FOLDERS-1",
        caught_by="Starting a message from More folders, Back returns there",
    ),
    # Issue 14 (branch issue-14a): draft saves counted, the signature reaching the API, announcements.
    "autosave_per_keystroke": Defect(
        "Autosave saves on every keystroke, not once per 10 idle seconds: 'Drafts updated' is inflated.",
        req="METRIC-1",
        caught_by="Autosave after 10 idle seconds, update, then send the draft",
    ),
    "signature_not_sent": Defect(
        "The electronic signature is asked for and checked, but its block is left out of the message sent.",
        req="COMPOSE-1",
        caught_by="A signed message reaches the care team with the electronic signature",
    ),
    "send_error_not_announced": Defect(
        "A failed send's error alert loses role=alert: shown, but not announced to screen readers.",
        req="ERROR-1",
        caught_by="A failed send shows why and keeps the message",
    ),
    "draft_status_not_announced": Defect(
        "The draft status (Saving..., saved on ...) is shown outside any live region: a status region that "
        "is not live, so a screen reader hears nothing of the save (issue 22's announcement log catches it).",
        req="A11Y-1",
        caught_by="A saved draft is heard",
    ),
    "draft_error_not_announced": Defect(
        "A failed draft save's error alert is shown beside the status live region, not inside it.",
        req="ERROR-1",
        caught_by="A failed draft save says so and keeps the message",
    ),
    "subject_maxlength_dropped": Defect(
        "The subject field loses its 50-character limit.",
        req="COMPOSE-1",
        caught_by="The subject holds at most 50 characters",
    ),
    "signature_saved_in_draft": Defect(
        "The autosaved draft to a care team that needs a signature carries the electronic signature block.",
        req="DRAFT-1",
        caught_by="A draft to a care team that needs a signature is saved without the signature",
    ),
    # issue-14c: recent care teams after a send and at their boundaries; one defect per requirement that
    # had none (HELP-1, ROLLBACK-1, ROLLOUT-1, STAGING-1, LEGACY-1, CONTACT-1, REFLOW-1).
    "recent_stale_after_send": Defect(
        "After a send, the next new message in the visit offers the recent care teams from before it.",
        req="RECENT-1",
        caught_by="After a send, the care team just messaged is offered first",
    ),
    "recent_duplicates": Defect(
        "A care team messaged twice in the window is offered twice among the recent care teams.",
        req="RECENT-1",
        caught_by="After a send, the care team just messaged is offered first",
    ),
    "recent_window_180_days": Defect(
        "The sent search for recent care teams covers 180 days instead of 6 months.",
        req="RECENT-1",
        caught_by="Recent care teams come from the sent messages of the last 6 months",
    ),
    "recent_sorted_by_name": Defect(
        "Recent care teams are ordered by name instead of most recent first.",
        req="RECENT-1",
        caught_by="At most four recent care teams are offered",
    ),
    "help_reason_dropped": Defect(
        "Care team help drops the reason 'They’re part of a different VA health care system'.",
        req="HELP-1",
        caught_by="The help fits the patient's care systems",
    ),
    "curated_flow_sticky_in_tab": Defect(
        "The curated list flow toggle is kept for the browser tab, so a rollback needs a new tab.",
        req="ROLLBACK-1",
        caught_by="Switching the curated list flow off mid-journey keeps the saved draft",
    ),
    "flipper_bucket_without_feature": Defect(
        "The mock's Flipper percentage gate buckets by the actor alone, without the feature name.",
        req="ROLLOUT-1",
        caught_by="Rollout stage <stage> puts <percentage> of patients on the curated list flow",
    ),
    "recent_toggle_stale": Defect(
        "The stand-in reads a stale recent recipients toggle (off) instead of the live feature toggles.",
        req="STAGING-1",
        caught_by="The interstitial leads to the flow the live feature toggles give the signed-in patient",
    ),
    "legacy_offers_blocked": Defect(
        "The legacy form's 'To' list offers blocked care teams.",
        req="LEGACY-1",
        caught_by="The legacy form offers the patient's care teams",
    ),
    "contact_list_shows_oh": Defect(
        "The contact list shows Oracle Health care teams.",
        req="CONTACT-1",
        caught_by="The contact list shows VistA care teams and no Oracle Health ones",
    ),
    "help_fixed_width": Defect(
        "A fixed-width help line makes care team help scroll sideways at 320 px.",
        req="REFLOW-1",
        caught_by="Every page of the flow reflows at 320 pixels",
    ),
    # Issue 14 (branch issue-14b): the care system chooser, RUM counts, the interstitial guard, paths.
    "blocked_system_offered": Defect(
        "A care system whose care teams are all blocked is offered in the care system chooser.",
        req="SELECT-1",
        caught_by="A care system whose care teams are all blocked is not offered",
    ),
    "radio_for_six_systems": Defect(
        "Exactly 6 care systems get radio buttons instead of a dropdown (the boundary off by one).",
        req="SELECT-1",
        caught_by="The care system chooser fits the number of care systems",
    ),
    "rum_radio_switch_double_counted": Defect(
        "Switching care system records two RUM actions 'Care System Radio button' for one click.",
        req="RUM-1",
        caught_by="Each care system chosen is one RUM click",
    ),
    "recent_skips_interstitial": Defect(
        "Opening recent care teams directly skips the non-urgent-needs interstitial.",
        req="ERROR-1",
        caught_by="Flow pages opened directly show the interstitial first",
    ),
    "slashless_path_not_found": Defect(
        "Select care team without its trailing slash is 'Page not found'.",
        req="TOGGLE-1",
        caught_by="Flow pages open with or without the trailing slash",
    ),
    "radio_systems_sorted": Defect(
        "The care system radio buttons are sorted by name instead of the care-team list's order.",
        req="SELECT-1",
        caught_by="The care system chooser fits the number of care systems",
    ),
    # Issue 20, area A (crisis line, entry and back, care team help, folders and inbox, after a send).
    "crisis_line_rum_name_shared": Defect(
        "The emergency note's Veterans Crisis Line button drops its '- in alert' RUM name, so the dashboard "
        "cannot tell it from the interstitial's.",
        req="RUM-1",
        caught_by="The Veterans Crisis Line button is one RUM click, named for where it is",
    ),
    "direct_start_back_to_entry": Defect(
        "Start message opened directly shows the interstitial with a Back link to the inbox instead of "
        "select care team.",
        req="ERROR-1",
        caught_by="Start message opened directly shows the interstitial with Back to select care team",
    ),
    "send_alert_steals_focus": Defect(
        "After a send, the 'Message sent' alert takes keyboard focus from the folder's heading.",
        req="KEYBOARD-1",
        caught_by="After a send, focus is on the inbox heading and screen readers hear the message was sent",
    ),
    "send_alert_live_region_empty": Defect(
        "After a send, the alert's hidden live region stays empty, so screen readers are not told the "
        "message was sent.",
        req="A11Y-1",
        caught_by="After a send, focus is on the inbox heading and screen readers hear the message was sent",
    ),
    # Issue 20, area B (drafts and their modals, send errors with attachments, signature, attachments).
    "delete_draft_close_misnamed": Defect(
        "Closing the delete-draft dialog is recorded as 'Navigation Warning Modal Closed', not as"
        " 'Delete this draft? Modal Closed'.",
        req="RUM-1",
        caught_by="Each answer in the delete-draft dialog is counted on the dashboard",
    ),
    "cant_save_buttons_unnamed": Defect(
        "The buttons of the 'We can't save attachments in a draft message' dialog carry no RUM action name.",
        req="RUM-1",
        caught_by="Saving a draft with a file asks first, and each answer is counted on the dashboard",
    ),
    "scan_failure_global_alert": Defect(
        "A send the file scanner rejects (SM172) shows a page alert instead of flagging each attached file.",
        req="ATTACH-1",
        caught_by="A file the scanner rejects is flagged on the file, and the message is kept",
    ),
    "sending_text_ignores_large": Defect(
        "With large attachments on, sending shows 'Sending message...' without 'Do not refresh the page.'.",
        req="ATTACH-1",
        caught_by="With large attachments on, sending tells the patient not to refresh the page",
    ),
    # Issue 20, area C (blocked teams on recent care teams and legacy compose, select care team order and
    # errors, migration texts, hint button).
    "recent_blocked_alert_missing": Defect(
        "Recent care teams shows no alert when one care system's care teams are all blocked.",
        req="BLOCKED-1",
        caught_by="A patient with a whole care system blocked is told so on recent care teams",
    ),
    "legacy_blocked_alert_missing": Defect(
        "The legacy form (curated flow off) does not say which care teams are blocked.",
        req="BLOCKED-1",
        caught_by=(
            "In the legacy flow, a patient with blocked care teams is told which ones above the To list"
        ),
    ),
    "combo_sorted_by_shown_name": Defect(
        "The care-team combo box is sorted by the shown (plain-language) name instead of the team name.",
        req="SELECT-1",
        caught_by="Care teams are listed in the order of their names in the care-team list",
    ),
    "care_team_error_focus_lost": Defect(
        "Continuing without a care team leaves focus on Continue instead of the care-team field.",
        req="KEYBOARD-1",
        caught_by="Continuing without a care team moves focus to the care-team field",
    ),
    # Issue 22: what a screen-reader user hears and a zoomed-in user sees.
    "send_error_silent": Defect(
        "A failed send shows its error, but the alert has no role, takes no focus and its hidden line stays "
        "empty: a screen reader user is never told.",
        req="ERROR-1",
        caught_by="A failed send is heard",
    ),
    "focus_left_on_send": Defect(
        "After a send, the inbox heading does not take focus: focus is left on the Send button, which is "
        "gone.",
        req="KEYBOARD-1",
        caught_by='"Message sent" is heard, and focus moves on from the Send button',
    ),
    "recipient_clipped_at_400": Defect(
        "On start message, the care team's name is kept on one line that hides its overflow: at 400% zoom "
        "the end of it is cut off.",
        req="REFLOW-1",
        caught_by="Zoomed in to 200% and 400%, and with wider text spacing, every page of the flow keeps its "
        "content",
    ),
    "to_label_hidden_by_spacing": Defect(
        "The 'To' label sits in a box of fixed height: with WCAG text spacing its text is cut off.",
        req="REFLOW-1",
        caught_by="Zoomed in to 200% and 400%, and with wider text spacing, every page of the flow keeps its "
        "content",
    ),
    # Issue 24, area F (compose)
    "attachment_total_ignores_new_file": Defect(
        "The total size check adds up only the files already attached, not the one being added: files "
        "each within the per-file limit are attached past the total size limit.",
        req="ATTACH-1",
        caught_by="Files that together pass the total size limit are refused as the one that crosses it is "
        "added",
    ),
    "send_dead_after_error": Defect(
        "After a failed send the form comes back, but its Send button does nothing: the patient cannot "
        "send again.",
        req="ERROR-1",
        caught_by="After a failed send, the patient can send the message again",
    ),
    # Issue 24, area H (folders and DD collection)
    "more_folders_drop_system_folders": Defect(
        "More folders lists only the patient's own folders: Drafts and Trash (ids below zero) are gone, so a "
        "saved draft cannot be reached from there.",
        req="FOLDERS-1",
        caught_by="More folders lists every folder the patient has but Inbox and Sent, in the order received",
    ),
    # Issue 24, area E (care teams)
    "removed_teams_counted_as_blocked": Defect(
        "Care teams the patient removed from their contact list are counted as blocked: the alert on select "
        "care team says they cannot message 'some of your care teams' instead of naming the blocked one.",
        req="BLOCKED-1",
        caught_by="Care teams removed from the contact list are not named as blocked",
    ),
    "grouped_combo_ignores_care_system": Defect(
        "With the care-team grouping toggle on, the combo box offers every care system's care teams, not "
        "only the chosen care system's: a patient can pick a team elsewhere while the radio shows another.",
        req="SELECT-1",
        caught_by="With care teams grouped by care system, choosing a care system still narrows the care "
        "teams to it",
    ),
    # Issue 24, area G (tracked elements and modals)
    "delete_draft_rum_name_case": Defect(
        "The Delete draft button is tracked as 'Delete draft button' instead of 'Delete Draft Button': the "
        "dashboard's query on the real name counts zero.",
        req="RUM-1",
        caught_by="Every tracked control of the compose form keeps its RUM name",
    ),
    "leave_warning_escape_ignored": Defect(
        "Escape no longer closes the leave-page warning: a keyboard user is stuck in it.",
        req="KEYBOARD-1",
        caught_by="The leave-page warning closes with Escape, gives focus back and is counted",
    ),
    # Issue 22, colour and second engine
    "subject_error_by_colour_alone": Defect(
        "The subject field's error is kept for screen readers only (show-input-error off): a sighted "
        "patient sees the field turn red but no words saying the subject cannot be blank.",
        req="A11Y-1",
        caught_by="Without colour, the errors of a message sent with fields missing still say what is wrong",
    ),
    # Issue 22, transcripts and aria snapshots
    "urgent_options_heading_lost": Defect(
        "On the interstitial, 'If you need help sooner, use one of these urgent communications options:' "
        "is bold text instead of a level-2 heading: it looks the same, but a screen reader's heading "
        "list loses it.",
        req="A11Y-1",
        caught_by="The interstitial explains messages are for non-urgent needs",
    ),
}
