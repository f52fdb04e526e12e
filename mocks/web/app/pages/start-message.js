// The compose form: /new-message/start-message/ (curated), the legacy form at /new-message/ (curated
// toggle off) and /thread/:id/ for a saved draft. Category, subject, body, electronic signature,
// 10-second idle autosave (setTimeout, so Playwright's page.clock drives it), Save/Delete draft, Send.
import { api } from '../api.js';
import { alertBox, backLink, emergencyNote, loading, vaAlert, warningModal } from '../components.js';
import { h, focusFirstError, focusH1, routerLink, setTitle } from '../dom.js';
import { defects } from '../defects.js';
import { hasTyped, isComplete, saveDraft, snapshot } from '../drafts.js';
import { addAction, recordEvent } from '../rum.js';
import { clearDraft, entryFolder, flags, loadRecipients, resetRecents, store } from '../store.js';
import { attachmentsField } from './attachments.js';
import { blockedAlert, legacyBlockedAlert, PARENT } from './blocked-alert.js';
import { installLeaveGuard } from './leave-guard.js';
import { migratingInErrorPhase } from './migration-alerts.js';
import { recipientsOk } from './guards.js';
import { curatedInlineInterstitial } from './interstitial.js';

export const AUTOSAVE_MS = 10000; // draftAutoSaveTimeout
const SUBJECT_MAX_LENGTH = 50; // ComposeForm's va-text-input maxlength
const SIGNATURE_RULE = '-'.repeat(50); // the line between the message and the electronic signature

const CATEGORY_LABELS = {
  OTHER: ['General', 'Ask questions about non-urgent, non-emergency issues'],
  COVID: ['COVID', 'Ask COVID related questions'],
  APPOINTMENTS: ['Appointment', 'Request an appointment or ask about an existing appointment'],
  MEDICATIONS: ['Medication', 'Request to renew a prescription or ask a question about medication'],
  TEST_RESULTS: ['Test', 'Ask a question about a test/lab result or about a future test or procedure'],
  EDUCATION: ['Education', 'Request health education information'],
};

const ERRORS = {
  RECIPIENT: 'Please select a recipient.',
  CATEGORY: 'Please select a category.',
  SUBJECT: 'Subject cannot be blank.',
  BODY: 'Message body cannot be blank.',
  SIGNATURE: 'Enter your full name',
  CHECKBOX: 'You must certify by checking the box.',
  BLOCKED: 'You are blocked from sending messages to this recipient.',
  SCAN: 'Our file scanner found a problem with your attachment. To send your message, remove this attachment.',
  GENERIC: 'We’re sorry. Something went wrong on our end.',
  SAVE: 'Something went wrong... Failed to save message.',
};

const hostValue = (host) => host.shadowRoot?.querySelector('input, textarea')?.value ?? host.value ?? '';

function setError(host, message) {
  if (message) host.setAttribute('error', message);
  else host.removeAttribute('error');
}

function savedText(date) {
  const day = date.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric' });
  const time = date
    .toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })
    .replace('AM', 'a.m.')
    .replace('PM', 'p.m.');
  return `Your message was saved on ${day} at ${time}.`;
}

// YYYY-MM-DD in the browser's time zone (the real dateFormat formats in moment.tz.guess()).
function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function loadComposeData() {
  const [categories, signature] = await Promise.allSettled([
    store.categories ? store.categories : api.categories(),
    store.signature ? store.signature : api.signature(),
  ]);
  if (categories.status === 'fulfilled' && !store.categories) {
    store.categories = categories.value?.data?.attributes?.messageCategoryType || [];
  }
  if (signature.status === 'fulfilled' && !store.signature) store.signature = signature.value?.data || {};
  store.categories ||= Object.keys(CATEGORY_LABELS);
  store.signature ||= {};
  // Sent threads feed only the Datadog user properties, as in the real Compose.
  api.threads(-1, 100).then(
    (threads) => window.DD_RUM.addUserProperties({
      allowedSMRecipients: store.recipients?.allowed?.length ?? 0,
      countOfSentMessagesInTheLastSixMonths: threads?.data?.length ?? 0,
      uniqueRecentTriageGroups: Array.isArray(store.recents) ? store.recents.length : 0,
    }),
    () => {},
  );
}

function signatureBlock() {
  const s = store.signature || {};
  return s.includeSignature ? `\n\n\n${s.signatureName || ''}\n${s.signatureTitle || ''}` : '';
}

// What Compose shows a patient with no care teams or only blocked ones, at /new-message/start-message/
// and (curated toggle off) at /new-message/: the heading and the blocked alert, no form, no redirect.
export function cannotMessage(ctx, backTarget) {
  const r = store.recipients;
  if (defects.cannotMessageRedirectsToInbox()) return ctx.redirect('/inbox/');
  setTitle('Start a new message  | Veterans Affairs');
  const node = h('div', { class: 'vads-l-grid-container compose-container vads-u-padding-x--0' },
    backLink(ctx.router, backTarget),
    h('h1', {}, 'Start a new message'),
    blockedAlert(r, { style: r.allBlocked ? 'warning' : 'info', parent: PARENT.compose,
      migratingInErrorPhase: migratingInErrorPhase() }));
  ctx.mount(node);
  focusH1(node);
  return undefined;
}

export const cannotMessageAt = (r) => Boolean(r && !r.error && (r.noAssociations || r.allBlocked));

export async function startMessage(ctx) {
  setTitle('Start message  | Veterans Affairs');
  ctx.mount(loading('Loading your secure message...', 'loading-indicator'));
  await loadRecipients();
  if (!ctx.isCurrent()) return undefined;
  if (cannotMessageAt(store.recipients)) return cannotMessage(ctx, defects.startMessageBackTarget());
  if (!store.acceptInterstitial) return curatedInlineInterstitial(ctx);
  return composeForm(ctx, 'curated');
}

export async function legacyCompose(ctx) {
  return composeForm(ctx, 'legacy');
}

export async function editDraft(ctx) {
  const id = Number(ctx.params.draftId);
  if (store.draft.messageId !== id) {
    setTitle('Edit draft  | Veterans Affairs');
    const node = h('div', {}, backLink(ctx.router, entryFolder()), h('h1', {}, 'Edit draft'),
      vaAlert({ status: 'error', visible: true }, h('p', { class: 'vads-u-margin-y--0' }, 'This conversation was not found.')));
    ctx.mount(node);
    focusH1(node);
    return;
  }
  return composeForm(ctx, 'edit');
}

async function composeForm(ctx, variant) {
  const heading = { curated: 'Start message', legacy: 'Start a new message', edit: 'Edit draft' }[variant];
  setTitle(`${heading}  | Veterans Affairs`);
  ctx.mount(loading('Loading your secure message...', 'loading-indicator'));
  await loadRecipients();
  if (variant !== 'legacy' && !(await recipientsOk(ctx))) return;
  await loadComposeData();
  if (!ctx.isCurrent()) return;
  const r = store.recipients;
  const draft = store.draft;
  const backTarget = variant === 'legacy' ? entryFolder() : defects.startMessageBackTarget();

  if (cannotMessageAt(r)) return cannotMessage(ctx, backTarget);
  if (variant === 'curated' && !draft.recipientId) return ctx.redirect('/new-message/select-care-team/');

  const team = () => r.all.find((t) => t.triageTeamId === draft.recipientId);
  if (draft.body === undefined) {
    draft.body = signatureBlock();
    draft.baselineSnapshot = snapshot(draft);
  }

  let autosaveTimer = null;
  let modalOpen = false;
  let sending = false;

  // ---- fields ----
  const category = h('va-select', {
    'enable-analytics': true,
    id: 'category-select-dropdown',
    label: 'Category',
    name: 'compose-message-categories',
    // No `required` (CategoryInput): "Please select a category." comes from validation only.
    value: draft.category || '',
    'data-testid': 'compose-message-categories',
    'data-dd-privacy': 'mask',
    'data-dd-action-name': 'Category Dropdown Select',
    class: 'composeSelect',
    onvaSelect: (event) => {
      draft.category = event.detail.value || undefined;
      setError(category, null);
      changed();
    },
  }, store.categories.map((code) => {
    const [label, description] = CATEGORY_LABELS[code] || [code, ''];
    const text = description ? `${label}: ${description}` : label;
    return h('option', { value: code, 'data-testid': 'compose-category-dropdown-select',
      'data-dd-action-name': `${text} Dropdown Select` }, text);
  }));

  const subject = h('va-text-input', {
    label: 'Subject',
    required: true,
    type: 'text',
    id: 'message-subject',
    name: 'message-subject',
    class: 'message-subject',
    'data-testid': 'message-subject-field',
    uswds: true,
    maxlength: defects.subjectMaxlengthDropped() ? null : String(SUBJECT_MAX_LENGTH),
    charcount: true,
    value: draft.subject || '',
    'data-dd-privacy': 'mask',
    'data-dd-action-name': 'Subject (Required) Input Field',
    // Issue 22, colour and second engine: the error kept for screen readers only, the field just red.
    'show-input-error': defects.subjectErrorByColourAlone() ? 'false' : null,
    oninput: () => {
      draft.subject = hostValue(subject);
      setError(subject, null);
      changed();
    },
  });

  const body = h('va-textarea', {
    label: 'Message',
    required: true,
    id: 'compose-message-body',
    name: 'compose-message-body',
    class: 'message-body',
    'data-testid': 'message-body-field',
    value: draft.body || '',
    'data-dd-privacy': 'mask',
    'data-dd-action-name': 'Message (Required) Textbox',
    oninput: () => {
      draft.body = hostValue(body);
      setError(body, null);
      changed();
    },
    // ComposeForm puts the caret before a prefilled signature whenever the message gets focus.
    onfocusin: () => body.shadowRoot?.querySelector('textarea')?.setSelectionRange(0, 0),
  });

  // Electronic signature, for teams whose messages must be signed.
  let signatureName = '';
  let certified = false;
  const signatureSlot = h('div', { class: 'signature-slot' });
  let signatureInput = null;
  let signatureCheckbox = null;
  function renderSignature() {
    draft.signatureTyped = false;
    signatureName = '';
    certified = false;
    signatureInput = null;
    signatureCheckbox = null;
    if (!team()?.signatureRequired) return signatureSlot.replaceChildren();
    signatureInput = h('va-text-input', {
      label: 'Your full name', required: true, name: 'electronic-signature', 'data-testid': 'electronic-signature-field',
      'data-dd-privacy': 'mask',
      oninput: () => {
        signatureName = hostValue(signatureInput);
        draft.signatureTyped = Boolean(signatureName || certified);
        setError(signatureInput, null);
      },
    });
    signatureCheckbox = h('va-checkbox', {
      required: true, 'data-testid': 'electronic-signature-checkbox',
      label: 'I certify that the above is correct and true to the best of my knowledge and belief.',
      onvaChange: (event) => {
        certified = Boolean(event.detail.checked);
        draft.signatureTyped = Boolean(signatureName || certified);
        setError(signatureCheckbox, null);
      },
    });
    signatureSlot.replaceChildren(
      h('p', { id: 'signatureNote' }, h('strong', {}, 'Note:'),
        ' According to federal law, there are criminal penalties, including a fine and/or imprisonment for up to 5 years, for withholding information or for providing incorrect information (Reference: 18 U.S.C. 1001).'),
      h('va-card', { background: true, class: 'vads-u-margin-top--2' },
        h('h2', { id: 'signatureTitle', class: 'vads-u-margin-top--0 vads-u-font-size--h3' }, 'Electronic signature'),
        h('p', {}, 'You need to sign all new messages you send to this team. Enter your full name here to sign your message.'),
        signatureInput, signatureCheckbox),
    );
  }

  // ---- recipient (curated: To line; legacy: To select) ----
  let recipientSelect = null;
  const signatureAlertSlot = h('div');
  let recipientBlock;
  if (variant === 'legacy') {
    const options = [...r.allowed].sort((a, b) => a.displayName.localeCompare(b.displayName));
    recipientSelect = h('va-select', {
      'enable-analytics': true, id: 'recipient-dropdown', label: 'To', name: 'to', class: 'composeSelect',
      required: true, value: draft.recipientId ? String(draft.recipientId) : '',
      'data-testid': 'compose-recipient-select', 'data-dd-privacy': 'mask',
      'data-dd-action-name': 'Compose Recipient Dropdown List',
      onvaSelect: (event) => {
        const before = team()?.signatureRequired;
        const chosen = r.allowed.find((t) => String(t.triageTeamId) === event.detail.value);
        Object.assign(draft, {
          recipientId: chosen?.triageTeamId, recipientName: chosen?.displayName,
          careSystemVhaId: chosen?.stationNumber, careSystemName: chosen?.healthCareSystemName,
          ohTriageGroup: chosen?.ohTriageGroup === true,
        });
        setError(recipientSelect, null);
        const after = team()?.signatureRequired;
        if (Boolean(before) !== Boolean(after)) {
          signatureAlertSlot.replaceChildren(signatureAlert(after
            ? 'Messages to this team require a signature. We added a signature box to this page.'
            : "Messages to this team don't require a signature. We removed the signature box from this page."));
          renderSignature();
        }
        changed();
      },
    }, options.map((t) => h('option', { value: String(t.triageTeamId) }, t.displayName)));
    recipientBlock = h('div', {}, legacyBlockedAlert(r), recipientSelect,
      cantFindYourTeam(ctx.router),
      signatureAlertSlot);
  } else {
    recipientBlock = h('div', { class: 'vads-u-margin-top--3' },
      // to_label_hidden_by_spacing and recipient_clipped_at_400: boxes that hide what does not fit.
      h('p', { class: 'vads-u-margin-bottom--0',
        style: defects.toLabelHiddenBySpacing() ? 'height: 1.3em; line-height: 1.2; overflow: hidden' : null }, 'To'),
      h('p', {
        class: 'vads-u-font-weight--bold vads-u-margin-y--0',
        style: defects.recipientClippedAt400() ? 'white-space: nowrap; overflow: hidden' : null,
        'data-testid': 'compose-recipient-title',
        'data-dd-privacy': 'mask',
        'data-dd-action-name': 'Care System - Team recipient title',
      }, `${draft.careSystemName || team()?.healthCareSystemName || ''} - ${draft.recipientName || team()?.displayName || ''}`),
      differentTeamLink(ctx.router, draft),
    );
  }
  renderSignature();

  // ---- attachments (never saved in drafts) ----
  const isLarge = () => !defects.largeAttachmentsIgnored()
    && (flags.largeAttachments() || (flags.cernerPilot() && team()?.ohTriageGroup === true));
  const attachments = attachmentsField({ isLarge, onChange: () => changed() });

  // ---- draft status, alerts ----
  const alertSlot = h('div', {}, alertBox(ctx.router));
  // The draft status sits in a live region that exists before its text changes, so "Saving...", the
  // saved time and a failed save are announced; DraftSavedInfo also marks its success alert aria-live.
  const statusLive = defects.draftStatusNotAnnounced() ? null : 'polite';
  const draftStatus = h('div', { 'aria-live': statusLive });
  // Seeded defect: the failed-save alert rendered beside the live region instead of inside it.
  const draftErrorSlot = defects.draftErrorNotAnnounced() ? h('div') : draftStatus;
  const savedAlert = (text) => vaAlert({ 'aria-live': statusLive, 'background-only': true, 'show-icon': true,
    status: 'success', visible: true, 'data-test-id': 'save-alert-message' },
  h('p', { id: 'messagetext', class: 'vads-u-margin-y--0' }, text));
  function showDraftStatus(state) {
    if (draftErrorSlot !== draftStatus) draftErrorSlot.replaceChildren();
    if (state === 'saving') {
      draftStatus.replaceChildren(savedAlert('Saving...'));
    } else if (draft.saveError) {
      draftStatus.replaceChildren();
      draftErrorSlot.replaceChildren(vaAlert({ status: 'error', visible: true, 'data-testid': 'save-draft-error' },
        h('p', { class: 'vads-u-margin-y--0' }, ERRORS.SAVE)));
    } else if (draft.savedAt) {
      draftStatus.replaceChildren(savedAlert(savedText(draft.savedAt)));
    }
  }

  async function save(type) {
    clearTimeout(autosaveTimer);
    showDraftStatus('saving');
    // Drafts never carry the electronic signature (the seeded defect saves it with the message).
    await saveDraft(type, defects.signatureSavedInDraft() ? { bodySuffix: ` ${signedBlock()}` } : {});
    if (!ctx.isCurrent()) return;
    showDraftStatus('done');
  }

  // ---- autosave: 10 s after the last change, when complete, valid and changed ----
  function changed() {
    draft.manualSaveFailed = false;
    clearTimeout(autosaveTimer);
    if (defects.autosaveNeverFires()) return;
    if (defects.autosavePerKeystroke()) {
      if (isComplete(draft) && snapshot(draft) !== draft.savedSnapshot) save('auto');
      return;
    }
    autosaveTimer = setTimeout(() => {
      if (!ctx.isCurrent() || modalOpen || sending) return;
      if (isComplete(draft) && snapshot(draft) !== draft.savedSnapshot) save('auto');
    }, AUTOSAVE_MS);
  }

  function validate({ forSend }) {
    let ok = true;
    if (!draft.recipientId) {
      ok = false;
      if (recipientSelect) setError(recipientSelect, ERRORS.RECIPIENT);
      else showAlert('error', ERRORS.RECIPIENT);
    }
    if (!draft.category) {
      ok = false;
      setError(category, ERRORS.CATEGORY);
    }
    if (!draft.subject || !draft.subject.trim()) {
      ok = false;
      setError(subject, ERRORS.SUBJECT);
    }
    if (!draft.body || !draft.body.trim()) {
      ok = false;
      setError(body, ERRORS.BODY);
    }
    if (forSend && signatureInput) {
      if (!signatureName.trim()) {
        ok = false;
        setError(signatureInput, ERRORS.SIGNATURE);
      }
      if (!certified) {
        ok = false;
        setError(signatureCheckbox, ERRORS.CHECKBOX);
      }
    }
    if (!ok) focusFirstError(form);
    return ok;
  }

  function showAlert(status, text, extra = {}) {
    store.alert = { status, text, sticky: 0, ...extra };
    alertSlot.replaceChildren(alertBox(ctx.router));
  }

  // RouteLeavingGuard's modal, opened by Save draft when the draft cannot hold the files or signature.
  function openModal(options) {
    modalOpen = true;
    const modal = warningModal({
      testid: 'navigation-warning-modal', ddName: 'Navigation Warning Modal',
      primaryTestid: 'route-guard-primary-button', secondaryTestid: 'route-guard-secondary-button',
      ...options,
      onPrimary: () => { close(); options.onPrimary?.(); },
      onSecondary: () => { close(); options.onSecondary?.(); },
      onClose: () => { close(); addAction('Navigation Warning Modal Closed', {}); },
    });
    // The guard names both buttons "... - Can't save with attachments modal" whenever a Save draft
    // raised the modal (signature only too); the seeded defect leaves them unnamed.
    if (!defects.cantSaveButtonsUnnamed()) {
      modal.querySelector('[data-testid="route-guard-primary-button"]')
        ?.setAttribute('data-dd-action-name', "Edit draft button - Can't save with attachments modal");
      modal.querySelector('[data-testid="route-guard-secondary-button"]')
        ?.setAttribute('data-dd-action-name', "Save draft without attachments button - Can't save with attachments modal");
    }
    function close() {
      modal.remove();
      modalOpen = false;
    }
    node.append(modal);
  }

  async function onSaveDraft() {
    recordEvent({ event: 'cta-button-click', 'button-click-label': 'Save Draft' });
    if (!validate({ forSend: false })) {
      draft.manualSaveFailed = true;
      return;
    }
    const hasFiles = attachments.files().length > 0;
    if (draft.signatureTyped || hasFiles) {
      const both = draft.signatureTyped && hasFiles;
      openModal({
        title: both
          ? "We can't save your signature or attachments in a draft message"
          : hasFiles ? "We can't save attachments in a draft message" : "We can't save your signature in a draft message",
        body: hasFiles && !both
          ? "If you save this message as a draft, you'll need to attach your files again when you're ready to send the message."
          : undefined,
        primaryText: 'Edit draft',
        secondaryText: both ? 'Save draft without signature or attachments'
          : hasFiles ? 'Save draft without attachments' : 'Save draft without signature',
        // The files stay in the form (RouteLeavingGuard only saves the draft without them).
        onSecondary: () => save('manual'),
      });
      return;
    }
    await save('manual');
  }

  function onDeleteDraft() {
    // DeleteDraft: a new message never saved and still blank is dropped at once (no dialog): a success
    // alert, and back to the previous page.
    // (The prefilled signature is not typed: ComposeForm keeps it out of messageBody.)
    const blankBody = !draft.body?.trim() || draft.body === signatureBlock();
    if (!draft.messageId && !draft.category && !draft.subject && blankBody && !attachments.files().length) {
      store.alert = { status: 'success', text: 'Draft was successfully deleted.', sticky: 1 };
      window.history.back();
      return;
    }
    modalOpen = true;
    const modal = deleteDraftModal({
      onCancel: () => {
        closeDeleteModal();
        deleteButton.focus(); // DeleteDraft returns focus to its button
      },
      onDelete: async () => {
        closeDeleteModal();
        clearTimeout(autosaveTimer);
        const id = draft.messageId;
        if (id) {
          try {
            await api.deleteDraft(id);
            store.alert = { status: 'success', text: 'Draft was successfully deleted.', sticky: 1 };
          } catch {
            return showAlert('error', 'Draft could not be deleted. Try again later. If this problem persists, contact the help desk.');
          }
        }
        clearDraft();
        ctx.router.push(store.currentFolder || '/inbox/', { force: true });
      },
    });
    function closeDeleteModal() {
      modal.remove();
      modalOpen = false;
    }
    document.body.append(modal);
    ctx.onLeave(() => modal.remove());
  }

  // The body as ComposeForm sends it: the message, a space, then (signed teams) the rule, the name as
  // typed and "Signed electronically on <local YYYY-MM-DD>.".
  function signedBlock() {
    if (!signatureInput || !signatureName) return '';
    return `\n\n${SIGNATURE_RULE}\n\n${signatureName}\nSigned electronically on ${localDate(new Date())}.`;
  }

  function sentBody() {
    return `${draft.body} ${defects.signatureNotSent() ? '' : signedBlock()}`;
  }

  async function onSend() {
    if (sending) return;
    if (!validate({ forSend: true })) return;
    sending = true;
    clearTimeout(autosaveTimer);
    const t = team();
    const message = { category: draft.category, body: sentBody(), subject: draft.subject };
    if (draft.messageId && !defects.sendWithoutDraftId()) message.draft_id = draft.messageId;
    message.recipient_id = draft.recipientId;
    const ohTriageGroup = (t?.ohTriageGroup === true || draft.ohTriageGroup === true) && !defects.ohSendWithoutFlag();
    form.hidden = true;
    const indicator = loading(sendingText(), 'sending-indicator');
    form.before(indicator);
    window.scrollTo(0, 0);
    try {
      await api.send(message, { ohTriageGroup, files: attachments.files() });
    } catch (err) {
      indicator.remove();
      form.hidden = false;
      // ComposeForm's catch sets sendMessageFlag back to false: the patient can press Send again.
      if (!defects.sendDeadAfterError()) sending = false;
      const blocked = err.code === 'SM119' || err.code === 'SM151';
      if (err.code === 'SM172' && !defects.scanFailureAsGlobalAlert()) {
        // The send action files this alert under HIDE_ALERT: no global alert, the files carry it.
        attachments.flagScanFailure();
      } else {
        showAlert('error', blocked ? ERRORS.BLOCKED : err.code === 'SM172' ? ERRORS.SCAN : ERRORS.GENERIC);
      }
      if (defects.sendErrorNotAnnounced()) alertSlot.querySelector('va-alert')?.removeAttribute('role');
      if (defects.sendErrorClearsForm()) {
        draft.subject = '';
        draft.body = '';
        subject.value = '';
        body.value = '';
      }
      changed();
      return;
    }
    if (!ctx.isCurrent()) return;
    indicator.remove();
    const fromSent = entryFolder() === '/sent/';
    ctx.router.guard = null;
    clearDraft();
    resetRecents();
    showAlert('success', defects.sendSuccessText(), {
      sticky: 1,
      link: fromSent ? null : { path: '/sent/', text: 'Review your sent messages', testid: 'review-sent-messages-link' },
    });
    const destination = store.currentFolder || '/inbox/';
    setTimeout(() => {
      if (ctx.isCurrent()) ctx.router.push(destination, { force: true });
    }, 1000);
  }

  // DeleteDraft: the "delete" icon (its `showIcon` is a useState pair, always truthy) and the text.
  const deleteButton = h('button', {
    type: 'button',
    id: defects.deleteDraftButtonId(),
    class: 'usa-button usa-button-secondary vads-u-flex--1 delete-draft-button vads-u-margin-top--0 vads-u-margin-right--0 vads-u-margin-bottom--0 vads-u-padding-x--0p5 vads-u-display--flex vads-u-flex-direction--row vads-u-justify-content--center',
    'data-testid': 'delete-draft-button',
    'data-dd-action-name': defects.deleteDraftRumName(), // delete_draft_rum_name_case changes its case
    onclick: onDeleteDraft,
  }, h('va-icon', { icon: 'delete', 'aria-hidden': 'true' }), 'Delete draft');

  // ComposeForm's order: recipient, category, subject, message, Edit signature link, the attachments
  // section, electronic signature, draft status (DraftSavedInfo), then the buttons.
  const form = h('form', { class: 'compose-form', id: 'sm-compose-form', novalidate: true,
    onsubmit: (e) => e.preventDefault() },
  recipientBlock,
  h('div', { class: 'compose-form-div vads-u-margin-y--3' }, category),
  h('div', { class: 'compose-form-div' }, subject),
  h('div', { class: 'compose-form-div vads-u-margin-bottom--0' }, body),
  editSignatureLink(),
  h('section', { class: 'attachments-section' }, attachments.node),
  signatureSlot,
  draftStatus,
  draftErrorSlot === draftStatus ? null : draftErrorSlot,
  h('div', { class: 'compose-form-actions' },
    h('va-button', { text: 'Send', id: 'send-button', 'data-testid': 'send-button', 'data-dd-action-name': 'Send Button',
      onclick: onSend }),
    h('button', { type: 'button', id: 'save-draft-button', class: 'save-draft-button usa-button usa-button-secondary',
      'data-testid': 'save-draft-button', onclick: onSaveDraft }, 'Save draft'),
    deleteButton,
  ));

  const node = h('div', { class: 'vads-l-grid-container compose-container vads-u-padding-x--0' },
    backLink(ctx.router, backTarget),
    alertSlot,
    h('h1', { class: 'page-title vads-u-margin-top--0' }, heading),
    emergencyNote(),
    form,
  );
  ctx.mount(node);
  focusH1(node);
  showDraftStatus('done');
  installLeaveGuard(ctx, { onModal: (open) => { modalOpen = open; } });
  ctx.onLeave(() => clearTimeout(autosaveTimer));
  if (hasTyped(draft) && snapshot(draft) !== draft.savedSnapshot) changed();
}

// "Select a different care team": a link RUM names by its data-dd-action-name. The seeded defect drops the
// name and puts the link inside a masked (data-dd-privacy="mask") block, like the recipient title above
// it: Datadog then cannot name the click and records it as "Masked Element".
function differentTeamLink(router, draft) {
  const path = '/new-message/select-care-team/';
  const beforeNavigate = () => {
    if (defects.differentTeamLosesBody()) draft.body = '';
  };
  if (defects.differentTeamLinkUnnamed()) {
    return h('span', { 'data-dd-privacy': 'mask' },
      routerLink(router, path, 'Select a different care team', { beforeNavigate }));
  }
  return routerLink(router, path, 'Select a different care team', {
    'data-dd-action-name': 'Select a different care team link',
    beforeNavigate,
  });
}

// CantFindYourTeam, legacy flow (curated toggle off): an additional-info below the "To" select.
function cantFindYourTeam(router) {
  return h('va-additional-info', {
    trigger: "If you can't find your team",
    class: 'vads-u-margin-top--2',
    'data-dd-action-name': "If You Can't Find Your Team Dropdown",
  }, h('section', { class: 'cant-fnd-your-team' },
    h('p', {}, 'Here are some reasons a care team may be missing from your contact list:'),
    h('ul', { class: 'vads-u-margin-y--0' },
      h('li', {}, 'Your account isn’t connected to the team'),
      h('li', {}, 'The team doesn’t use secure messaging'),
      h('li', {}, 'You removed the team from your list')),
    h('p', {}, 'If you want to message a team that’s not in your list, try changing your settings to show more teams in your list. Then refresh this page to review your updated list.'),
    h('p', {}, routerLink(router, '/contact-list/', 'Show more teams in your contact list', {
      'data-dd-action-name': 'Show more teams in your contact list link',
    }))));
}

// RecipientsSelect's signature alert (legacy flow): the paragraph inside is the live region, so the
// change is announced.
function signatureAlert(text) {
  return h('va-alert', { class: 'vads-u-margin-y--2', 'close-btn-aria-label': 'Close notification', closeable: true,
    status: 'info', visible: true, 'data-testid': 'signature-alert',
    oncloseEvent: (event) => event.currentTarget.remove() },
  h('p', { class: 'vads-u-margin-y--0', role: 'alert', 'aria-live': 'polite' }, text));
}

// DeleteDraftModal, rendered in document.body (a portal): va-modal's own buttons, whose clicks the app
// names with addAction because Datadog cannot read a name inside the modal's shadow root.
const DELETE_DRAFT_TITLE = 'Delete this draft?';
function deleteDraftModal({ onDelete, onCancel }) {
  const closedName = defects.deleteDraftCloseMisnamed() ? 'Navigation Warning Modal Closed' : `${DELETE_DRAFT_TITLE} Modal Closed`;
  return h('va-modal', {
    id: 'delete-draft-modal',
    'data-testid': 'delete-draft-modal',
    'data-dd-action-name': `${DELETE_DRAFT_TITLE} Modal`,
    'modal-title': DELETE_DRAFT_TITLE,
    'primary-button-text': 'Delete draft',
    'secondary-button-text': 'Cancel',
    status: 'warning',
    visible: true,
    onprimaryButtonClick: () => {
      addAction('Confirm Delete Draft Button', {});
      onDelete();
    },
    onsecondaryButtonClick: () => {
      addAction('Cancel Delete Draft Button', {});
      onCancel();
    },
    oncloseEvent: () => {
      onCancel();
      addAction(closedName, {});
    },
  }, h('p', { style: 'white-space: pre-line' },
    'If you delete a draft, you can’t get it back. But deleting it won’t affect other messages in this conversation.'));
}

// EditSignatureLink: only with the signature-settings toggle on and a signature to include.
function editSignatureLink() {
  const toggles = store.toggles || {};
  const enabled = toggles.mhv_secure_messaging_signature_settings ?? toggles.mhvSecureMessagingSignatureSettings;
  if (!enabled || !store.signature?.includeSignature) return null;
  return h('div', { class: 'vads-u-margin-top--2' }, h('a', {
    href: '/profile/personal-information#messaging-signature', 'data-dd-action-name': 'Edit Signature',
  }, 'Edit signature for all messages'));
}

// ComposeForm's sending text: its useLargeAttachments is true with the large-attachments toggle, and with
// the cerner pilot toggle whatever the team (it tests the ohTriageGroup callback, always truthy).
function sendingText() {
  const large = flags.largeAttachments() || flags.cernerPilot();
  return large && !defects.sendingTextIgnoresLarge() ? 'Do not refresh the page. Sending message...' : 'Sending message...';
}
