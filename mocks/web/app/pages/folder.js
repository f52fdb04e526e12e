// Folder pages (FIDELITY.md "Folder pages"): Inbox, Sent, Drafts, Trash and custom folders
// (FolderHeader), and More folders at /folders/ (Folders). "Start a new message" is offered on Inbox,
// Sent and More folders only, and never to patients who cannot message.
import { api } from '../api.js';
import { alertBox, backLink } from '../components.js';
import { h, focusH1, ROOT, routerLink, setTitle } from '../dom.js';
import { loadRecipients, store } from '../store.js';
import { defects } from '../defects.js';
import { blockedAlert, PARENT } from './blocked-alert.js';

const FOLDERS = {
  inbox: { id: 0, name: 'Inbox', path: '/inbox/' },
  sent: { id: -1, name: 'Sent', path: '/sent/' },
  drafts: { id: -2, name: 'Drafts', path: '/drafts/' },
  trash: { id: -3, name: 'Trash', path: '/trash/' },
};
const MORE_FOLDERS = 'More folders';
const INNER_NAV = [
  { path: '/inbox/', label: 'Inbox', testid: 'inbox-inner-nav' },
  { path: '/sent/', label: 'Sent', testid: 'sent-inner-nav' },
  { path: '/folders/', label: MORE_FOLDERS, testid: 'folders-inner-nav' },
];

// SmBreadcrumbs on folder pages: the full trail (va-breadcrumbs) where it ends at Inbox, Sent or More
// folders; a Back link to More folders on Drafts, Trash and custom folders.
function breadcrumbs(router, label, path) {
  const list = [
    { href: '/', label: 'VA.gov home' },
    { href: '/my-health', label: 'My HealtheVet' },
    { href: `${ROOT}${path}`, label: `Messages: ${label}` },
  ];
  const crumbs = h('va-breadcrumbs', {
    label: 'Breadcrumb',
    'home-veterans-affairs': true,
    class: 'mobile-lg:vads-u-margin-y--2',
    'data-testid': 'sm-breadcrumbs',
    'data-dd-action-name': 'Breadcrumb',
    uswds: true,
    onrouteChange: (event) => {
      const href = event.detail?.href || '';
      if (href.startsWith(ROOT)) router.push(href.slice(ROOT.length));
      else window.location.assign(href);
    },
  });
  crumbs.breadcrumbList = list.map((c) => ({ ...c, isRouterLink: c.href.startsWith(ROOT) }));
  return crumbs;
}

function innerNavigation(router) {
  return h('nav', { 'aria-label': 'Messages folders', class: 'sm-inner-nav' },
    h('ul', { class: 'sm-folder-nav' },
      INNER_NAV.map((item) => h('li', {}, routerLink(router, item.path, item.label, { 'data-testid': item.testid })))));
}

const cannotMessage = (r) => Boolean(r && (r.noAssociations || r.allBlocked || r.error));

function recipientsErrorAlert() {
  return h('va-alert', { status: 'warning', visible: true, 'data-testid': 'recipients-error-alert' },
    h('h2', { slot: 'headline' }, 'We can’t load your care team list right now'),
    h('p', {}, 'We’re sorry. Something went wrong on our end. Please refresh this page or try again later.'));
}

// ComposeMessageButton: a router link styled as a green action link, in a large-text wrapper.
function composeLink(router) {
  return h('div', { class: 'vads-u-margin-top--1 vads-u-font-size--lg' },
    routerLink(router, '/new-message/', 'Start a new message', {
      class: 'compose-message-link vads-c-action-link--green vads-u-font-weight--bold vads-u-padding-left--5',
      'data-testid': 'compose-message-link',
    }));
}

// FolderHeader's description: Inbox and Sent share Inbox's; Trash has its own; Drafts and custom
// folders have none.
const INBOX_DESCRIPTION = 'Communicate securely with your VA health care team.';
const DESCRIPTIONS = {
  inbox: INBOX_DESCRIPTION,
  sent: INBOX_DESCRIPTION,
  trash: 'These are the messages you moved to the trash from your inbox or folders. We won\'t permanently delete any messages.',
};

function folderDescription(kind) {
  const text = DESCRIPTIONS[kind];
  return text
    ? h('p', { 'data-testid': 'folder-description', class: 'va-introtext folder-description vads-u-margin-top--0' }, text)
    : null;
}

// ThreadListItem (FIDELITY I24H3): each thread links its subject to /thread/<messageId>/, where a draft
// opens for editing.
function threadListItem(router, a) {
  return h('div', { class: 'thread-list-item vads-l-row', 'data-testid': 'thread-list-item' },
    h('div', { class: 'vads-l-col vads-u-margin-left--1' },
      h('div', { 'data-dd-privacy': 'mask' }, a.recipientName || a.triageGroupName || a.senderName || ''),
      routerLink(router, `/thread/${a.messageId}/`, `${a.category}: ${a.subject || ''}`, {
        class: 'message-subject-link vads-u-margin-y--0p5',
        'data-dd-privacy': 'mask',
      })));
}

export const folder = (kind) => async (ctx) => {
  const custom = kind === 'custom';
  const info = custom
    ? { id: Number(ctx.params.folderId), name: 'Folder', path: `/folders/${ctx.params.folderId}/` }
    : FOLDERS[kind];
  store.currentFolder = kind === 'drafts' || kind === 'trash' ? '/inbox/' : info.path;
  setTitle(`Messages: ${info.name} | Veterans Affairs`);
  await loadRecipients();
  if (!ctx.isCurrent()) return;
  const r = store.recipients;
  const withNav = kind === 'inbox' || kind === 'sent';
  const list = h('div', { 'data-testid': 'thread-list' }, h('p', {}, 'Loading messages...'));
  const node = h('div', {},
    withNav ? breadcrumbs(ctx.router, info.name, info.path) : backLink(ctx.router, '/folders/'),
    h('h1', { class: 'vads-u-margin-bottom--1', 'data-testid': 'folder-header' }, `Messages: ${info.name}`),
    alertBox(ctx.router, { className: 'vads-u-margin-y--1' }),
    kind === 'inbox' && r && (r.noAssociations || r.allBlocked)
      ? blockedAlert(r, { style: r.noAssociations ? 'info' : 'warning', parent: PARENT.folder })
      : null,
    folderDescription(kind),
    withNav && r?.error ? recipientsErrorAlert() : null,
    withNav && !cannotMessage(r) ? composeLink(ctx.router) : null,
    withNav ? innerNavigation(ctx.router) : null,
    h('h2', { class: 'vads-u-font-size--h3' }, 'Messages'),
    list,
  );
  ctx.mount(node);
  // focus_left_on_send: after a send the heading does not take focus (it stays where the Send button was).
  if (!(defects.focusLeftOnSend() && store.alert?.status === 'success')) focusH1(node);
  try {
    const threads = await api.threads(info.id);
    const items = (threads?.data || []).map((t) => t.attributes || {});
    list.replaceChildren(
      items.length
        ? h('div', {}, items.map((a) => threadListItem(ctx.router, a)))
        : h('p', {}, 'There are no messages in this folder.'),
    );
  } catch {
    list.replaceChildren(h('p', {}, 'Unable to retrieve messages at this moment'));
  }
};

// FoldersList: `li.folder-link[data-testid=<API name>]` > link to the folder's path; Deleted reads "Trash".
const SYSTEM_PATHS = { '-2': '/drafts/', '-3': '/trash/' };
function folderLink(router, f) {
  const path = SYSTEM_PATHS[String(f.folderId)] || `/folders/${f.folderId}/`;
  const name = f.folderId === FOLDERS.trash.id ? FOLDERS.trash.name : f.name;
  return h('li', { class: 'folder-link', 'data-testid': f.name },
    routerLink(router, path, h('div', { class: 'icon-span-container' },
      h('va-icon', { icon: 'folder', size: 3, 'aria-hidden': 'true' }),
      h('span', { class: 'vads-u-margin-left--1', 'data-dd-privacy': 'mask' }, name))));
}

// /folders/: "Messages: More folders", the entry link, the inner navigation and the other folders.
export async function moreFolders(ctx) {
  store.currentFolder = '/folders/';
  setTitle(`${MORE_FOLDERS} | Veterans Affairs`);
  await loadRecipients();
  if (!ctx.isCurrent()) return;
  const r = store.recipients;
  const list = h('div', { class: 'vads-u-margin-top--2' }, h('p', {}, 'Loading folders...'));
  const node = h('div', { class: 'folders-container' },
    breadcrumbs(ctx.router, MORE_FOLDERS, '/folders/'),
    h('h1', { class: 'vads-u-margin-bottom--2', 'data-testid': 'my-folder-header' }, `Messages: ${MORE_FOLDERS}`),
    alertBox(ctx.router),
    r && (r.noAssociations || r.allBlocked)
      ? blockedAlert(r, { style: r.noAssociations ? 'info' : 'warning', parent: PARENT.folder })
      : null,
    cannotMessage(r) ? null : composeLink(ctx.router),
    innerNavigation(ctx.router),
    list,
  );
  ctx.mount(node);
  focusH1(node);
  try {
    const folders = (await api.folders())?.data || [];
    // Folders (FIDELITY I24H1): every folder in the API's order, but Inbox and Sent (inner navigation).
    let others = folders.map((f) => f.attributes || {}).filter((f) => f.folderId !== -1 && f.folderId !== 0);
    // more_folders_drop_system_folders: only the patient's own folders are listed, Drafts and Trash lost.
    if (defects.moreFoldersDropSystemFolders()) others = others.filter((f) => f.folderId > 0);
    list.replaceChildren(h('ul', { class: 'folders-list' }, others.map((f) => folderLink(ctx.router, f))));
  } catch {
    list.replaceChildren(h('p', {}, 'We’re sorry. Something went wrong on our end.'));
  }
}
