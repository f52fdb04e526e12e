// A small history router under the app root. Pages are async functions `page(ctx)`; a page may
// install a leave guard (the compose RouteLeavingGuard) that can hold a navigation back.
import { ROOT } from './dom.js';
import { clearDraft, store } from './store.js';

const KEEP_DRAFT = [/^\/new-message\//, /^\/contact-list\//, /^\/thread\/[^/]+\/?$/];

let routes = [];
let container = null;
let renderToken = 0;
let cleanups = [];
let currentPath = null;

export const currentAppPath = () => {
  const { pathname } = window.location;
  return pathname.startsWith(ROOT) ? pathname.slice(ROOT.length) || '/' : '/';
};

export const router = {
  guard: null, // (destination) => boolean; false holds the navigation (the guard shows its modal)

  push(path, { replace = false, force = false } = {}) {
    if (!force && router.guard && !router.guard(path)) return;
    const url = ROOT + path;
    if (replace) window.history.replaceState({}, '', url);
    else window.history.pushState({}, '', url);
    render();
  },

  back() {
    window.history.back();
  },

  get path() {
    return currentPath;
  },
};

// Side effects of a pathname change that the real App performs (AuthorizedRoutes, SmBreadcrumbs).
function onPathChange(previous, next) {
  if (previous === next) return;
  store.previousUrl = previous;
  if (next.startsWith('/new-message/') && previous && /^\/(inbox|sent)\/$|^\/folders\//.test(previous)) {
    sessionStorage.setItem('sm_composeEntryUrl', previous);
  }
  if (!KEEP_DRAFT.some((re) => re.test(next))) clearDraft();
  if (store.alert) {
    if (store.alert.sticky > 0) store.alert.sticky -= 1;
    else store.alert = null;
  }
}

async function render() {
  const token = ++renderToken;
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch (err) {
      console.error(err);
    }
  }
  router.guard = null;
  const path = currentAppPath();
  onPathChange(currentPath, path);
  currentPath = path;
  const query = new URLSearchParams(window.location.search);
  const [page, params] = match(path);
  const ctx = {
    path,
    params,
    query,
    router,
    isCurrent: () => token === renderToken,
    mount(node) {
      if (token === renderToken) container.replaceChildren(node);
    },
    onLeave(fn) {
      if (token === renderToken) cleanups.push(fn);
    },
    redirect(to) {
      if (token === renderToken) router.push(to, { force: true });
    },
  };
  try {
    await page(ctx);
  } catch (err) {
    console.error(err);
  }
}

function match(path) {
  for (const [pattern, page] of routes) {
    const m = path.match(pattern);
    if (m) return [page, m.groups || {}];
  }
  return [routes.notFound, {}];
}

export function startRouter(el, table, notFound) {
  container = el;
  routes = table;
  routes.notFound = notFound;
  window.addEventListener('popstate', () => {
    const to = currentAppPath();
    if (router.guard && !router.guard(to)) {
      // Held: put the current page back on top of history until the guard decides.
      window.history.pushState({}, '', ROOT + currentPath);
      return;
    }
    render();
  });
  render();
}
