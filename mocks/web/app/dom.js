// Tiny element builder and page helpers (no framework: the VA web components do the heavy lifting).
import { defects } from './defects.js';

export const ROOT = '/my-health/secure-messages';

// h('va-button', {text: 'Send', onclick: fn}, child...) -> element. `on<event>` adds a listener
// (the event name keeps its case, e.g. onvaValueChange); `props` assigns DOM properties;
// true sets an empty attribute; false/null/undefined skip it.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'props') Object.assign(el, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function setTitle(title) {
  document.title = title;
}

// Focus the page's h1 as the real containers do on mount (unless the no_h1_focus defect is on).
export function focusH1(root) {
  if (defects.skipH1Focus()) return;
  const h1 = root.querySelector('h1');
  if (!h1) return;
  h1.setAttribute('tabindex', '-1');
  h1.focus({ preventScroll: false });
}

// Focus the inner control of the first web component carrying an error, after 300 ms as the
// real focusOnErrorField helper does.
export function focusFirstError(root, delay = 300) {
  setTimeout(() => {
    const host = [...root.querySelectorAll('[error]')].find((el) => el.getAttribute('error'));
    if (!host) return;
    innerControl(host)?.focus();
  }, delay);
}

export function innerControl(host) {
  const tag = host.tagName.toLowerCase();
  if (tag === 'va-radio') {
    const option = host.querySelector('va-radio-option');
    return option?.shadowRoot?.querySelector('input') || option?.querySelector('input') || option;
  }
  const sr = host.shadowRoot;
  if (!sr) return host;
  return sr.querySelector('input, textarea, select') || host;
}

// A single-page-app link (React Router <Link> semantics): real href, click handled by the router.
export function routerLink(router, path, text, attrs = {}) {
  return h('a', {
    ...attrs,
    href: ROOT + path,
    onclick: (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      attrs.beforeNavigate?.();
      router.push(path);
    },
  }, text);
}
