// The one place where seeded defects (mocks/defects.py) switch behaviour. With none on, the
// stand-in follows the reference exactly. The list comes from /sm-web/config.js, per mock session.
const config = window.SM_STANDIN_CONFIG || { defects: [], rumProxy: null };
const active = new Set(config.defects || []);

export const defect = (name) => active.has(name);

// Each switch names the defect it implements, so `grep defects.` finds every seam.
export const defects = {
  maxRecent: () => (defect('recent_shows_five') ? 5 : 4),
  offerBlockedTeams: () => defect('blocked_teams_offered'),
  contactLinkForOhOnly: () => defect('contact_link_for_oh_only'),
  radioForManySystems: () => defect('radio_for_many_systems'),
  systemSwitchKeepsTeam: () => defect('system_switch_keeps_team'),
  ohSendWithoutFlag: () => defect('oh_send_without_flag'),
  sendWithoutDraftId: () => defect('send_without_draft_id'),
  careSystemRadioActionName: () =>
    defect('wrong_rum_action_name') ? 'Care System Radio' : 'Care System Radio button',
  comboBoxUnlabelled: () => defect('combo_box_unlabelled'),
  skipH1Focus: () => defect('no_h1_focus'),
  missingSelectTeamError: () => defect('missing_select_team_error'),
  curatedToggleIgnored: () => defect('curated_toggle_ignored'),
  autosaveNeverFires: () => defect('autosave_never_fires'),
  startMessageBackTarget: () => (defect('wrong_back_target') ? '/inbox/' : '/new-message/select-care-team/'),
  sendSuccessText: () => (defect('wrong_success_text') ? 'Your message was sent' : 'Message sent'),
  differentTeamLosesBody: () => defect('different_team_loses_body'),
  sendErrorClearsForm: () => defect('send_error_clears_form'),
  // RUM as Datadog counts it (issue 10)
  contactListActionName: () => (defect('rum_action_renamed') ? 'Update contact list' : null),
  helpLinkCountedTwice: () => defect('rum_click_double_counted'),
  differentTeamLinkUnnamed: () => defect('rum_action_unnamed'),
  rumSessionSampleRate: () => (defect('rum_sample_rate_lowered') ? 50 : 100),
  // Issue 11: states of blocked, migrating and Oracle Health patients, attachments, folders.
  blockedAlertCurlyApostrophe: () => defect('blocked_alert_curly_apostrophe'),
  cannotMessageRedirectsToInbox: () => defect('cannot_message_redirects_to_inbox'),
  migrationErrorAfterWindow: () => defect('migration_alert_after_window'),
  ipeShownPastLimit: () => defect('ipe_shown_past_limit'),
  deleteDraftButtonId: () => (defect('delete_draft_button_no_id') ? null : 'delete-draft-button'),
  largeAttachmentsIgnored: () => defect('large_attachments_ignored'),
  folderEntryBackToInbox: () => defect('folder_entry_back_to_inbox'),
  // Issue 14 (branch issue-14a): draft saves counted, the signature reaching the API, announcements.
  autosavePerKeystroke: () => defect('autosave_per_keystroke'),
  signatureNotSent: () => defect('signature_not_sent'),
  sendErrorNotAnnounced: () => defect('send_error_not_announced'),
  draftStatusNotAnnounced: () => defect('draft_status_not_announced'),
  draftErrorNotAnnounced: () => defect('draft_error_not_announced'),
  subjectMaxlengthDropped: () => defect('subject_maxlength_dropped'),
  signatureSavedInDraft: () => defect('signature_saved_in_draft'),
  // Issue 14 (branch issue-14b): the care system chooser, RUM counts, the interstitial guard, paths.
  blockedSystemOffered: () => defect('blocked_system_offered'),
  radioForSixSystems: () => defect('radio_for_six_systems'),
  radioSwitchCountedTwice: () => defect('rum_radio_switch_double_counted'),
  recentSkipsInterstitial: () => defect('recent_skips_interstitial'),
  slashlessPathNotFound: () => defect('slashless_path_not_found'),
  radioSystemsSorted: () => defect('radio_systems_sorted'),
  // issue-14c: recent care teams after a send and at their boundaries; coverage of HELP-1, ROLLBACK-1,
  // ROLLOUT-1 (mock side, mocks/api/flipper.py), STAGING-1, LEGACY-1, CONTACT-1, REFLOW-1.
  recentStaleAfterSend: () => defect('recent_stale_after_send'),
  recentDuplicates: () => defect('recent_duplicates'),
  recentWindowDays: () => (defect('recent_window_180_days') ? 180 : null),
  recentSortedByName: () => defect('recent_sorted_by_name'),
  helpReasonDropped: () => defect('help_reason_dropped'),
  curatedFlowStickyInTab: () => defect('curated_flow_sticky_in_tab'),
  recentToggleStale: () => defect('recent_toggle_stale'),
  legacyOffersBlocked: () => defect('legacy_offers_blocked'),
  contactListShowsOh: () => defect('contact_list_shows_oh'),
  helpFixedWidth: () => defect('help_fixed_width'),
  // Issue 20, area A (crisis line, entry and back, care team help, folders and inbox, after a send).
  crisisLineRumNameShared: () => defect('crisis_line_rum_name_shared'),
  directStartBackToEntry: () => defect('direct_start_back_to_entry'),
  sendAlertStealsFocus: () => defect('send_alert_steals_focus'),
  sendAlertLiveRegionEmpty: () => defect('send_alert_live_region_empty'),
  // Issue 20, area B (drafts and their modals, send errors with attachments, signature, attachments).
  deleteDraftCloseMisnamed: () => defect('delete_draft_close_misnamed'),
  cantSaveButtonsUnnamed: () => defect('cant_save_buttons_unnamed'),
  scanFailureAsGlobalAlert: () => defect('scan_failure_global_alert'),
  sendingTextIgnoresLarge: () => defect('sending_text_ignores_large'),
  // Issue 20, area C (blocked teams on recent care teams and legacy compose, select care team order and
  // errors, migration texts, hint button).
  recentBlockedAlertMissing: () => defect('recent_blocked_alert_missing'),
  legacyBlockedAlertMissing: () => defect('legacy_blocked_alert_missing'),
  comboSortedByShownName: () => defect('combo_sorted_by_shown_name'),
  careTeamErrorFocusLost: () => defect('care_team_error_focus_lost'),
  // Issue 22: what a screen-reader user hears and a zoomed-in user sees.
  sendErrorSilent: () => defect('send_error_silent'),
  focusLeftOnSend: () => defect('focus_left_on_send'),
  recipientClippedAt400: () => defect('recipient_clipped_at_400'),
  toLabelHiddenBySpacing: () => defect('to_label_hidden_by_spacing'),
  // Issue 24, area F (compose)
  totalIgnoresNewFile: () => defect('attachment_total_ignores_new_file'),
  sendDeadAfterError: () => defect('send_dead_after_error'),
  // Issue 24, area H (folders and DD collection)
  moreFoldersDropSystemFolders: () => defect('more_folders_drop_system_folders'),
  // Issue 24, area E (care teams)
  removedCountedAsBlocked: () => defect('removed_teams_counted_as_blocked'),
  groupedComboIgnoresCareSystem: () => defect('grouped_combo_ignores_care_system'),
  // Issue 24, area G (tracked elements and modals)
  deleteDraftRumName: () => (defect('delete_draft_rum_name_case') ? 'Delete draft button' : 'Delete Draft Button'),
  leaveWarningEscapeIgnored: () => defect('leave_warning_escape_ignored'),
  // Issue 22, colour and second engine
  subjectErrorByColourAlone: () => defect('subject_error_by_colour_alone'),
  // Issue 22, transcripts and aria snapshots
  urgentOptionsHeadingLost: () => defect('urgent_options_heading_lost'),
};
