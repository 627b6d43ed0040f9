// Hash routing: '#/pipelines/42?tab=runs' -> the route '/pipelines/:id' with params {id: '42'}, query {tab: 'runs'}.
// Each page renders into a fresh container; what it registers with ctx.onCleanup (timers, event streams) ends when
// the user leaves it.

/**
 * @typedef {Object} Route
 * @property {string} path a pattern such as '/pipelines/:id'
 * @property {function(): Promise<{render: function(PageContext): (void|Promise<void>)}>} load the page module
 * @property {string} [title] the document title
 * @property {boolean} [public] shown without signing in
 * @property {'viewer'|'editor'|'admin'} [role] least role to open it
 * @property {Object<string, *>} [props] fixed values handed to the page (e.g. {kind: 'source'})
 */

/**
 * @typedef {Object} PageContext
 * @property {HTMLElement} view the page's container
 * @property {Object<string, string>} params path parameters
 * @property {Object<string, string>} query query parameters
 * @property {Object<string, *>} props the route's fixed values
 * @property {Route} route the matched route
 * @property {function(function(): void): void} onCleanup registers work to undo when the page is left
 * @property {function(): boolean} active whether the page is still the one shown
 */

/**
 * Splits a hash into path and query.
 *
 * @param {string} hash e.g. '#/runs/7?follow=1'
 * @returns {{path: string, query: Object<string, string>}}
 */
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/';
  const [path, search] = raw.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(search || '')) };
}

/**
 * Matches a path against a pattern.
 *
 * @param {string} pattern '/pipelines/:id'
 * @param {string} path '/pipelines/42'
 * @returns {Object<string, string>|null} the parameters, or null when it does not match
 */
export function match(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

/**
 * Goes to a console path.
 *
 * @param {string} path e.g. '/pipelines/42'
 */
export function navigate(path) {
  location.hash = '#' + path;
}

/**
 * Starts routing.
 *
 * @param {Object} options
 * @param {Route[]} options.routes
 * @param {HTMLElement} options.outlet where pages render
 * @param {function(Route, {path: string, query: Object}): (string|null)} options.guard may redirect: returns the
 *   path to go to instead, or null to render
 * @param {function(Route|null, string): void} options.onRoute called after each route change (menus, titles)
 * @param {function(HTMLElement, *): void} options.onError renders an error the page threw
 * @param {Route} options.notFound
 * @returns {{refresh: function(): void}}
 */
export function startRouter({ routes, outlet, guard, onRoute, onError, notFound }) {
  let cleanups = [];
  let generation = 0;

  async function show() {
    const { path, query } = parseHash(location.hash);
    let route = null;
    let params = {};
    for (const candidate of routes) {
      const found = match(candidate.path, path);
      if (found) {
        route = candidate;
        params = found;
        break;
      }
    }
    route = route || notFound;
    const redirect = guard(route, { path, query });
    if (redirect !== null && redirect !== undefined) {
      navigate(redirect);
      return;
    }
    cleanups.forEach(fn => { try { fn(); } catch (e) { /* already gone */ } });
    cleanups = [];
    const mine = ++generation;
    delete outlet.dataset.ready;
    const view = document.createElement('div');
    view.className = 'page';
    outlet.replaceChildren(view);
    document.title = (route.title ? route.title + ' · ' : '') + 'Arus';
    onRoute(route, path);
    const ctx = {
      view,
      params,
      query,
      props: route.props || {},
      route,
      onCleanup: fn => cleanups.push(fn),
      active: () => mine === generation,
    };
    try {
      const page = await route.load();
      if (mine !== generation) return;
      await page.render(ctx);
    } catch (error) {
      if (mine === generation) onError(view, error);
    }
    if (mine === generation) {
      // the page has drawn what its first answers gave (tests and tools wait for this)
      outlet.dataset.ready = path;
      outlet.focus({ preventScroll: true });
    }
  }

  window.addEventListener('hashchange', () => { window.scrollTo(0, 0); show(); });
  show();
  return { refresh: show };
}
