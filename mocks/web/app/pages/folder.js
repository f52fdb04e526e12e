// Folder pages (Inbox, Sent, Drafts, Trash, custom folders): enough to land on, with the
// "Start a new message" entry link and the folder's recent threads.
import { api } from '../api.js';
import { alertBox } from '../components.js';
import { h, focusH1, routerLink, setTitle } from '../dom.js';
import { store } from '../store.js';

const FOLDERS = {
  inbox: { id: 0, name: 'Inbox', path: '/inbox/' },
  sent: { id: -1, name: 'Sent', path: '/sent/' },
  drafts: { id: -2, name: 'Drafts', path: '/drafts/' },
  trash: { id: -3, name: 'Trash', path: '/trash/' },
};

export const folder = (kind) => async (ctx) => {
  const info =
    kind === 'custom'
      ? { id: Number(ctx.params.folderId), name: 'Folder', path: `/folders/${ctx.params.folderId}/` }
      : FOLDERS[kind];
  store.currentFolder = kind === 'drafts' || kind === 'trash' ? '/inbox/' : info.path;
  setTitle(`Messages: ${info.name} | Veterans Affairs`);
  const list = h('div', { 'data-testid': 'thread-list' }, h('p', {}, 'Loading messages...'));
  const node = h('div', {},
    alertBox(ctx.router),
    h('h1', { class: 'vads-u-margin-top--2' }, info.name),
    h('nav', { 'aria-label': 'Messages folders' },
      h('ul', { class: 'sm-folder-nav' },
        Object.values(FOLDERS).map((f) =>
          h('li', {}, routerLink(ctx.router, f.path, f.name, { 'data-testid': `${f.name.toLowerCase()}-inner-nav` })),
        ),
        h('li', {}, routerLink(ctx.router, '/contact-list/', 'Contact list', { 'data-testid': 'contact-list-nav' })),
      ),
    ),
    routerLink(ctx.router, '/new-message/', 'Start a new message', {
      class: 'compose-message-link vads-u-display--block vads-u-margin-y--3 vads-u-font-weight--bold',
      'data-testid': 'compose-message-link',
    }),
    h('h2', { class: 'vads-u-font-size--h3' }, 'Messages'),
    list,
  );
  ctx.mount(node);
  focusH1(node);
  try {
    const threads = await api.threads(info.id);
    const items = (threads?.data || []).map((t) => t.attributes || {});
    list.replaceChildren(
      items.length
        ? h('ul', { class: 'sm-thread-list' },
            items.map((a) => h('li', {}, h('strong', {}, a.subject || '(no subject)'), h('br'),
              a.recipientName || a.triageGroupName || a.senderName || '')))
        : h('p', {}, 'There are no messages in this folder.'),
    );
  } catch {
    list.replaceChildren(h('p', {}, 'Unable to retrieve messages at this moment'));
  }
};
