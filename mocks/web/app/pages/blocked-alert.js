// BlockedTriageGroupAlert (FIDELITY.md "Blocked care teams"): which alert a patient with blocked or
// missing care teams sees, and its two renderings: the warning expandable ("alert" style) and a plain
// va-alert ("info" / "warning" style). Straight apostrophes in titles and bodies, as in the source.
import { defects } from '../defects.js';
import { h } from '../dom.js';
import { systemName } from '../recipients.js';
import { addAction } from '../rum.js';
import { store } from '../store.js';

export const TITLES = {
  noAssociations: "You're not connected to any care teams in this messaging tool",
  allBlocked: "You can't send messages to your care teams right now",
  several: "You can't send messages to some of your care teams",
  team: (name) => `You can't send messages to ${name}`,
  system: (name) => `You can't send messages to care teams at ${name}`,
};

export const MESSAGES = {
  noAssociations: 'If you need to contact your care team, call your VA health facility.',
  allBlocked: 'If you need to contact your care teams, call your VA health facility.',
  system: 'If you need to contact these care teams, call the facility.',
  team: 'If you need to contact this care team, call your VA health facility.',
  several: 'If you need to contact these care teams, call your VA health facility.',
};

const FIND_FACILITY_DD = 'Find your VA health facility link - in Blocked/Not Associated alert';

// Where the alert sits decides whether a list of blocked teams is offered at all.
export const PARENT = { folder: 'folder', compose: 'compose', composeForm: 'compose-form', contactList: 'contact-list' };

const nameOf = (item) => item.suggestedNameDisplay || item.displayName || item.name || '';
const isWord = (s) => /^\w/.test(s);
const sortItems = (list) =>
  [...list].sort((a, b) => isWord(nameOf(a)) - isWord(nameOf(b)) || nameOf(a).localeCompare(nameOf(b)));

// Blocked teams and fully blocked care systems, teams of a fully blocked system folded into it.
function blockedItems(r) {
  const systems = r.blockedFacilities
    .filter((s) => systemName(store.ehr, s))
    .map((s) => ({ stationNumber: s, name: systemName(store.ehr, s), facility: true }));
  const teams = r.blocked;
  if (!teams.length) return sortItems(systems);
  if (!systems.length || teams.length <= 1) return sortItems(teams);
  const loose = teams.filter((t) => !systems.some((s) => s.stationNumber === t.stationNumber));
  return [...sortItems(loose), ...sortItems(systems)];
}

function forList(list) {
  if (list.length > 1) return { title: TITLES.several, message: MESSAGES.several, list };
  const [item] = list;
  if (item.facility) return { title: TITLES.system(item.name), message: MESSAGES.system, list };
  return { title: TITLES.team(nameOf(item)), message: MESSAGES.team, list };
}

// The alert a patient without a current recipient sees, or null (getBlockedTriageAlertConfig).
export function blockedAlertConfig(r, { parent, migratingInErrorPhase = false }) {
  if (!r || r.error) return null;
  if (r.noAssociations && !migratingInErrorPhase) {
    return { title: TITLES.noAssociations, message: MESSAGES.noAssociations, list: [] };
  }
  if (r.allBlocked) return { title: TITLES.allBlocked, message: MESSAGES.allBlocked, list: [] };
  const list = blockedItems(r);
  return list.length ? forList(list) : null;
}

// The Datadog type of the alert, names replaced so no team or facility name is sent.
export function analyticsType(title) {
  if (title.startsWith("You can't send messages to care teams at")) {
    return "You can't send messages to care teams at FACILITY";
  }
  if (title === TITLES.several || title === TITLES.allBlocked) return title;
  if (title.startsWith("You can't send messages to")) return "You can't send messages to TG_NAME";
  return title;
}

function findFacilityLink(ddName) {
  return h('va-link-action', { 'data-dd-action-name': ddName, href: '/find-locations/', text: 'Find your VA health facility' });
}

// style: 'alert' (warning expandable) | 'info' | 'warning' (va-alert with that status).
export function blockedAlert(r, { style, parent = PARENT.folder, migratingInErrorPhase = false }) {
  const config = blockedAlertConfig(r, { parent, migratingInErrorPhase });
  if (!config) return null;
  if (defects.blockedAlertCurlyApostrophe()) {
    config.title = config.title.replaceAll("'", '’');
    config.message = config.message.replaceAll("'", '’');
  }
  addAction('Blocked triage group alert', { type: analyticsType(config.title) });
  if (style === 'alert') {
    const showList = (parent === PARENT.composeForm || parent === PARENT.contactList)
      && !r.allBlocked && config.list.length > 1;
    return h('va-alert-expandable', {
      status: 'warning',
      trigger: config.title,
      'data-testid': 'blocked-triage-group-alert',
      'data-dd-privacy': 'mask',
      'data-dd-action-name': 'Blocked Triage Group Alert Expandable',
    },
    h('div', { class: 'vads-u-padding-left--4 vads-u-padding-bottom--1' },
      h('p', { class: 'vads-u-margin-bottom--1p5' }, config.message),
      showList
        ? h('ul', {}, config.list.map((item) => h('li', {
            'data-testid': 'blocked-triage-group',
            'data-dd-privacy': 'mask',
            'data-dd-action-name': 'Blocked/Not Associated alert - expandable',
          }, item.facility ? `Care teams at ${item.name}` : nameOf(item))))
        : null,
      findFacilityLink(`${FIND_FACILITY_DD} - expandable`)));
  }
  return h('va-alert', {
    'close-btn-aria-label': 'Close notification',
    class: 'vads-u-margin-bottom--2',
    status: style,
    visible: true,
    'data-testid': 'blocked-triage-group-alert',
  },
  h('h2', { slot: 'headline', 'data-dd-action-name': 'Blocked/Not Associated alert' }, config.title),
  h('div', {},
    h('p', { class: 'vads-u-margin-bottom--1p5' }, config.message),
    findFacilityLink(FIND_FACILITY_DD)));
}

// RecentCareTeams: the info alert only when exactly one care system has every care team blocked
// (showSingleFacilityBlockedAlert; individually blocked teams alone show nothing there). Every team
// blocked leaves no recent care team, so that patient is sent on to select care team.
export function recentBlockedAlert(r, { migratingInErrorPhase = false } = {}) {
  if (!r || r.allBlocked || r.blockedFacilities.length !== 1) return null;
  if (defects.recentBlockedAlertMissing()) return null;
  return blockedAlert(r, { style: 'info', parent: PARENT.folder, migratingInErrorPhase });
}

// Legacy ComposeForm (curated flow off, some care teams left): a bordered block at the top of the form,
// before the "To" select, holding the warning expandable with the compose-form parent (so two or more
// blocked items are listed). The block is there even when nothing is blocked.
export function legacyBlockedAlert(r, { recipientError = false } = {}) {
  const alert = defects.legacyBlockedAlertMissing()
    ? null
    : blockedAlert(r, { style: 'alert', parent: PARENT.composeForm });
  const margin = recipientError ? 'vads-u-margin-bottom--2' : 'vads-u-margin-bottom--neg2';
  return h('div', { class: `vads-u-border-top--1px vads-u-padding-top--3 vads-u-margin-top--3 ${margin}` }, alert);
}
