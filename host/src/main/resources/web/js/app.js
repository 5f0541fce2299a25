// Shoplink web UI: session, hash router and the page shell. Views live in ./views/.
import { get, del, setCsrf, signedIn, isAbort } from './api.js';
import { replace, h, errorBanner } from './dom.js';
import { signInView } from './views/signin.js';
import { integrationsView } from './views/integrations.js';
import { integrationFormView } from './views/integration-form.js';
import { mappingView } from './views/mapping.js';
import { ordersView } from './views/orders.js';
import { orderDetailView } from './views/order-detail.js';
import { pluginsView } from './views/plugins.js';
import { switchShopView } from './views/switch-shop.js';

const routes = [
  { pattern: /^\/signin$/, view: signInView, open: true },
  { pattern: /^\/integrations$/, view: integrationsView, nav: 'integrations' },
  { pattern: /^\/integrations\/new$/, view: integrationFormView, nav: 'integrations' },
  { pattern: /^\/integrations\/(\d+)\/edit$/, view: integrationFormView, nav: 'integrations', params: ['id'] },
  { pattern: /^\/integrations\/(\d+)\/mapping$/, view: mappingView, nav: 'integrations', params: ['id'] },
  { pattern: /^\/integrations\/(\d+)\/switch$/, view: switchShopView, nav: 'integrations', params: ['id'] },
  { pattern: /^\/orders$/, view: ordersView, nav: 'orders' },
  { pattern: /^\/orders\/(\d+)$/, view: orderDetailView, nav: 'orders', params: ['id'] },
  { pattern: /^\/plugins$/, view: pluginsView, nav: 'plugins' },
];

const session = {
  system: null,       // GET /api/v1/system, once signed in
  message: null,      // shown on the sign-in screen once
  returnTo: null,     // where to go after signing in
};

let current = { controller: null, cleanup: null };

function parseHash() {
  const raw = location.hash.replace(/^#/, '');
  const at = raw.indexOf('?');
  const path = decodeURIComponent(at < 0 ? raw : raw.substring(0, at)) || '/';
  const qs = at < 0 ? '' : raw.substring(at + 1);
  return { path, query: Object.fromEntries(new URLSearchParams(qs)) };
}

export function navigate(path, query) {
  const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  const target = `#${path}${qs ? `?${qs}` : ''}`;
  if (location.hash === target) {
    render();
  } else {
    location.hash = target;
  }
}

/** Changes the query of the current route without re-rendering (filters, tabs, pages). */
function replaceQuery(query) {
  const { path } = parseHash();
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString();
  history.replaceState(null, '', `#${path}${qs ? `?${qs}` : ''}`);
}

async function loadSystem() {
  session.system = await get('/system');
  document.getElementById('demo-badge').hidden = !session.system.demo;
  return session.system;
}

function updateShell(route) {
  const on = signedIn();
  document.getElementById('nav').hidden = !on;
  document.getElementById('sign-out').hidden = !on;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (route && route.nav === link.dataset.nav) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

/** The route of the current hash and its parameters; null after sending the user elsewhere. */
function resolveRoute() {
  const { path, query } = parseHash();
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) {
    navigate(signedIn() ? '/integrations' : '/signin');
    return null;
  }
  if (!route.open && !signedIn()) {
    session.returnTo = location.hash;
    navigate('/signin');
    return null;
  }
  const params = {};
  const match = path.match(route.pattern);
  (route.params || []).forEach((name, i) => { params[name] = match[i + 1]; });
  return { route, params, query };
}

/** What a view gets: where to draw, the route's parameters, the session and the router's functions. */
function viewContext(main, params, query, signal) {
  return {
    main,
    params,
    query,
    signal,
    system: session.system,
    session,
    navigate,
    replaceQuery,
    onLeave: (fn) => { current.cleanup = fn; },
    signedIn: async () => {
      await loadSystem();
      const back = session.returnTo;
      session.returnTo = null;
      if (back && !back.startsWith('#/signin')) {
        location.hash = back;
      } else {
        navigate('/integrations');
      }
    },
  };
}

async function render() {
  if (current.controller) {
    current.controller.abort();
  }
  if (current.cleanup) {
    current.cleanup();
  }
  const controller = new AbortController();
  current = { controller, cleanup: null };
  const resolved = resolveRoute();
  if (!resolved) {
    return;
  }
  const { route, params, query } = resolved;
  const main = document.getElementById('main');
  updateShell(route);
  replace(main, h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (!route.open && !session.system) {
      await loadSystem();
    }
    if (controller.signal.aborted) {
      return;
    }
    await route.view(viewContext(main, params, query, controller.signal));
    if (!controller.signal.aborted && !main.contains(document.activeElement)) {
      const heading = main.querySelector('h1');
      if (heading) {
        heading.focus({ preventScroll: false });
      }
    }
  } catch (e) {
    showFailure(main, controller, e);
  }
}

function showFailure(main, controller, e) {
  if (isAbort(e) || controller.signal.aborted) {
    return;
  }
  if (e && e.status === 401) {
    return; // the unauthorized handler already went to sign-in
  }
  replace(main, errorBanner(e, 'This page could not be loaded.'));
}

function signOut(message) {
  setCsrf(null);
  session.system = null;
  session.message = message || null;
  document.getElementById('demo-badge').hidden = true;
  navigate('/signin');
}

window.addEventListener('shoplink:unauthorized', () => {
  if (!signedIn()) {
    return;
  }
  const { path } = parseHash();
  if (path !== '/signin') {
    session.returnTo = location.hash;
  }
  signOut('Your session has ended (signed out in another tab, expired, or the host restarted): please sign in again with the admin token.');
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await del('/session', undefined, { quiet: true });
  } catch (e) {
    // the session is gone anyway, or the host is unreachable: this tab forgets it either way
  }
  signOut('You are signed out in every tab of this browser.');
});

// a tab opened after signing in finds the browser's session (the cookie) and learns its CSRF token
async function resume() {
  try {
    const current = await get('/session', undefined, { quiet: true });
    setCsrf(current.csrfToken);
  } catch (e) {
    setCsrf(null);
  }
}

resume().then(() => {
  window.addEventListener('hashchange', render);
  render();
});
