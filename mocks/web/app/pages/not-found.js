// MhvPageNotFoundContent: what any unknown path (and a curated-only path with the toggle off) shows.
import { h, focusH1, ROOT, setTitle } from '../dom.js';

export function notFound(ctx) {
  setTitle('Page not found | Veterans Affairs');
  const node = h('div', { 'data-testid': 'mhv-page-not-found' },
    h('h1', { class: 'vads-u-margin-top--4' }, 'Sorry — we can’t find that page'),
    h('p', {}, 'Try searching VA.gov or go back to your messages.'),
    h('p', {}, h('va-link', { href: `${ROOT}/inbox/`, text: 'Go to your inbox' })),
  );
  ctx.mount(node);
  focusH1(node);
}
