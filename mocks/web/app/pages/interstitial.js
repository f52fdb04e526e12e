// /new-message/: the interstitial ("Only use messages for non-urgent needs"). Curated toggle on: a
// va-link-action to recent care teams (when there are recents) or select care team. Toggle off: the
// legacy Compose shows the interstitial inline with a va-button, then the legacy form at the same URL.
import { backLink, crisisLineButton } from '../components.js';
import { defects } from '../defects.js';
import { h, focusH1, ROOT, setTitle } from '../dom.js';
import { entryFolder, flags, hasRecents, loadRecents, loadRecipients, store } from '../store.js';
import { recipientsOk } from './guards.js';
import { cannotMessage, cannotMessageAt, legacyCompose } from './start-message.js';

const TEXT = 'Continue to start message';
const DD_NAME = `${TEXT} button on Interstitial Page`;

// Where the Back link above the interstitial leads. SmBreadcrumbs keys it by the address, not by what is
// shown: at /new-message/start-message/ (the interstitial shown in place on a direct load) it is select
// care team, as for the compose form; at /new-message/ the folder the flow was entered from.
function backDestination(path) {
  const inPlaceOfStartMessage = /^\/new-message\/start-message\/?$/.test(path);
  // direct_start_back_to_entry: the in-place interstitial's Back link leads to the entry folder.
  return inPlaceOfStartMessage && !defects.directStartBackToEntry() ? '/new-message/select-care-team/' : entryFolder();
}

// The interstitial content; `continueControl` differs between the curated and legacy variants.
export function interstitialContent(router, continueControl) {
  return h('div', { class: 'interstitial-page' },
    backLink(router, backDestination(router.path || '')),
    h('h1', { class: 'vads-u-margin-bottom--2' },
      'Only use messages for ', h('span', { class: 'no-word-wrap' }, 'non-urgent'), ' needs'),
    h('div', {},
      h('p', { class: 'vads-u-margin-top--0 vads-u-margin-bottom--3' },
        'Your care team may take up to ', h('strong', {}, '3 business days'), ' to reply.'),
      continueControl,
      // urgent_options_heading_lost: the same look as bold text, no longer a heading.
      h(defects.urgentOptionsHeadingLost() ? 'p' : 'h2',
        { class: `vads-u-font-size--h3 vads-u-margin-top--3 vads-u-margin-bottom--2${
          defects.urgentOptionsHeadingLost() ? ' vads-u-font-weight--bold vads-u-font-family--serif' : ''}` },
        'If you need help sooner, use one of these urgent communications options:'),
      h('ul', { class: 'vads-u-margin--0' },
        h('li', { class: 'vads-u-margin--0' },
          h('p', { class: 'vads-u-margin-top--0 vads-u-margin-bottom--1p5' },
            h('strong', {}, 'If you’re in crisis or having thoughts of suicide, '),
            ' connect with our Veterans Crisis Line. We offer confidential support anytime, day or night.'),
          crisisLineButton()),
        h('li', { class: 'vads-u-margin--0' },
          h('p', { class: 'vads-u-margin-top--1p5 vads-u-margin-bottom--0' },
            h('strong', {}, 'If you think your life or health is in danger, '),
            ' call ',
            h('va-telephone', { contact: '911', 'data-dd-action-name': '911 link on Interstital Page' }),
            ' or go to the nearest emergency room.')),
      ),
    ),
  );
}

export function interstitialTitle() {
  setTitle('Only Use Messages For Non-Urgent Needs | Veterans Affairs');
}

// Also rendered inline by start message when the interstitial was not accepted (URL unchanged).
// It renders at once; its link points to select care team until the sent-folder search finds
// recent care teams, then to recent care teams (the page object waits for that before clicking).
export async function curatedInterstitial(ctx) {
  const destination = () => (hasRecents() ? '/new-message/recent/' : '/new-message/select-care-team/');
  const link = h('va-link-action', {
    type: 'primary',
    text: TEXT,
    href: ROOT + destination(),
    'data-testid': 'start-message-link',
    'data-dd-action-name': DD_NAME,
    class: 'vads-u-display--block vads-u-margin-bottom--3',
    onclick: (event) => {
      event.preventDefault();
      store.acceptInterstitial = true;
      ctx.router.push(destination());
    },
  });
  interstitialTitle();
  const node = interstitialContent(ctx.router, link);
  ctx.mount(node);
  focusH1(node);
  if (!(await recipientsOk(ctx))) return;
  await loadRecents();
  if (ctx.isCurrent()) link.setAttribute('href', ROOT + destination());
}

// Legacy: the interstitial inline; its va-button reveals the legacy form at the same URL.
export function inlineInterstitial(ctx, onAccept) {
  const button = h('va-button', {
    text: TEXT,
    'data-testid': 'continue-button',
    'data-dd-action-name': DD_NAME,
    class: 'vads-u-display--block vads-u-margin-bottom--3',
    onclick: () => {
      store.acceptInterstitial = true;
      onAccept();
    },
  });
  interstitialTitle();
  const node = interstitialContent(ctx.router, button);
  ctx.mount(node);
  focusH1(node);
}

export async function newMessage(ctx) {
  if (flags.curated()) return curatedInterstitial(ctx);
  await loadRecipients();
  if (!ctx.isCurrent()) return undefined;
  if (cannotMessageAt(store.recipients)) return cannotMessage(ctx, entryFolder());
  if (!(await recipientsOk(ctx))) return undefined;
  if (!store.acceptInterstitial) return inlineInterstitial(ctx, () => legacyCompose(ctx));
  return legacyCompose(ctx);
}

export const curatedInlineInterstitial = curatedInterstitial;
