"""Catalogue of seeded defects the stand-in can switch on, for the harness's self-test.

Each entry is a realistic regression of the real flow. With no defect on, the stand-in behaves exactly
as the reference describes. The control plane validates names against this catalogue; the stand-in
implements each one in `mocks/web/app/defects.js`; `make selftest` proves every one is caught.
"""

DEFECTS: dict[str, str] = {
    "recent_shows_five": "The recent care teams page offers 5 teams instead of at most 4.",
    "blocked_teams_offered": "Blocked care teams are offered in the care-team combo box.",
    "contact_link_for_oh_only": "'Update your contact list' is shown to Oracle-Health-only patients.",
    "radio_for_many_systems": "A radio group is used for 6 or more care systems instead of a select.",
    "system_switch_keeps_team": "Switching care system keeps the previously chosen care team.",
    "oh_send_without_flag": "Sending to an Oracle Health team omits ?is_oh_triage_group=true.",
    "send_without_draft_id": "Sending a saved draft omits draft_id, leaving the draft behind.",
    "wrong_rum_action_name": "The care system radio carries a wrong data-dd-action-name.",
    "combo_box_unlabelled": "The care-team combo box has no label.",
    "no_h1_focus": "Focus is not moved to the h1 when a flow page loads.",
    "missing_select_team_error": "Continuing on recent care teams with nothing chosen shows no error.",
    "curated_toggle_ignored": "The new flow is shown even when the curated list toggle is off.",
    "autosave_never_fires": "The 10-second idle autosave never saves a draft.",
    "wrong_back_target": "Back on start message goes to the inbox instead of select care team.",
    "wrong_success_text": "The send confirmation says 'Your message was sent' instead of 'Message sent'.",
    "different_team_loses_body": "'Select a different care team' loses the message body typed so far.",
    "send_error_clears_form": "A failed send clears the subject and message the patient typed.",
    # RUM as Datadog counts it (issue 10)
    "rum_action_renamed": "'Update your contact list' carries a data-dd-action-name the dashboard misses.",
    "rum_click_double_counted": "'Can't find your care team' also adds a custom action: two per click.",
    "rum_action_unnamed": "'Select a different care team' loses its action name inside a masked block.",
    "rum_sample_rate_lowered": "RUM is initialised with sessionSampleRate 50 instead of 100.",
    # Issue 11: states of blocked, migrating and Oracle Health patients, attachments, folders.
    "blocked_alert_curly_apostrophe": "Blocked care team alerts use a curly apostrophe (can’t) for can't.",
    "cannot_message_redirects_to_inbox": "Start message sends patients who cannot message to the inbox.",
    "migration_alert_after_window": "The Oracle Health migration error alert stays after the migration (p6).",
    "ipe_shown_past_limit": "The Oracle Health care-team hint is shown a fourth time.",
    "delete_draft_button_no_id": "The Delete draft button lacks its id (#delete-draft-button).",
    "large_attachments_ignored": "Attachment limits stay at 6 MB with the large-attachments toggle on.",
    "folder_entry_back_to_inbox": "Back from the interstitial entered from More folders goes to the inbox.",
}
