// MhvPageNotFoundContent (FIDELITY.md "Page not found"): any unknown path, and a curated-only path
// with the toggle off. No breadcrumbs.
import { h, focusH1, setTitle } from '../dom.js';
import { recordEvent } from '../rum.js';

export function notFound(ctx) {
  setTitle('Page not found | Veterans Affairs');
  recordEvent({ event: 'nav-404-error' });
  const node = h('div', { class: 'vads-l-grid-container medium-screen:vads-u-padding-x--0 vads-u-margin-bottom--5' },
    h('div', { class: 'vads-l-row' },
      h('div', { class: 'vads-l-col--12 medium-screen:vads-l-col--8' },
        h('div', { 'data-testid': 'mhv-page-not-found' },
          h('h1', { class: 'vads-u-margin-top--4' }, 'Page not found'),
          h('p', {}, 'If you typed or copied the URL into your web browser, check that it’s correct.'),
          h('p', {}, 'If that doesn’t work, try going to the My HealtheVet homepage.'),
          h('p', {}, h('va-link', { href: '/my-health', text: 'Go to the My HealtheVet on VA.gov homepage' })),
          h('p', { class: 'vads-u-measure--4' }, 'If you still can’t find what you need, call us at ',
            h('va-telephone', { contact: '8773270022' }), ' (', h('va-telephone', { contact: '711', tty: true }),
            '). We’re here Monday through Friday; 8:00 a.m. to 8:00 p.m. ET.')))));
  ctx.mount(node);
  focusH1(node);
}
