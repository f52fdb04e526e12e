// A Datadog-RUM-compatible action recorder and the GA dataLayer, as production sees them.
// Click actions take their name from the nearest data-dd-action-name (across shadow roots via
// composedPath), else from the clicked link's or button's text, as RUM's action tracking does.
import { rumEndpoint } from './defects.js';

const actions = [];
window.SM_RUM_ACTIONS = actions;
window.dataLayer = window.dataLayer || [];

const INTERACTIVE = new Set(['a', 'button', 'va-link', 'va-link-action', 'va-button', 'summary', 'label', 'input']);

function post(action) {
  if (!rumEndpoint) return;
  fetch(rumEndpoint, {
    method: 'POST',
    keepalive: true, // the click often navigates; keepalive lets the post finish
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ actions: [action] }),
  }).catch(() => {});
}

function record(type, name, context = {}) {
  const action = { type, name, context, url: window.location.href, ts: Date.now() };
  actions.push(action);
  post(action);
  return action;
}

function textOf(el) {
  const labelled = el.tagName === 'INPUT' ? el.labels?.[0]?.textContent : null;
  const text = el.getAttribute?.('text') || labelled || el.textContent || '';
  return text.replace(/\s+/g, ' ').trim();
}

function clickName(path) {
  const elements = path.filter((node) => node instanceof Element);
  const named = elements.find((el) => el.hasAttribute('data-dd-action-name'));
  if (named) return named.getAttribute('data-dd-action-name');
  const control = elements.find((el) => INTERACTIVE.has(el.tagName.toLowerCase()));
  return control ? textOf(control) : null;
}

let last = { name: null, ts: 0 };
document.addEventListener(
  'click',
  (event) => {
    const name = clickName(event.composedPath());
    if (!name) return;
    const now = Date.now();
    // A click on a label re-dispatches a click on its input: RUM counts one action.
    if (name === last.name && now - last.ts < 100) return;
    last = { name, ts: now };
    record('click', name);
  },
  true,
);

export const userProperties = {};
window.DD_RUM = {
  addAction: (name, context) => record('custom', name, context || {}),
  addUserProperties: (props) => Object.assign(userProperties, props),
  getActions: () => actions.slice(),
};

export function addAction(name, context) {
  window.DD_RUM.addAction(name, context);
}

// vets-website's recordEvent: a plain push onto the GA dataLayer.
export function recordEvent(event) {
  window.dataLayer.push(event);
}

// Design-system components with enable-analytics emit this event; the platform forwards it to GA.
document.addEventListener('component-library-analytics', (event) => {
  const { componentName, action, details } = event.detail || {};
  recordEvent({ event: `int-${componentName}-${action}`, ...details });
});
