// Client-side derivations of the allrecipients and sent-search responses (reference §4.2, §4.3).
import { defects } from './defects.js';

const SIGNATURE_TEAMS = /^(privacy issues? admin|release of information medical records admin|record amendment admin)$/i;

export const signatureRequired = (name) =>
  SIGNATURE_TEAMS.test(name || '') || /release of information/i.test(name || '');

export function processEhr(raw) {
  const ehrDataByVhaId = {};
  const cernerFacilities = [];
  const vistaFacilities = [];
  for (const entity of raw?.data?.nodeQuery?.entities || []) {
    const vhaId = String(entity.fieldFacilityLocatorApiId || '').replace(/^vha_/, '');
    if (!vhaId) continue;
    const region = entity.fieldRegionPage?.entity || {};
    const ehr = region.fieldVamcEhrSystem === 'cerner_staged' ? 'cerner' : region.fieldVamcEhrSystem;
    ehrDataByVhaId[vhaId] = { vhaId, vamcFacilityName: entity.title, vamcSystemName: region.title, ehr };
    (ehr === 'cerner' ? cernerFacilities : vistaFacilities).push({ vhaId });
  }
  return { ehrDataByVhaId, cernerFacilities, vistaFacilities };
}

export const systemName = (ehr, vhaId) => ehr?.ehrDataByVhaId?.[vhaId]?.vamcSystemName;

export function processRecipients(response, ehr) {
  const meta = response?.meta || {};
  const all = (response?.data || []).map(({ attributes: a }) => ({
    ...a,
    id: a.triageTeamId,
    stationNumber: String(a.stationNumber),
    healthCareSystemName: a.healthCareSystemName || systemName(ehr, String(a.stationNumber)) || null,
    signatureRequired: signatureRequired(a.name),
    displayName: a.suggestedNameDisplay || a.name,
  }));
  const isAllowed = (t) => t.blockedStatus === false && t.preferredTeam === true;
  const allowed = all.filter(isAllowed);
  const unique = (list) => [...new Set(list)];
  const allFacilities = unique(all.map((t) => t.stationNumber));
  const blockedFacilities = allFacilities.filter((s) =>
    all.filter((t) => t.stationNumber === s).every((t) => t.blockedStatus),
  );
  const noAssociations = meta.associatedTriageGroups === 0 || all.length === 0;
  return {
    all,
    allowed,
    // The combo box's pool; the blocked_teams_offered defect leaks blocked teams into it.
    offered: defects.offerBlockedTeams() ? all.filter((t) => t.preferredTeam) : allowed,
    // blockedRecipients: `blockedStatus === true` only; a team removed from the contact list
    // (preferredTeam false) is not blocked. The seeded defect counts every team not allowed.
    blocked: all.filter((t) => (defects.removedCountedAsBlocked() ? !isAllowed(t) : t.blockedStatus)),
    vista: all.filter((t) => t.ohTriageGroup !== true),
    allFacilities,
    blockedFacilities,
    vistaFacilities: unique(allowed.filter((t) => t.ohTriageGroup !== true).map((t) => t.stationNumber)),
    noAssociations,
    allBlocked:
      !noAssociations && (meta.associatedTriageGroups ?? all.length) === (meta.associatedBlockedTriageGroups ?? -1),
    error: false,
  };
}

// Unique recipient ids from the sent search, in response order (newest first), kept only when allowed,
// first 4. recent_duplicates skips the de-duplication; recent_sorted_by_name orders by name.
export function recentCareTeams(searchResponse, recipients) {
  const sent = (searchResponse?.data || []).map((m) => m.attributes?.recipientId);
  const ids = defects.recentDuplicates() ? sent : [...new Set(sent)];
  const byId = new Map(recipients.allowed.map((t) => [t.triageTeamId, t]));
  const teams = ids.filter((id) => byId.has(id)).map((id) => byId.get(id));
  if (defects.recentSortedByName()) teams.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return teams.slice(0, defects.maxRecent());
}
