// Pieces shared by several pages: back link, emergency note, global alert, loading indicator.
import { h, ROOT, routerLink } from './dom.js';
import { store } from './store.js';

// SmBreadcrumbs on flow pages: a single va-link back whose click the router takes over.
export function backLink(router, destination) {
  return h(
    'div',
    { class: 'mobile-lg:vads-u-margin-y--2 vads-u-margin-y--1' },
    h('va-link', {
      back: true,
      text: 'Back',
      href: ROOT + destination,
      'data-testid': 'sm-breadcrumbs-back',
      'data-dd-action-name': 'Breadcrumb - Back',
      onclick: (event) => {
        event.preventDefault();
        router.push(destination);
      },
    }),
  );
}

// CrisisLineConnectButton: opens the page's va-crisis-line-modal.
export function crisisLineButton() {
  return h(
    'p',
    {},
    h('va-button', {
      secondary: true,
      text: 'Connect with the Veterans Crisis Line',
      'data-testid': 'crisis-line-button',
      onclick: () => document.dispatchEvent(new CustomEvent('vaCrisisLineModalOpen')),
    }),
  );
}

// EmergencyNote, dropdown variant (recent / select / help / compose).
export function emergencyNote() {
  return h(
    'va-alert-expandable',
    {
      status: 'info',
      trigger: 'Only use messages for non-urgent needs',
      'data-testid': 'emergency-use-only-expandable',
      'data-dd-action-name': 'Only use messages for non-urgent needs dropdown',
      class: 'vads-u-margin-bottom--3',
    },
    h('div', {},
      h('p', {}, 'Your care team may take up to ', h('strong', {}, '3 business days'), ' to reply.'),
      h('p', {}, 'If you need help sooner, use one of these urgent communications options:'),
      h('ul', {},
        h('li', {},
          h('strong', {}, 'If you’re in crisis or having thoughts of suicide,'),
          ' connect with our Veterans Crisis Line. We offer confidential support anytime, day or night.',
          crisisLineButton(),
        ),
        h('li', {},
          h('strong', {}, 'If you think your life or health is in danger,'),
          ' Call ',
          h('va-telephone', { contact: '911', 'data-dd-action-name': '911 link - in dropown' }),
          ' or go to the nearest emergency room.',
        ),
      ),
    ),
  );
}

// AlertBackgroundBox: the global success/error alert (e.g. "Message sent"), kept across one navigation.
export function alertBox(router) {
  const alert = store.alert;
  if (!alert) return null;
  return vaAlert(
    {
      status: alert.status,
      role: alert.status === 'error' ? 'alert' : 'status',
      visible: true,
      class: 'vads-u-margin-bottom--3',
      'data-testid': 'alert-box',
    },
    h('p', { class: 'vads-u-margin-y--0', 'data-testid': 'alert-text' }, alert.text),
    alert.link
      ? h('p', { class: 'vads-u-margin-y--0' },
          routerLink(router, alert.link.path, alert.link.text, { 'data-testid': alert.link.testid }))
      : null,
  );
}

export function loading(message, testid) {
  return h('va-loading-indicator', { message, 'data-testid': testid, 'set-focus': false });
}

// A VA warning modal with two va-buttons, as RouteLeavingGuard renders it.
export function warningModal({ testid, ddName, title, body, primaryText, secondaryText, primaryTestid,
  secondaryTestid, onPrimary, onSecondary, onClose }) {
  const modal = h(
    'va-modal',
    {
      status: 'warning',
      'modal-title': title,
      visible: true,
      'data-testid': testid,
      'data-dd-action-name': ddName,
      oncloseEvent: onClose,
    },
    body ? h('p', {}, body) : null,
    h('va-button', { text: primaryText, 'data-testid': primaryTestid, onclick: onPrimary, class: 'vads-u-margin-right--2' }),
    h('va-button', { secondary: true, text: secondaryText, 'data-testid': secondaryTestid, onclick: onSecondary }),
  );
  return modal;
}

// va-alert prepends a screen-reader "<Status> Alert" span to its first slotted element; wrapping the
// body in a div keeps that span out of texts such as p[data-testid="alert-text"].
export function vaAlert(attrs, ...children) {
  const flat = children.flat(Infinity).filter(Boolean);
  const slotted = flat.filter((c) => c instanceof Element && c.hasAttribute('slot'));
  const rest = flat.filter((c) => !slotted.includes(c));
  return h('va-alert', attrs, slotted, h('div', {}, rest));
}
