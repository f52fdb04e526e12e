// SmMigratingFacilitiesAlerts (FIDELITY.md "Oracle Health migration"): one alert per migration
// schedule in the user's profile, by the schedule's current phase. p1-p2: a warning expandable
// ("Updates will begin on <p3 date>"); p3-p5: an error alert; any other phase: nothing.
import { defects } from '../defects.js';
import { h } from '../dom.js';
import { store } from '../store.js';

export const WARNING_PHASES = ['p1', 'p2'];
export const ERROR_PHASES = ['p3', 'p4', 'p5'];
const START = 'p3';
const END = 'p6';

// Texts of CernerAlertContent.SECURE_MESSAGING; see FIDELITY.md (M4) for what is and is not verified.
// The error alert's message, subnote and note are fixed SM constants: they never change with the
// number of facilities (only the warning says "this facility" / "these facilities").
const ERROR_HEADLINE = 'You can’t use messages to contact providers at some facilities right now';
const ERROR_MESSAGE = 'You can’t send or receive new messages or reply to conversations with providers at';
const ERROR_NOTE = 'If you need to contact your provider now, call the facility directly.';
const errorSubnote = (date) => `After ${date}, you can use messages to contact providers at these facilities again.`;
const WARNING_MESSAGE = 'you won’t be able to send or receive new messages or reply to conversations with providers at';
const warningNote = (facilityText) => `During this time, you can still call ${facilityText} to contact your provider.`;

// The migration data of the profile (vets-api puts it on the VA profile).
export function migrationProfile() {
  const user = store.user || {};
  const profile = { ...(user.vaProfile || {}), ...(user.profile || {}) };
  const migrating = Boolean(profile.userAtPretransitionedOhFacility || profile.userFacilityMigratingToOh);
  return {
    migratingToOh: Boolean(profile.userFacilityMigratingToOh),
    schedules: migrating && Array.isArray(profile.migrationSchedules) ? profile.migrationSchedules : [],
  };
}

// True when a facility of the patient is where messaging is switched off (the blocked alert's
// "no associations" case then gives way to the migration alert).
export function migratingInErrorPhase() {
  const { migratingToOh, schedules } = migrationProfile();
  return migratingToOh && schedules.some((s) => ERROR_PHASES.includes(s.phases?.current));
}

function plusTwoDays(migrationDate) {
  const date = new Date(migrationDate);
  if (Number.isNaN(date.getTime())) return String(migrationDate || '');
  date.setDate(date.getDate() + 2);
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });
}

function alertFor(schedule, count) {
  const phase = schedule.phases?.current;
  const facilities = schedule.facilities || [];
  const facilityText = facilities.length > 1 ? 'these facilities' : 'this facility';
  const startDate = schedule.phases?.[START];
  const endDate = schedule.phases?.[END];
  const cls = `vads-u-margin-bottom--2p5 ${count > 0 ? 'vads-u-margin-top--2' : ''}`.trim();
  const list = h('ul', {}, facilities.map((f) => h('li', {}, f.facilityName)));
  const errorPhases = defects.migrationErrorAfterWindow() ? [...ERROR_PHASES, 'p6'] : ERROR_PHASES;
  if (errorPhases.includes(phase)) {
    return h('va-alert', {
      class: cls,
      status: 'error',
      'data-testid': 'cerner-facilities-transition-alert-error-phase',
      'background-only': true,
      visible: true,
    },
    h('h2', { class: 'vads-u-font-size--md', slot: 'headline' }, ERROR_HEADLINE),
    h('div', {},
      h('p', {}, ERROR_MESSAGE),
      list,
      h('p', {}, errorSubnote(plusTwoDays(schedule.migrationDate))),
      h('p', {}, ERROR_NOTE),
      h('va-link', { 'data-testid': 'find-facility-link', href: 'https://www.va.gov/find-locations/',
        text: "Find your facility's contact information" })));
  }
  if (WARNING_PHASES.includes(phase)) {
    return h('va-alert-expandable', {
      class: cls,
      'data-testid': 'cerner-facilities-transition-alert',
      status: 'warning',
      trigger: `Updates will begin on ${startDate}`,
    },
    h('div', {},
      h('p', {}, 'From ', h('strong', {}, startDate), ', to ', h('strong', {}, endDate), `, ${WARNING_MESSAGE} ${facilityText}:`),
      list,
      h('p', {}, h('strong', {}, 'Note:'), ` ${warningNote(facilityText)}`)));
  }
  return null;
}

// Every alert the profile calls for, in schedule order; empty when none applies.
export function migrationAlerts() {
  const { schedules } = migrationProfile();
  return schedules.map((s) => alertFor(s, schedules.length)).filter(Boolean);
}
