// App state (the stand-in's Redux): toggles, user, static data, recipients, recents, the draft in
// progress, the interstitial acceptance and the global alert. Nothing here is persisted except the
// compose entry folder (sessionStorage, as the real app does), so a reload resets like production.
import { api } from './api.js';
import { defects } from './defects.js';
import { processEhr, processRecipients, recentCareTeams } from './recipients.js';

export const store = {
  toggles: {},
  user: null,
  ehr: { ehrDataByVhaId: {}, cernerFacilities: [], vistaFacilities: [] },
  recipients: null, // processRecipients() result, or {error: true, ...}
  recents: undefined, // undefined = not fetched, [] = none, {error: 'error'} = search failed
  acceptInterstitial: false,
  draft: {}, // draftInProgress
  alert: null, // {status, text, link?}: the global AlertBackgroundBox
  previousUrl: null,
  currentFolder: '/inbox/',
  categories: null,
  signature: null,
};

const toggleOn = (snake) => {
  const camel = snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  return Boolean(store.toggles[snake] ?? store.toggles[camel]);
};

export const flags = {
  curated: () => toggleOn('mhv_secure_messaging_curated_list_flow') || defects.curatedToggleIgnored(),
  // recent_toggle_stale: the stand-in reads a stale copy (off) instead of the live toggle.
  recent: () => !defects.recentToggleStale() && toggleOn('mhv_secure_messaging_recent_recipients'),
  optGroups: () => toggleOn('mhv_secure_messaging_recipient_opt_groups'),
  largeAttachments: () => toggleOn('mhv_secure_messaging_large_attachments'),
  cernerPilot: () => toggleOn('mhv_secure_messaging_cerner_pilot'),
};

export async function loadAppData() {
  const [toggles, user, ehr] = await Promise.allSettled([api.featureToggles(), api.user(), api.vamcEhr()]);
  if (toggles.status === 'fulfilled') {
    for (const { name, value } of toggles.value?.data?.features || []) store.toggles[name] = value;
  }
  if (defects.curatedFlowStickyInTab()) keepCuratedForTheTab();
  if (user.status === 'fulfilled') store.user = user.value?.data?.attributes || null;
  if (ehr.status === 'fulfilled') store.ehr = processEhr(ehr.value);
}

// curated_flow_sticky_in_tab: the first curated-flow value is kept for the browser tab, so a rollback
// reaches the patient only in a new tab.
function keepCuratedForTheTab() {
  const key = 'sm_standin_curatedFlow';
  const kept = sessionStorage.getItem(key);
  if (kept === null) sessionStorage.setItem(key, String(flags.curated()));
  else store.toggles.mhv_secure_messaging_curated_list_flow = kept === 'true';
}

let recipientsPromise = null;
export function loadRecipients({ refresh = false } = {}) {
  if (!recipientsPromise || refresh) {
    recipientsPromise = api.allRecipients().then(
      (response) => {
        store.recipients = processRecipients(response, store.ehr);
        // legacy_offers_blocked: with the curated flow off, the legacy list keeps blocked care teams.
        if (defects.legacyOffersBlocked() && !flags.curated()) {
          store.recipients.allowed = store.recipients.all.filter((t) => t.preferredTeam);
        }
      },
      () => {
        store.recipients = { error: true, all: [], allowed: [], offered: [], vista: [], allFacilities: [] };
      },
    );
  }
  return recipientsPromise;
}

let recentsPromise = null;
export function loadRecents() {
  if (store.recents !== undefined) return Promise.resolve(store.recents);
  if (!recentsPromise) {
    const toDate = new Date();
    const fromDate = monthsBefore(toDate, 6);
    recentsPromise = loadRecipients()
      .then(() => api.searchSent(fromDate.toISOString(), toDate.toISOString()))
      .then(
        (response) => recentCareTeams(response, store.recipients),
        () => ({ error: 'error' }),
      )
      .then((recents) => {
        store.recents = recents;
        recentsPromise = null;
        return recents;
      });
  }
  return recentsPromise;
}

// The real app's window (actions/recipients.js getRecentRecipients): date-fns subMonths, which keeps the
// time of day and clamps the day to the target month's last day (Aug 31 - 6 months = Feb 28/29).
// recent_window_180_days counts 6 months as 180 days.
function monthsBefore(moment, months) {
  const days = defects.recentWindowDays();
  if (days) return new Date(moment.getTime() - days * 86_400_000);
  const result = new Date(moment);
  const day = result.getDate();
  result.setDate(1);
  result.setMonth(result.getMonth() - months);
  const lastDay = new Date(result.getFullYear(), result.getMonth() + 1, 0).getDate();
  result.setDate(Math.min(day, lastDay));
  return result;
}

// After a send the real app resets the recent list (RESET_RECENT), so the next new message searches the
// sent folder again. recent_stale_after_send keeps the first list for the whole visit.
export function resetRecents() {
  if (defects.recentStaleAfterSend()) return;
  store.recents = undefined;
}

export const hasRecents = () => Array.isArray(store.recents) && store.recents.length > 0;
export const recentsShown = () => flags.recent() && hasRecents();

// populatedDraft: the draft in progress carries something worth keeping.
export const populatedDraft = () => {
  const d = store.draft;
  return Boolean(d.messageId || d.category || d.subject || d.body || d.recipientId);
};

export function clearDraft() {
  store.draft = {};
}

export function entryFolder() {
  const entry = sessionStorage.getItem('sm_composeEntryUrl');
  if (entry?.startsWith('/folders/') && defects.folderEntryBackToInbox()) return '/inbox/';
  if (entry === '/inbox/' || entry === '/sent/' || entry?.startsWith('/folders/')) return entry;
  return '/inbox/';
}

// The patient's EHR mix from the profile's facilities and the vamc-ehr cerner list (platform
// cerner-dsot selectors): 'oracle_health' (all Cerner), 'mixed', or 'vista'.
export function ehrType() {
  const facilities = store.user?.vaProfile?.facilities || store.user?.profile?.facilities || [];
  const cerner = new Set(store.ehr.cernerFacilities.map((f) => f.vhaId));
  const isOh = (f) => f.isCerner === true || cerner.has(String(f.facilityId));
  const oh = facilities.filter(isOh).length;
  if (facilities.length > 0 && oh === facilities.length) return 'oracle_health';
  return oh > 0 ? 'mixed' : 'vista';
}
