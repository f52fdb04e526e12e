// Route guards shared by the flow pages (reference §1.5).
import { flags, loadRecipients, store } from '../store.js';
import { notFound } from './not-found.js';

// New routes exist only when the curated list flow toggle is on; otherwise they answer 404.
export const curatedOnly = (page) => (ctx) => (flags.curated() ? page(ctx) : notFound(ctx));

// Recipients failure or no associations: Interstitial, RecentCareTeams and SelectCareTeam go to Inbox.
export async function recipientsOk(ctx) {
  await loadRecipients();
  if (store.recipients.error || store.recipients.noAssociations) {
    ctx.redirect('/inbox/');
    return false;
  }
  return true;
}
