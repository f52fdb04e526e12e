// Pieces shared by several pages: back link, crisis line button, emergency note, global alert, loading
// indicator, warning modal.
import { defects } from './defects.js';
import { h, ROOT } from './dom.js';
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

// CrisisLineConnectButton: a secondary va-button that opens the page's va-crisis-line-modal. Its RUM
// name tells the interstitial's button from the one inside the emergency note ("- in alert").
export function crisisLineButton({ inAlert = false } = {}) {
  // crisis_line_rum_name_shared: the emergency note's button loses its "- in alert" suffix.
  const suffix = inAlert && !defects.crisisLineRumNameShared() ? ' - in alert' : '';
  return h('va-button', {
    class: 'vads-u-margin-y--1p5',
    secondary: true,
    text: 'Connect with the Veterans Crisis Line',
    'data-dd-action-name': `Connect with the VCL Button${suffix}`,
    onclick: () => document.dispatchEvent(new CustomEvent('vaCrisisLineModalOpen')),
  });
}

// EmergencyNote, dropdown variant (recent / select / help / compose). The source puts the crisis
// button straight into the list, between the two items; axe's "list" rule rejects a list child that
// is not an li, so the stand-in keeps it at the end of the first item (FIDELITY.md R2A2).
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
    h('div', { class: 'vads-u-padding-x--1 vads-u-padding-bottom--1' },
      h('div', { class: 'vads-u-margin-bottom--2' },
        h('p', {}, 'Your care team may take up to ', h('strong', {}, '3 business days'), ' to reply.'),
        h('p', {}, 'If you need help sooner, use one of these urgent communications options:'),
        h('ul', {},
          h('li', {},
            h('strong', {}, 'If you’re in crisis or having thoughts of suicide,'),
            ' connect with our Veterans Crisis Line. We offer confidential support anytime, day or night.',
            crisisLineButton({ inAlert: true }),
          ),
          h('li', {},
            h('strong', {}, 'If you think your life or health is in danger,'),
            ' Call ',
            h('va-telephone', { contact: '911', 'data-dd-action-name': '911 link - in dropown' }),
            ' or go to the nearest emergency room.',
          ),
        ),
      ),
    ),
  );
}

// AlertBackgroundBox (the newest stored version, plus the previous version's role): a background-only,
// closeable va-alert; a screen-reader-only polite region repeats the text once focus has settled (1 s after the last focus
// change, 5 s at most); success alerts take no focus; on Send success, "Review your sent messages"
// (a va-link) unless the flow was entered from Sent. Kept across one navigation (router.js).
export function alertBox(router, { className = 'vads-u-margin-bottom--1' } = {}) {
  const alert = store.alert;
  if (!alert) return null;
  const fromSent = sessionStorage.getItem('sm_composeEntryUrl') === '/sent/';
  const srOnly = h('span', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const link = alert.link && !fromSent ? sentMessagesLink(router, alert.link) : null;
  // vaAlert wraps the children in a div: va-alert 24.5.0 prepends its "Success Alert" screen-reader
  // prefix to the first slotted element, which would otherwise be alert-text (FIDELITY.md R2A9).
  const node = vaAlert(
    {
      uswds: true,
      'background-only': true,
      closeable: true,
      class: `${className} va-alert`,
      'close-btn-aria-label': 'Close notification',
      'disable-analytics': 'false',
      'full-width': 'false',
      'show-icon': 'true',
      status: alert.status,
      // The newest stored version has no role; the stand-in keeps the previous version's (FIDELITY.md R2A8).
      // send_error_silent: an error alert with no role, no focus and an empty hidden line.
      role: alert.status === 'error' ? (defects.sendErrorSilent() ? null : 'alert') : 'status',
      visible: true,
      oncloseEvent: () => closeAlert(node),
    },
    h('p', {
      class: fromSent ? 'vads-u-margin-y--0' : 'vads-u-font-size--base vads-u-font-weight--bold vads-u-margin-y--0',
      'data-testid': 'alert-text',
    }, alert.text),
    srOnly,
    link,
  );
  // send_alert_live_region_empty (success) and send_error_not_announced (error): the hidden region
  // never gets the text, so nothing is announced.
  const silentError = defects.sendErrorNotAnnounced() || defects.sendErrorSilent();
  const silent = alert.status === 'error' ? silentError : defects.sendAlertLiveRegionEmpty();
  if (!silent) announceWhenFocusSettles(srOnly, alert.text);
  if ((alert.status === 'error' && !defects.sendErrorSilent()) || defects.sendAlertStealsFocus()) {
    // Error alerts take focus 500 ms after they load; send_alert_steals_focus does it for success too.
    setTimeout(() => {
      if (!node.isConnected) return;
      node.setAttribute('tabindex', '-1'); // as platform focusElement does, so the host can take focus
      node.focus();
    }, 500);
  }
  return node;
}

function sentMessagesLink(router, { path, text, testid }) {
  return h('va-link', {
    href: ROOT + path,
    text,
    'data-testid': testid,
    'data-dd-action-name': 'Sent messages link in success alert',
    onclick: (event) => {
      event.preventDefault();
      router.push(path);
    },
  });
}

// Fill the live region after focus has been still for 1 s (5 s at most), clearing it first, so screen
// readers finish what focus just announced before the polite announcement queues.
function announceWhenFocusSettles(region, text) {
  let debounce = null;
  let done = false;
  const announce = () => {
    if (done) return;
    done = true;
    clearTimeout(debounce);
    clearTimeout(ceiling);
    document.removeEventListener('focusin', onFocusIn);
    region.textContent = '';
    requestAnimationFrame(() => { region.textContent = text; });
  };
  const onFocusIn = () => {
    clearTimeout(debounce);
    debounce = setTimeout(announce, 1000);
  };
  const ceiling = setTimeout(announce, 5000);
  document.addEventListener('focusin', onFocusIn);
  onFocusIn();
}

// Closing the alert drops it and puts focus back on the h1 after 100 ms (MHV accessibility decision).
function closeAlert(node) {
  store.alert = null;
  node.remove();
  setTimeout(() => document.querySelector('h1')?.focus(), 100);
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
