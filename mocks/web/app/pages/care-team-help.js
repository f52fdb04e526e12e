// /new-message/care-team-help/: "Can’t find your care team?" in VistA-only, Oracle-Health-only and
// mixed variants (user type from the profile's facilities and the vamc-ehr cerner list).
import { emergencyNote, backLink } from '../components.js';
import { h, ROOT, setTitle } from '../dom.js';
import { defects } from '../defects.js';
import { ehrType } from '../store.js';

export function careTeamHelp(ctx) {
  setTitle('Care Team Help - Start Message | Veterans Affairs');
  const type = ehrType();
  const reasons = [
    h('li', {}, 'They don’t use messages, ', h('strong', {}, 'or')),
    // help_reason_dropped: the "different VA health care system" reason is lost.
    defects.helpReasonDropped() ? null : h('li', {}, 'They’re part of a different VA health care system, ', h('strong', {}, 'or')),
  ].filter(Boolean);
  if (type === 'vista') {
    reasons.push(h('li', {}, 'You removed them from your contact list, ', h('strong', {}, 'or')),
      h('li', {}, 'Your account isn’t connected to them'));
  }
  if (type === 'mixed') {
    reasons.push(h('li', {}, 'You removed them from your contact list, ', h('strong', {}, 'or')),
      h('li', {}, 'Your account isn’t connected to them, ', h('strong', {}, 'or')));
  }
  if (type !== 'vista') {
    reasons.push(h('li', {}, 'Their name may appear different',
      h('div', { class: 'vads-u-margin-top--0p5' },
        h('va-link', { 'data-testid': 'name-change-link', text: 'Review our messages health care team names glossary',
          href: 'https://www.va.gov/resources/glossary-of-care-team-names-in-va-health-chat-and-messages/' }))));
  }
  const node = h('div', { class: 'vads-l-grid-container care-team-help-container vads-u-padding-x--0' },
    backLink(ctx.router, '/new-message/select-care-team/'),
    h('h1', { class: 'vads-u-margin-bottom--2' }, 'Can’t find your care team?'),
    emergencyNote(),
    h('p', {}, 'You may not find your care team for these reasons:'),
    h('ul', {}, reasons),
    h('p', {}, 'If you can’t find your care team, try these other options:'),
    h('ul', {},
      h('li', {}, 'Select a different VA health care system, ', h('strong', {}, 'or')),
      h('li', {}, 'Try entering your type of care, provider name, or any part of your care team name')),
    // VistA and hybrid patients: the paragraph, then the contact-list link (a va-link) after it.
    type !== 'oracle_health' ? contactListSection(ctx.router) : null,
    // help_fixed_width: the help line gets a fixed width wider than a 320 px screen.
    h('p', { style: defects.helpFixedWidth() ? 'width: 26rem; max-width: none' : null }, 'If you need more help, call us at ', h('va-telephone', { contact: '8773270022' }),
      ' (', h('va-telephone', { contact: '711', tty: true }), '). We’re here Monday through Friday, 8:00 a.m. to 8:00 p.m. ET.'),
    h('va-button', { back: true, 'full-width': true, text: 'Back', onclick: () => ctx.router.back() }),
  );
  ctx.mount(node);
  // No focus move: CareTeamHelp calls no focusElement (FIDELITY.md R2A11).
}

function contactListSection(router) {
  const path = '/contact-list/';
  return [
    h('p', {}, 'You can send messages to new or previously removed care teams by adding them to your contact list.'),
    h('va-link', {
      href: ROOT + path,
      text: 'Update your contact list',
      'data-testid': 'update-contact-list-link',
      onclick: (event) => {
        event.preventDefault();
        router.push(path);
      },
    }),
  ];
}
