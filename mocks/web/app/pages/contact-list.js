// /contact-list/: VistA care teams grouped by care system; checkboxes decide which teams are in the
// patient's contact list; Save posts the whole VistA list to preferences/recipients.
import { api } from '../api.js';
import { backLink, loading, vaAlert, warningModal } from '../components.js';
import { append, h, focusH1, setTitle } from '../dom.js';
import { defects } from '../defects.js';
import { systemName } from '../recipients.js';
import { loadRecipients, store } from '../store.js';

const MINIMUM = 'Select at least one team';

function backTarget() {
  const previous = store.previousUrl;
  if (previous === '/new-message/' && store.draft.messageId) return `/thread/${store.draft.messageId}/`;
  return previous && previous !== '/contact-list/' ? previous : '/inbox/';
}

export async function contactList(ctx) {
  setTitle('Messages: Contact list  | Veterans Affairs');
  const back = backTarget();
  ctx.mount(h('div', {}, backLink(ctx.router, back), loading('Loading your contact list...', 'contact-list-loading')));
  await loadRecipients();
  if (!ctx.isCurrent()) return;
  const r = store.recipients;
  const heading = h('h1', {}, 'Messages: Contact list');
  const alertSlot = h('div', { class: 'vads-u-margin-y--2' });

  if (r.error) {
    const node = h('div', {}, backLink(ctx.router, back), heading,
      vaAlert({ status: 'error', visible: true, 'data-testid': 'contact-list-empty-alert' },
        h('h2', { slot: 'headline' }, 'We can’t load your contact list right now'),
        h('p', { class: 'vads-u-margin-y--0' }, 'We’re sorry. There’s a problem with our system. Try again later.')));
    ctx.mount(node);
    focusH1(node);
    return;
  }

  // contact_list_shows_oh: Oracle Health care teams leak onto the contact list.
  const teams = r.all.filter((t) => (defects.contactListShowsOh() || t.ohTriageGroup !== true) && !t.blockedStatus);
  const selected = new Map(teams.map((t) => [t.triageTeamId, t.preferredTeam === true]));
  const initial = JSON.stringify([...selected]);
  const dirty = () => JSON.stringify([...selected]) !== initial;
  const stations = [...new Set(teams.map((t) => t.stationNumber))];
  const facilityName = (s) => systemName(store.ehr, s) || `VA Medical Center - ${s}`;
  const errorText = h('span', { class: 'usa-error-message', role: 'alert', 'data-testid': 'contact-list-error' });

  const accordion = h('va-accordion', { bordered: true, 'open-single': false },
    stations.map((station, index) => {
      const stationTeams = teams.filter((t) => t.stationNumber === station);
      const name = facilityName(station);
      const count = () => stationTeams.filter((t) => selected.get(t.triageTeamId)).length;
      const item = h('va-accordion-item', { 'data-testid': 'facility-accordion-item', header: name,
        subheader: `${count()} team${count() === 1 ? '' : 's'} selected`, open: index === 0, level: '2' });
      const boxes = stationTeams.map((t) => h('va-checkbox', {
        label: t.displayName, checked: selected.get(t.triageTeamId), 'data-dd-privacy': 'mask',
        'data-testid': `contact-list-select-team-${t.triageTeamId}`,
        onvaChange: (event) => {
          selected.set(t.triageTeamId, Boolean(event.detail.checked));
          refresh();
        },
      }));
      const all = h('va-checkbox', {
        label: `Select all ${stationTeams.length} teams`,
        'data-testid': `select-all-${name.replace(/\s+/g, '-')}-teams`,
        checked: count() === stationTeams.length,
        onvaChange: (event) => {
          for (const t of stationTeams) selected.set(t.triageTeamId, Boolean(event.detail.checked));
          boxes.forEach((b) => { b.checked = Boolean(event.detail.checked); });
          refresh();
        },
      });
      function refresh() {
        item.setAttribute('subheader', `${count()} team${count() === 1 ? '' : 's'} selected`);
        all.checked = count() === stationTeams.length;
        if ([...selected.values()].some(Boolean)) errorText.textContent = '';
      }
      return append(item, [all, ...boxes]);
    }),
  );

  async function save() {
    if (![...selected.values()].some(Boolean)) {
      errorText.textContent = MINIMUM;
      return false;
    }
    try {
      await api.saveContactList([...selected].map(([triageTeamId, preferredTeam]) => ({ triageTeamId, preferredTeam })));
    } catch {
      alertSlot.replaceChildren(vaAlert({ status: 'error', visible: true, role: 'alert' },
        h('p', { class: 'vads-u-margin-y--0', 'data-testid': 'alert-text' }, "We're sorry. We couldn't save your changes. Try saving again.")));
      return false;
    }
    await loadRecipients({ refresh: true });
    store.recents = undefined;
    alertSlot.replaceChildren(vaAlert({ status: 'success', visible: true, role: 'status' },
      h('p', { class: 'vads-u-margin-y--0', 'data-testid': 'alert-text' }, 'Contact list changes saved')));
    return true;
  }

  let saved = false;
  const node = h('div', {},
    backLink(ctx.router, back),
    heading,
    alertSlot,
    h('p', {}, 'Select the teams you want to show in your contact list when you start a new message.'),
    accordion,
    errorText,
    h('div', { class: 'compose-form-actions' },
      h('va-button', { back: true, text: 'Go back', 'data-testid': 'contact-list-go-back', onclick: () => ctx.router.push(back) }),
      h('va-button', { text: 'Save contact list', 'data-testid': 'contact-list-save',
        onclick: async () => { saved = await save(); } }),
    ),
  );
  ctx.mount(node);
  focusH1(node);

  // SmRouteNavigationGuard: leaving with unsaved changes asks to save first.
  ctx.router.guard = (destination) => {
    if (saved || !dirty()) return true;
    const modal = warningModal({
      testid: 'sm-route-navigation-guard-modal', ddName: 'Contact list navigation guard',
      title: 'Do you want to save your changes to your contact list?',
      primaryText: 'Save', secondaryText: 'Delete changes and exit',
      primaryTestid: 'sm-route-navigation-guard-confirm-button',
      secondaryTestid: 'sm-route-navigation-guard-cancel-button',
      onPrimary: async () => {
        modal.remove();
        if (await save()) ctx.router.push(destination, { force: true });
      },
      onSecondary: () => {
        modal.remove();
        ctx.router.push(destination, { force: true });
      },
      onClose: () => modal.remove(),
    });
    node.append(modal);
    return false;
  };
}
