// /new-message/select-care-team/: care system chooser (none / radio 2-5 / select >= 6) and the
// care-team combo box filtered by system, with the help and contact-list links.
import { backLink, emergencyNote, loading } from '../components.js';
import { h, focusH1, ROOT, routerLink, setTitle } from '../dom.js';
import { defects } from '../defects.js';
import { systemName } from '../recipients.js';
import { addAction, recordEvent } from '../rum.js';
import { flags, loadRecents, populatedDraft, recentsShown, store } from '../store.js';
import { recipientsOk } from './guards.js';
import { blockedAlert, PARENT } from './blocked-alert.js';
import { ipeHint } from './ipe.js';
import { installLeaveGuard } from './leave-guard.js';
import { migrationAlerts, migratingInErrorPhase } from './migration-alerts.js';

const HELP_LINK_TEXT = 'Learn what to do if you can’t find your care team';

const MAX_RADIO_OPTIONS = 6;
const TEAM_ERROR = 'Select a care team';
const sysName = (vhaId) => systemName(store.ehr, vhaId) || vhaId;
// shortenSystemName: "VA Madison health care" -> "Madison" (an unknown name stays "undefined").
const shortSystem = (name) => (name === undefined || name === null
  ? String(name)
  : String(name).replace(/^VA\s+/i, '').replace(/\s+health care$/i, ''));
// sortRecipients (util/helpers.js): names not starting with a word character first, then localeCompare
// of the raw team `name`; the option shows suggestedNameDisplay || name. The seeded defect sorts by the
// shown name instead.
const sortKey = (t) => (defects.comboSortedByShownName() ? t.displayName : t.name) || '';
const sortNames = (a, b) => {
  const aw = /^\w/.test(sortKey(a));
  const bw = /^\w/.test(sortKey(b));
  if (aw !== bw) return aw ? 1 : -1;
  return sortKey(a).localeCompare(sortKey(b));
};

// scrollToFirstError (platform/utilities/scroll): the first `[error]` element, here the va-combo-box
// host, is focused with focusElement: tabindex="-1" added (removed on blur), then host.focus();
// va-combo-box does not delegate focus, so the host itself is the active element.
function focusErrorHost(host) {
  if (defects.careTeamErrorFocusLost()) return;
  requestAnimationFrame(() => {
    if (host.tabIndex !== 0) {
      const had = host.getAttribute('tabindex');
      host.setAttribute('tabindex', '-1');
      if (had === null) host.addEventListener('blur', () => host.removeAttribute('tabindex'), { once: true });
    }
    host.scrollIntoView({ block: 'center' });
    host.focus();
  });
}

export async function selectCareTeam(ctx) {
  setTitle('Select Care Team - Start Message | Veterans Affairs');
  if (!store.acceptInterstitial && !populatedDraft()) return ctx.redirect('/new-message/');
  ctx.mount(loading('Loading...', 'loading-indicator'));
  if (!(await recipientsOk(ctx))) return;
  await loadRecents();
  if (!ctx.isCurrent()) return;
  const r = store.recipients;
  const draft = store.draft;
  const back = backLink(ctx.router, recentsShown() ? '/new-message/recent/' : '/new-message/');

  const alertOptions = { parent: PARENT.folder, migratingInErrorPhase: migratingInErrorPhase() };
  if (r.allBlocked) {
    const node = h('div', { class: 'choose-va-health-care-system' }, back,
      h('h1', { class: 'vads-u-margin-bottom--2', tabindex: '-1' }, 'Select care team'),
      migrationAlerts(),
      blockedAlert(r, { style: 'alert', ...alertOptions }));
    ctx.mount(node);
    focusH1(node);
    return;
  }

  // Care systems whose care teams are all blocked are never offered (nor counted for the chooser).
  const facilities = defects.blockedSystemOffered()
    ? [...r.allFacilities]
    : r.allFacilities.filter((s) => !r.blockedFacilities.includes(s));
  if (facilities.length === 1) {
    draft.careSystemVhaId = facilities[0];
    draft.careSystemName = sysName(facilities[0]);
  }
  let switchCount = 0;
  const radioLimit = defects.radioForSixSystems() ? MAX_RADIO_OPTIONS + 1 : MAX_RADIO_OPTIONS;
  const useRadio = facilities.length > 1 && (facilities.length < radioLimit || defects.radioForManySystems());

  function chooseSystem(vhaId) {
    const previous = draft.careSystemVhaId;
    if (useRadio && previous && previous !== vhaId) {
      switchCount += 1;
      // seeded defect: a hand-made action on a switch, on top of the click Datadog already records
      if (defects.radioSwitchCountedTwice()) addAction(defects.careSystemRadioActionName());
    }
    draft.careSystemVhaId = vhaId || undefined;
    draft.careSystemName = vhaId ? sysName(vhaId) : undefined;
    if (!defects.systemSwitchKeepsTeam() || !vhaId) {
      Object.assign(draft, { recipientId: undefined, recipientName: undefined, ohTriageGroup: undefined });
    }
    const fresh = comboBox();
    combo.replaceWith(fresh);
    combo = fresh;
    updateContinue();
  }

  // Radio buttons keep the care-team list's order; the seeded defect sorts them by name like the dropdown.
  const radioOrder = (list) => (defects.radioSystemsSorted()
    ? [...list].sort((a, b) => String(sysName(a)).localeCompare(String(sysName(b))))
    : list);
  let chooser = null;
  if (useRadio) {
    chooser = h('va-radio', {
      'enable-analytics': true,
      label: 'Select a VA health care system',
      name: 'va-health-care-system',
      'data-dd-privacy': 'mask',
      'data-dd-action-name': defects.careSystemRadioActionName(),
      class: 'vads-u-margin-bottom--3',
      onvaValueChange: (event) => chooseSystem(event.detail.value),
    }, radioOrder(facilities).map((vhaId) => h('va-radio-option', {
      tile: true,
      'data-testid': `care-system-${vhaId}`,
      id: vhaId,
      value: vhaId,
      label: sysName(vhaId),
      name: 'va-health-care-system',
      checked: draft.careSystemVhaId === vhaId,
    })));
  } else if (facilities.length > 1) {
    const sorted = [...facilities].sort((a, b) => String(sysName(a)).localeCompare(String(sysName(b))));
    chooser = h('va-select', {
      'enable-analytics': true,
      id: 'care-system-dropdown',
      label: 'Select a VA health care system',
      name: 'to-care-system',
      class: 'composeSelect vads-u-margin-bottom--3',
      'data-testid': 'care-system-select',
      'data-dd-privacy': 'mask',
      'data-dd-action-name': 'Care System Dropdown List',
      value: draft.careSystemVhaId || '',
      onvaSelect: (event) => chooseSystem(event.detail.value),
    }, sorted.map((vhaId) => h('option', { value: vhaId }, sysName(vhaId))));
  }

  let searchTimer = null;
  function comboBox() {
    const station = draft.careSystemVhaId;
    // The grouped layout is built from the same narrowed list; the seeded defect groups every allowed team.
    const ignoreStation = flags.optGroups() && defects.groupedComboIgnoresCareSystem();
    const pool = r.offered.filter((t) => !station || ignoreStation || t.stationNumber === station);
    // Option layout of RecipientsSelect: flat and sorted, or (opt-groups toggle) one optgroup per
    // care system with "name\t(short system)" options, after a "Recent care teams" group.
    const vamcName = (t) => systemName(store.ehr, t.stationNumber);
    // The "Recent care teams" group names a team by its raw `name`; the other options by the shown name.
    const option = (t, system, text = t.displayName) => h('option', { value: String(t.triageTeamId) },
      flags.optGroups() ? `${text}\t(${shortSystem(system)})` : text);
    let children;
    if (flags.optGroups()) {
      const recents = flags.recent() && Array.isArray(store.recents) ? store.recents : [];
      const byName = (a, b) => a.displayName.localeCompare(b.displayName);
      const named = pool.filter((t) => vamcName(t) !== undefined);
      const unnamed = pool.filter((t) => vamcName(t) === undefined).sort(byName);
      const systems = [...new Set(named.map(vamcName))].sort((a, b) => a.localeCompare(b));
      children = [
        recents.length
          ? h('optgroup', { label: 'Recent care teams' }, recents.map((t) => option(t, t.healthCareSystemName, t.name)))
          : null,
        unnamed.map((t) => option(t, undefined)),
        systems.map((name) => h('optgroup', { label: name },
          named.filter((t) => vamcName(t) === name).sort(byName).map((t) => option(t, name)))),
      ];
    } else {
      children = [...pool].sort(sortNames).map((t) => option(t));
    }
    const preselected = pool.some((t) => t.triageTeamId === draft.recipientId) ? String(draft.recipientId) : '';
    return h('va-combo-box', {
      required: true,
      label: defects.comboBoxUnlabelled() ? null : 'Select a care team',
      name: 'to',
      hint: 'Start typing your care facility, provider’s name, or type of care to search.',
      value: preselected,
      'data-testid': 'compose-recipient-combobox',
      'data-dd-privacy': 'mask',
      'data-dd-action-name': 'Compose Recipient Combobox List',
      onvaSelect: (event) => selectTeam(event.detail.value),
      onvaInputChange: () => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => {
          recordEvent({ event: 'int-text-input-search', 'text-input-label': 'Select a care team' });
          addAction('Care Team Search Input', { inputLabel: 'Select a care team' });
        }, 500);
      },
    }, children);
  }

  function selectTeam(value) {
    const team = r.offered.find((t) => String(t.triageTeamId) === String(value))
      || (Array.isArray(store.recents) ? store.recents.find((t) => String(t.triageTeamId) === String(value)) : undefined);
    if (!team) {
      Object.assign(draft, { recipientId: undefined, recipientName: undefined, ohTriageGroup: undefined });
    } else {
      Object.assign(draft, {
        careSystemVhaId: team.stationNumber,
        careSystemName: sysName(team.stationNumber),
        recipientId: team.triageTeamId,
        recipientName: team.displayName,
        ohTriageGroup: team.ohTriageGroup === true,
      });
      combo.removeAttribute('error');
    }
  }

  const continueTarget = () => (draft.messageId ? `/thread/${draft.messageId}/` : '/new-message/start-message/');
  const continueLink = h('va-link-action', {
    type: 'primary',
    'data-testid': 'continue-button',
    'data-dd-action-name': 'Continue button on Select care team page',
    class: 'vads-u-margin-top--4 vads-u-margin-bottom--3 vads-u-with--100',
    onclick: (event) => {
      event.preventDefault();
      if (!draft.recipientId) {
        combo.setAttribute('error', TEAM_ERROR);
        focusErrorHost(combo);
        return;
      }
      const team = r.all.find((t) => t.triageTeamId === draft.recipientId);
      if (team) draft.careSystemVhaId = team.stationNumber;
      ctx.router.push(continueTarget());
    },
  });
  function updateContinue() {
    continueLink.setAttribute('text', draft.messageId ? 'Continue to draft' : 'Continue to start message');
    continueLink.setAttribute('href', ROOT + continueTarget());
  }
  updateContinue();

  let combo = comboBox();
  const showContactNote = r.vistaFacilities.length > 0 || defects.contactLinkForOhOnly();
  const node = h('div', { class: 'choose-va-health-care-system' },
    back,
    h('h1', { class: 'vads-u-margin-bottom--2', tabindex: '-1' }, 'Select care team'),
    migrationAlerts(),
    r.blockedFacilities.length === 1 || (r.blocked.length > 0 && r.blockedFacilities.length === 0)
      ? blockedAlert(r, { style: 'info', ...alertOptions })
      : null,
    emergencyNote(),
    chooser,
    ipeHint(),
    combo,
    h('div', { class: 'vads-u-margin-top--2' },
      h('p', { class: 'vads-u-margin-bottom--1' },
        routerLink(ctx.router, '/new-message/care-team-help/', HELP_LINK_TEXT, {
          // seeded defect: a hand-made custom action on top of the click Datadog already records
          beforeNavigate: () => { if (defects.helpLinkCountedTwice()) addAction(HELP_LINK_TEXT); },
        }))),
    showContactNote
      ? h('div', { class: 'vads-u-margin-top--2' },
          h('p', { class: 'vads-u-margin-bottom--1' }, h('strong', {}, 'Note:'),
            ' If you can’t find the care team you want to select, update your contact list to add it here.'),
          routerLink(ctx.router, '/contact-list/', 'Update your contact list',
            defects.contactListActionName() ? { 'data-dd-action-name': defects.contactListActionName() } : {}))
      : null,
    continueLink,
  );
  ctx.mount(node);
  focusH1(node);

  const count = facilities.length;
  if (count > 1) {
    const version = useRadio ? 'radio' : 'dropdown';
    recordEvent({ event: 'api_call', 'api-name': 'SM VA Health Systems Displayed', 'api-status': 'successful',
      'health-systems-count': count, version });
    addAction('SM VA Health Systems Displayed', { status: 'successful', healthSystemsCount: count, version });
  } else if (count === 0) {
    recordEvent({ event: 'api_call', 'api-name': 'SM VA Health Systems Displayed', 'api-status': 'fail',
      'health-systems-count': 0, 'error-key': 'no-health-systems' });
    addAction('SM VA Health Systems Displayed', { status: 'fail', healthSystemsCount: 0, errorKey: 'no-health-systems' });
  }
  installLeaveGuard(ctx, { persistPaths: ['/contact-list/', '/new-message/care-team-help/'] });
  ctx.onLeave(() => {
    clearTimeout(searchTimer);
    addAction('Care System Radio Switch Count', { switchCount });
  });
}
