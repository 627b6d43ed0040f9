// Who is signed in: the tokens (kept in localStorage so that tabs share them), the user and their role.
// Refresh tokens are single use: concurrent refreshes in one tab share one request, and a tab that loses the
// race to another tab picks up the pair the winner stored.

const KEY = 'arus.session';
const ROLES = ['viewer', 'editor', 'admin'];

let refreshing = null;
const listeners = new Set();

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch (e) {
    return null;
  }
}

function store(value) {
  if (value) localStorage.setItem(KEY, JSON.stringify(value));
  else localStorage.removeItem(KEY);
  listeners.forEach(fn => fn(value));
}

async function post(path, body) {
  const response = await fetch(new URL('api/' + path, document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  const json = await response.json().catch(() => ({}));
  return { response, json };
}

export const session = {
  /** @returns {string|null} the access token, or null when signed out */
  accessToken() {
    const s = load();
    return s ? s.access_token : null;
  },

  /** @returns {{id: string, username: string, role: string}|null} the signed-in user */
  user() {
    const s = load();
    return s ? s.user : null;
  },

  /** @returns {boolean} */
  signedIn() {
    return Boolean(this.accessToken());
  },

  /**
   * Whether the signed-in user's role includes `role` (viewer < editor < admin).
   *
   * @param {'viewer'|'editor'|'admin'} role
   * @returns {boolean}
   */
  can(role) {
    const user = this.user();
    return Boolean(user) && ROLES.indexOf(user.role) >= ROLES.indexOf(role);
  },

  /**
   * Signs in.
   *
   * @param {string} username
   * @param {string} password
   * @returns {Promise<void>}
   * @throws {Error} with the server's words (wrong password, too many attempts...)
   */
  async login(username, password) {
    const { response, json } = await post('auth/login', { username, password });
    if (!response.ok) {
      const retry = response.headers.get('Retry-After');
      const error = new Error((json.detail || response.statusText || 'sign-in failed')
        + (response.status === 429 && retry ? ` (try again in ${retry} s)` : ''));
      error.status = response.status;
      error.errors = json.errors || [];
      throw error;
    }
    store({ access_token: json.access_token, refresh_token: json.refresh_token, user: json.user });
  },

  /**
   * Picks up the session an OpenID sign-in opened: the server's callback left it in an HttpOnly cookie (no token
   * ever travels in a URL), and this POST spends it once.
   *
   * @returns {Promise<void>}
   * @throws {Error} with the server's words (nothing to pick up, taken already, too late)
   */
  async completeOidc() {
    const { response, json } = await post('auth/oidc/session', {});
    if (!response.ok) {
      const error = new Error(json.detail || response.statusText || 'sign-in failed');
      error.status = response.status;
      throw error;
    }
    store({ access_token: json.access_token, refresh_token: json.refresh_token, user: json.user });
  },

  /**
   * Exchanges the refresh token for a new pair, once even when many requests ask at the same time.
   *
   * @returns {Promise<string>} the new access token
   * @throws {Error} when the session cannot be renewed
   */
  refresh() {
    if (!refreshing) {
      refreshing = (async () => {
        const before = load();
        if (!before || !before.refresh_token) throw new Error('not signed in');
        const { response, json } = await post('auth/refresh', { refresh_token: before.refresh_token });
        if (response.ok) {
          store({ access_token: json.access_token, refresh_token: json.refresh_token, user: json.user || before.user });
          return json.access_token;
        }
        const now = load();
        if (now && now.refresh_token !== before.refresh_token) return now.access_token; // another tab renewed it
        throw new Error(json.detail || 'the session could not be renewed');
      })().finally(() => { refreshing = null; });
    }
    return refreshing;
  },

  /** Updates the stored user (role changes) from GET /api/me. @param {Object} user */
  setUser(user) {
    const s = load();
    if (s) store({ ...s, user });
  },

  /** Forgets the session here; the server's refresh token is revoked by {@link logout}. */
  clear() {
    store(null);
  },

  /** Called when a request stays unauthorized after a refresh: back to the sign-in page, then back here. */
  expired() {
    const here = location.hash.replace(/^#/, '');
    if (!here.startsWith('/login')) {
      location.hash = '#/login' + (here && here !== '/' ? '?next=' + encodeURIComponent(here) : '');
    }
    store(null);
  },

  /** Signs out: ends the refresh token on the server (best effort) and forgets the session. */
  async logout() {
    const s = load();
    if (s) {
      await fetch(new URL('api/auth/logout', document.baseURI), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + s.access_token },
        body: JSON.stringify({ refresh_token: s.refresh_token }),
      }).catch(() => null);
    }
    store(null);
  },

  /** @param {function(Object|null): void} fn called when the session changes (sign-in, refresh, sign-out) */
  onChange(fn) {
    listeners.add(fn);
  },
};

// another tab signed in or out
window.addEventListener('storage', event => {
  if (event.key === KEY) listeners.forEach(fn => fn(load()));
});
