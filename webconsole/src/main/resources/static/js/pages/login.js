// Sign-in: username and password, and/or "Sign in with <provider>" when the server has an OpenID provider
// (GET /api/auth/providers says which); then back to the page that asked for it.

import { h } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { field } from '../ui/forms.js';

const NEXT_KEY = 'arus.signin.next';

function nextPage(query) {
  const next = query.next || sessionStorage.getItem(NEXT_KEY) || '/';
  sessionStorage.removeItem(NEXT_KEY);
  return next.startsWith('/') && !next.startsWith('/login') ? next : '/';
}

/** @param {import('../router.js').PageContext} ctx */
export function render({ view, query }) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('div.notice.error', { role: 'alert', hidden: true, id: 'login-error' });
  const submit = h('button.button.primary', { type: 'submit' }, 'Sign in');
  const version = h('p.muted.small', { style: { textAlign: 'center', marginTop: '1rem' } });
  const providers = h('div', { id: 'login-providers', hidden: true, style: { marginTop: '1rem' } });
  const form = h('form', { novalidate: true, id: 'login-form', hidden: true },
    field({ label: 'Username', field: 'username', input: username }),
    field({ label: 'Password', field: 'password', input: password }),
    submit);

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      showError('Enter your username and password.');
      return;
    }
    submit.disabled = true;
    submit.classList.add('busy');
    try {
      await session.login(username.value.trim(), password.value);
      navigate(nextPage(query));
    } catch (e) {
      showError(e.status === 401 ? 'Wrong username or password.' : e.message);
      password.select();
    } finally {
      submit.disabled = false;
      submit.classList.remove('busy');
    }
  });

  view.append(h('div.signin',
    h('div.panel',
      h('h1', h('img', { src: 'favicon.svg', alt: '', width: 30, height: 30 }), 'Sign in to Arus'),
      query.next ? h('p.muted.small', 'Sign in to continue.') : null,
      error,
      form,
      providers),
    version));

  if (query.oidc_error) showError('Sign-in with the provider failed: ' + query.oidc_error);

  if (query.oidc === 'done') {
    // back from the provider: the server holds the new session for this browser in an HttpOnly cookie
    const wait = h('p.muted', { id: 'login-completing' }, 'Finishing sign-in…');
    view.querySelector('.signin .panel').append(wait);
    session.completeOidc().then(() => navigate(nextPage(query))).catch(e => {
      wait.remove();
      showError('Sign-in with the provider failed: ' + e.message);
      offer();
    });
  } else {
    offer();
  }

  function offer() {
    api.get('auth/providers').then(answer => {
      form.hidden = !answer.password_login;
      // the provider's button is the primary action only when it is the one way in
      providers.replaceChildren(...answer.providers.map(provider => h(answer.password_login ? 'a.button' : 'a.button.primary', {
        href: provider.start,
        id: 'login-provider-' + provider.id,
        onclick: () => { if (query.next) sessionStorage.setItem(NEXT_KEY, query.next); },
      }, 'Sign in with ' + provider.name)));
      providers.hidden = answer.providers.length === 0;
      if (!answer.password_login && answer.providers.length === 0) {
        showError('This server offers no way to sign in here: password login is off and no provider is configured.');
      }
      if (!form.hidden) username.focus();
    }).catch(() => {
      form.hidden = false; // an older server without /api/auth/providers: the password form as before
      username.focus();
    });
  }

  api.get('health').then(health => {
    version.textContent = `Arus ${health.version} · server ${health.status}`;
  }).catch(() => {
    version.textContent = 'The server does not answer /api/health right now.';
  });
}
