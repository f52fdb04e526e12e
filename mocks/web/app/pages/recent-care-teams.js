// /new-message/recent/: up to four care teams messaged in the last 6 months, plus "A different care team".
import { backLink, emergencyNote, loading } from '../components.js';
import { h, focusFirstError, focusH1, ROOT, setTitle } from '../dom.js';
import { defects } from '../defects.js';
import { addAction, recordEvent } from '../rum.js';
import { flags, loadRecents, store } from '../store.js';
import { recipientsOk } from './guards.js';
import { recentBlockedAlert } from './blocked-alert.js';
import { migratingInErrorPhase } from './migration-alerts.js';

const LABEL = 'Select a team you want to message';

export async function recentCareTeams(ctx) {
  setTitle('Recently Messaged Care Teams - Start Message | Veterans Affairs');
  if (!store.acceptInterstitial) return ctx.redirect('/new-message/');
  ctx.mount(h('div', {}, backLink(ctx.router, '/new-message/'), loading('Loading...', 'loading-indicator')));
  if (!(await recipientsOk(ctx))) return;
  const recents = await loadRecents();
  if (!ctx.isCurrent()) return;
  if (!flags.recent() || !Array.isArray(recents) || recents.length === 0) {
    return ctx.redirect('/new-message/select-care-team/');
  }
  addAction('Recent Care Teams loaded', { recentCareTeamsCount: recents.length });

  let selected = store.draft.recipientId && recents.some((t) => t.triageTeamId === store.draft.recipientId)
    ? String(store.draft.recipientId)
    : null;
  const destination = () =>
    selected === 'other' ? '/new-message/select-care-team/' : '/new-message/start-message/';

  const radio = h(
    'va-radio',
    {
      class: 'vads-u-margin-bottom--3',
      'label-header-level': '2',
      required: true,
      label: LABEL,
      hint: 'This list only includes teams that you\'ve sent messages to in the last 6 months. If you want to contact another team, select "A different care team."',
      'data-testid': 'recent-care-teams-radio-group',
      onvaValueChange: (event) => {
        selected = event.detail.value;
        radio.error = null;
        radio.removeAttribute('error');
        if (selected === 'other') {
          Object.assign(store.draft, {
            recipientId: undefined, careSystemName: undefined, recipientName: undefined,
            careSystemVhaId: undefined, ohTriageGroup: undefined,
          });
        } else {
          const team = recents.find((t) => String(t.triageTeamId) === selected);
          Object.assign(store.draft, {
            recipientId: team.triageTeamId,
            careSystemName: team.healthCareSystemName,
            recipientName: team.displayName,
            careSystemVhaId: team.stationNumber,
            ohTriageGroup: team.ohTriageGroup === true,
          });
        }
        link.setAttribute('href', ROOT + destination());
        recordEvent({
          event: 'int-select-box-option-click',
          'select-label': LABEL,
          'select-selectLabel': selected === 'other' ? 'other' : 'recent care team',
          'select-required': true,
        });
      },
    },
    recents.map((team) =>
      h('va-radio-option', {
        tile: true,
        name: 'recent-care-teams',
        label: team.displayName,
        value: String(team.triageTeamId),
        description: team.healthCareSystemName || '',
        checked: selected === String(team.triageTeamId),
        'data-dd-privacy': 'mask',
        'data-dd-action-name': 'Recent Care Teams radio option',
      }),
    ),
    h('va-radio-option', { tile: true, name: 'recent-care-teams', label: 'A different care team', value: 'other' }),
  );

  const link = h('va-link-action', {
    type: 'primary',
    text: 'Continue to start message',
    href: ROOT + destination(),
    'data-testid': 'recent-care-teams-continue-button',
    class: 'vads-u-margin-top--4 vads-u-margin-bottom--3 vads-u-with--100',
    onclick: (event) => {
      event.preventDefault();
      if (!selected) {
        if (!defects.missingSelectTeamError()) {
          radio.setAttribute('error', 'Select a care team');
          focusFirstError(node);
        }
        return;
      }
      ctx.router.push(destination());
    },
  });

  const node = h('div', {},
    backLink(ctx.router, '/new-message/'),
    h('h1', { class: 'vads-u-margin-bottom--3', tabindex: '-1' }, 'Care teams you recently sent messages to'),
    recentBlockedAlert(store.recipients, { migratingInErrorPhase: migratingInErrorPhase() }),
    emergencyNote(),
    radio,
    link,
  );
  ctx.mount(node);
  focusH1(node);
}
