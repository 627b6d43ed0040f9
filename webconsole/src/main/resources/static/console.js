// The Arus console: a single page of plain ES modules, no build step, nothing loaded from outside the server.
// This entry draws the shell (top bar, navigation, theme, the user's menu) and maps each #/path to its page.
//
// Pages and the API they read (all under /api, JSON, problem+json errors):
//   dashboard      api/dashboard (with the newest runs), api/pipelines (each with its last run)
//   pipelines      api/pipelines, api/sources/{id}/streams, api/schedule/preview, api/notification-targets,
//                  api/transforms (+ /{type}/check), api/pipelines/preview, api/pipelines/{id}/lineage
//   runs           api/runs (filtered list), api/runs/{id}, api/runs/{id}/series, api/runs/{id}/logs and /log,
//                  api/events (Server-Sent Events), api/dead-letters
//   dag            api/dag
//   sources, destinations   api/sources, api/destinations, api/connectors
//   notifications  api/notification-targets, api/notifiers
//   plugins        api/plugins, api/connectors, api/transforms, api/notifiers
//   cluster        api/cluster
//   users, tokens, audit, settings   api/users, api/tokens, api/audit, api/settings, api/me
//   api            api/openapi.json, drawn by Swagger UI (vendor/swagger-ui, unpacked at build time)

import { h, replace } from './js/dom.js';
import { api, describeError } from './js/api.js';
import { session } from './js/session.js';
import { startRouter, navigate } from './js/router.js';
import { icon } from './js/ui/icons.js';
import { toast } from './js/ui/toast.js';
import { errorPanel } from './js/ui/page.js';

/** A page module, loaded when first opened. */
const page = name => () => import(`./js/pages/${name}.js`);

/** @type {import('./js/router.js').Route[]} */
const ROUTES = [
  { path: '/login', load: page('login'), title: 'Sign in', public: true },
  { path: '/', load: page('dashboard'), title: 'Dashboard' },
  { path: '/pipelines', load: page('pipelines'), title: 'Pipelines' },
  { path: '/pipelines/new', load: page('pipeline-edit'), title: 'New pipeline', role: 'editor' },
  { path: '/pipelines/:id', load: page('pipeline-detail'), title: 'Pipeline' },
  { path: '/pipelines/:id/edit', load: page('pipeline-edit'), title: 'Edit pipeline', role: 'editor' },
  { path: '/runs', load: page('runs'), title: 'Runs' },
  { path: '/runs/:id', load: page('run'), title: 'Run' },
  { path: '/dag', load: page('dag'), title: 'DAG' },
  { path: '/sources', load: page('connections'), title: 'Sources', props: { kind: 'source' } },
  { path: '/sources/new', load: page('connection-edit'), title: 'New source', props: { kind: 'source' }, role: 'editor' },
  { path: '/sources/:id', load: page('connection-edit'), title: 'Source', props: { kind: 'source' } },
  { path: '/sources/:id/streams', load: page('streams'), title: 'Streams' },
  { path: '/destinations', load: page('connections'), title: 'Destinations', props: { kind: 'destination' } },
  { path: '/destinations/new', load: page('connection-edit'), title: 'New destination', props: { kind: 'destination' }, role: 'editor' },
  { path: '/destinations/:id', load: page('connection-edit'), title: 'Destination', props: { kind: 'destination' } },
  { path: '/notifications', load: page('notifications'), title: 'Notifications' },
  { path: '/notifications/new', load: page('notification-edit'), title: 'New notification target', role: 'editor' },
  { path: '/notifications/:id', load: page('notification-edit'), title: 'Notification target' },
  { path: '/plugins', load: page('plugins'), title: 'Plugins' },
  { path: '/cluster', load: page('cluster'), title: 'Cluster' },
  { path: '/users', load: page('users'), title: 'Users', role: 'admin' },
  { path: '/tokens', load: page('tokens'), title: 'API tokens' },
  { path: '/audit', load: page('audit'), title: 'Audit log', role: 'admin' },
  { path: '/settings', load: page('settings'), title: 'Settings' },
  { path: '/code', load: page('pipelines-as-code'), title: 'Import / Export', role: 'editor' },
  { path: '/api', load: page('api'), title: 'API' },
];

const NOT_FOUND = {
  path: '*', title: 'Not found',
  load: async () => ({
    render: ({ view }) => replace(view, h('div.notice.warn', h('h3', 'No such page'),
      h('p', 'The address ', h('code', location.hash), ' does not lead anywhere. '), h('p', h('a', { href: '#/' }, 'Go to the dashboard')))),
  }),
};

const NAV = [
  { href: '#/', label: 'Dashboard', icon: 'dashboard' },
  { href: '#/pipelines', label: 'Pipelines', icon: 'pipeline' },
  { href: '#/runs', label: 'Runs', icon: 'activity' },
  { href: '#/dag', label: 'DAG', icon: 'dag' },
  { href: '#/sources', label: 'Sources', icon: 'source' },
  { href: '#/destinations', label: 'Destinations', icon: 'destination' },
  { href: '#/notifications', label: 'Notifications', icon: 'bell' },
  { href: '#/code', label: 'Import / Export', icon: 'upload', role: 'editor' },
  { section: 'Administration' },
  { href: '#/plugins', label: 'Plugins', icon: 'plug' },
  { href: '#/cluster', label: 'Cluster', icon: 'activity' },
  { href: '#/users', label: 'Users', icon: 'users', role: 'admin' },
  { href: '#/tokens', label: 'API tokens', icon: 'key' },
  { href: '#/audit', label: 'Audit log', icon: 'audit', role: 'admin' },
  { href: '#/settings', label: 'Settings', icon: 'settings' },
  { href: '#/api', label: 'API', icon: 'send' },
];

const app = document.getElementById('app');
const nav = document.getElementById('nav');
const navToggle = document.getElementById('nav-toggle');
const userMenu = document.getElementById('user-menu');
const themeToggle = document.getElementById('theme-toggle');

// ---- theme -------------------------------------------------------------------------------------------------

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  const next = theme === 'dark' ? 'light' : 'dark';
  themeToggle.setAttribute('aria-label', `Switch to the ${next} theme`);
  themeToggle.title = `Switch to the ${next} theme`;
  replace(themeToggle, icon(theme === 'dark' ? 'sun' : 'moon'));
}

themeToggle.addEventListener('click', () => {
  const theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  try {
    localStorage.setItem('arus.theme', theme);
  } catch (e) {
    // not remembered, still applied
  }
  applyTheme(theme);
});
applyTheme(document.documentElement.dataset.theme || 'light');

// ---- shell -------------------------------------------------------------------------------------------------

function renderShell() {
  const user = session.user();
  app.classList.toggle('signed-out', !user);
  nav.hidden = !user;
  navToggle.hidden = !user;
  userMenu.hidden = !user;
  if (!user) return;
  replace(nav, NAV.filter(item => !item.role || session.can(item.role)).map(item => item.section
    ? h('div.nav-section', item.section)
    : h('a', { href: item.href, dataset: { nav: item.href } }, icon(item.icon), item.label)));
  replace(userMenu,
    h('span.who', { title: 'Signed in' }, h('strong', user.username), ` · ${user.role}`),
    h('button.icon-button', {
      type: 'button', 'aria-label': 'Sign out', title: 'Sign out', dataset: { signout: 'true' },
      onclick: async () => {
        await session.logout();
        navigate('/login');
      },
    }, icon('logout')));
  markActive();
}

function markActive() {
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  let best = null;
  nav.querySelectorAll('a[data-nav]').forEach(a => {
    const target = a.dataset.nav.replace(/^#/, '');
    const hit = target === '/' ? path === '/' : path === target || path.startsWith(target + '/');
    if (hit && (!best || target.length > best.dataset.nav.length)) best = a;
    a.classList.remove('active');
    a.removeAttribute('aria-current');
  });
  if (best) {
    best.classList.add('active');
    best.setAttribute('aria-current', 'page');
  }
}

navToggle.replaceChildren(icon('menu'));
navToggle.addEventListener('click', () => {
  const open = !nav.classList.contains('open');
  nav.classList.toggle('open', open);
  navToggle.setAttribute('aria-expanded', String(open));
});
const closeNav = () => {
  nav.classList.remove('open');
  navToggle.setAttribute('aria-expanded', 'false');
};
nav.addEventListener('click', event => { if (event.target.closest('a')) closeNav(); });
// the menu is a drawer on a phone: a tap elsewhere or Escape closes it
document.addEventListener('click', event => {
  if (nav.classList.contains('open') && !nav.contains(event.target) && !navToggle.contains(event.target)) closeNav();
});
document.addEventListener('keydown', event => { if (event.key === 'Escape') closeNav(); });

let shownUser = JSON.stringify(session.user());
session.onChange(() => {
  const now = JSON.stringify(session.user());
  if (now !== shownUser) {
    shownUser = now;
    renderShell();
  }
  // signed out here or in another tab: back to the sign-in page
  if (!session.signedIn() && !location.hash.startsWith('#/login')) navigate('/login');
});

// ---- routing -----------------------------------------------------------------------------------------------

function guard(route, { path, query }) {
  if (route.public) {
    return session.signedIn() && path === '/login' ? query.next || '/' : null;
  }
  if (!session.signedIn()) {
    return '/login' + (path !== '/' ? '?next=' + encodeURIComponent(path + queryString(query)) : '');
  }
  return null;
}

function queryString(query) {
  const q = new URLSearchParams(query).toString();
  return q ? '?' + q : '';
}

/** Wraps each route so that a page needing a higher role says so instead of failing on 403s. */
const routes = ROUTES.map(route => ({
  ...route,
  load: async () => {
    if (route.role && !session.can(route.role)) {
      return {
        render: ({ view }) => replace(view, h('div.notice.warn', h('h3', `This page needs the ${route.role} role`),
          h('p', `You are signed in as ${session.user().username} with the ${session.user().role} role.`))),
      };
    }
    return route.load();
  },
}));

window.addEventListener('unhandledrejection', event => {
  toast(describeError(event.reason), 'error');
});
window.addEventListener('error', event => {
  if (event.error) toast(describeError(event.error), 'error');
});

renderShell();
startRouter({
  routes,
  outlet: document.getElementById('view'),
  guard,
  notFound: NOT_FOUND,
  onRoute: () => markActive(),
  onError: (view, error) => {
    console.error(error);
    replace(view, errorPanel(error, { what: 'this page', retry: () => location.reload() }));
  },
});

// the role may have changed since the last sign-in
if (session.signedIn()) {
  api.get('me').then(user => session.setUser(user)).catch(() => null);
}
