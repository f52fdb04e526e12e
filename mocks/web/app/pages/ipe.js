// The in-product education hint for Oracle Health patients on select care team (FIDELITY.md
// "In-product education"): a per-user tooltip record counts the views; the hint shows while the
// record is not hidden and has fewer than 3 views, and "Stop showing this hint" hides it for good.
import { api } from '../api.js';
import { defects } from '../defects.js';
import { h } from '../dom.js';
import { ehrType } from '../store.js';

export const TOOLTIP_NAME = 'sm_care_team_list_update_ipe';
export const MAX_IPE_VIEWS = 3;
const ID = 'sm-care-team-list-update-ipe-container';
const DISMISS = 'sm-care-team-list-update-ipe-stop-showing-hint';

// Decide visibility against the API (fetch or create the record, count this view); resolves to the
// record id when the hint is to be shown, else null.
async function lifecycle() {
  const list = await api.tooltips();
  const existing = (Array.isArray(list) ? list : list?.data || []).find((t) => t.tooltipName === TOOLTIP_NAME);
  if (existing?.id) {
    if (!existing.hidden && existing.counter >= MAX_IPE_VIEWS && !defects.ipeShownPastLimit()) {
      await api.hideTooltip(existing.id);
      return null;
    }
    if (existing.hidden) return null;
    await api.incrementTooltip(existing.id);
    return existing.id;
  }
  const created = await api.createTooltip(TOOLTIP_NAME);
  if (!created?.id) return null;
  await api.incrementTooltip(created.id);
  return created.id;
}

// A slot that fills with the hint once the tooltip API says so (Oracle Health patients only).
export function ipeHint() {
  const slot = h('div', { class: 'sm-ipe-slot' });
  if (ehrType() === 'vista') return slot;
  lifecycle().then(
    (id) => {
      if (!id) return;
      const aside = h('aside', {
        id: ID,
        class: 'sm-ipe-alert vads-u-margin-top--3 vads-u-padding--2p5',
        'data-testid': ID,
        'aria-label': 'Tooltip for care team selection',
      },
      h('p', {}, 'We updated your list of care teams. You may have different care teams in your list. ',
        'And some of your care team names may have changed. To find a care team, you can still search by ',
        'type of care or facility location.'),
      h('va-button', {
        class: 'vads-u-margin-top--3',
        secondary: true,
        text: 'Stop showing this hint',
        'data-testid': DISMISS,
        onclick: () => {
          aside.remove();
          api.hideTooltip(id).catch(() => {});
        },
      }));
      slot.replaceChildren(aside);
    },
    () => {}, // a failing tooltip API only costs the hint
  );
  return slot;
}
