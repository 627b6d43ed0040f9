// Sign-in: username and password; then back to the page that asked for it.

import { h } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { field } from '../ui/forms.js';

/** @param {import('../router.js').PageContext} ctx */
export function render({ view, query }) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('div.notice.error', { role: 'alert', hidden: true, id: 'login-error' });
  const submit = h('button.button.primary', { type: 'submit' }, 'Sign in');
  const version = h('p.muted.small', { style: { textAlign: 'center', marginTop: '1rem' } });
  const form = h('form', { novalidate: true },
    error,
    field({ label: 'Username', field: 'username', input: username }),
    field({ label: 'Password', field: 'password', input: password }),
    submit);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      error.textContent = 'Enter your username and password.';
      error.hidden = false;
      return;
    }
    submit.disabled = true;
    submit.classList.add('busy');
    try {
      await session.login(username.value.trim(), password.value);
      navigate(query.next && query.next.startsWith('/') ? query.next : '/');
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong username or password.' : e.message;
      error.hidden = false;
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
      form),
    version));
  username.focus();

  api.get('health').then(health => {
    version.textContent = `Arus ${health.version} · server ${health.status}`;
  }).catch(() => {
    version.textContent = 'The server does not answer /api/health right now.';
  });
}
