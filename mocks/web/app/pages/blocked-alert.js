// BlockedTriageGroupAlert, in its two styles: every team blocked, or some teams / one system blocked.
import { vaAlert } from '../components.js';
import { h } from '../dom.js';
import { systemName } from '../recipients.js';
import { store } from '../store.js';

export function blockedAlert(recipients, kind) {
  if (kind === 'all') {
    return vaAlert({ status: 'warning', visible: true, 'data-testid': 'blocked-triage-group-alert' },
      h('h2', { slot: 'headline' }, 'You can’t send messages to your care teams right now'),
      h('p', { class: 'vads-u-margin-y--0' },
        'If you need to contact your care teams, call your VA health facility.'));
  }
  const names = recipients.blockedFacilities.length
    ? recipients.blockedFacilities.map((s) => systemName(store.ehr, s) || s)
    : recipients.blocked.map((t) => t.displayName);
  return vaAlert({ status: 'info', visible: true, class: 'vads-u-margin-bottom--2',
    'data-testid': 'blocked-triage-group-alert' },
    h('h2', { slot: 'headline' }, 'You can’t send messages to some of your care teams'),
    h('ul', {}, names.map((n) => h('li', { 'data-dd-privacy': 'mask' }, n))),
    h('p', { class: 'vads-u-margin-y--0' }, 'If you need to contact these care teams, call your VA health facility.'));
}
