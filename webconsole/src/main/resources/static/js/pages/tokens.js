// API tokens for automation: everyone manages their own (admins see everyone's). A new token is shown once.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, table, errorPanel, loading, button } from '../ui/page.js';
import { field } from '../ui/forms.js';
import { openModal, confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const admin = session.can('admin');
  const me = session.user();
  const body = h('div', loading());
  view.append(pageHeader('API tokens', {
    actions: [button('New token', { icon: 'plus', kind: 'primary', action: 'token-create', onclick: () => create(load) })],
  }), h('p.muted', 'A token acts as you, with your role, from scripts: ', h('code', 'Authorization: Bearer <token>'), '. ',
    admin ? 'As an admin you see everyone’s tokens.' : ''), body);

  const load = async () => {
    try {
      const [tokens, users] = await Promise.all([api.get('tokens'), admin ? api.get('users') : [me]]);
      if (!active()) return;
      const names = new Map(users.map(u => [u.id, u.username]));
      replace(body, h('section.panel.flush', table([
        { title: 'Name', render: t => h('strong', t.name) },
        { title: 'Starts with', render: t => h('code', `${t.prefix}…`) },
        admin ? { title: 'User', render: t => names.get(t.user_id) || t.user_id } : null,
        { title: 'Created', render: t => fmt.dateTime(t.created_at) },
        { title: 'Last used', render: t => (t.last_used_at ? fmt.relative(t.last_used_at) : h('span.muted', 'never')) },
        { title: 'Expires', render: t => (t.expires_at ? fmt.dateTime(t.expires_at) : h('span.muted', 'never')) },
        { title: '', class: 'actions', render: t => button('Delete', {
          small: true, icon: 'trash', kind: 'danger', action: 'token-delete',
          onclick: () => confirmThen({
            title: `Delete the token ${t.name}?`, message: 'Scripts that use it get 401 from now on.', confirm: 'Delete', danger: true,
            run: async () => { await api.del(`tokens/${t.id}`); toast(`Deleted ${t.name}.`, 'success'); load(); },
          }),
        }) },
      ].filter(Boolean), tokens, { empty: 'No API token yet.' })));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the tokens', retry: load }));
    }
  };
  await load();
}

function create(reload) {
  const name = h('input', { name: 'name', autocomplete: 'off', placeholder: 'e.g. nightly export script' });
  const expires = h('input', { name: 'expires_at', type: 'date' });
  openModal({
    title: 'New API token',
    body: h('form', { novalidate: true },
      field({ label: 'What it is for', field: 'name', input: name, required: true }),
      field({ label: 'Expires on (end of day, UTC)', field: 'expires_at', input: expires, help: 'Empty: never.' })),
    actions: [{
      label: 'Create token', kind: 'primary', action: 'save',
      run: async () => {
        const token = await api.post('tokens', {
          name: name.value.trim(), expires_at: expires.value ? `${expires.value}T23:59:59Z` : null,
        });
        reload();
        showOnce(token);
      },
    }],
  });
}

function showOnce(token) {
  const code = h('code', { dataset: { token: 'true' } }, token.token);
  openModal({
    title: `Token ${token.name}`,
    closeLabel: 'Done',
    body: [
      h('div.notice.warn', 'Copy it now: it is shown only this once (the server keeps only its hash).'),
      h('div.secret-once', code, h('button.button.small', {
        type: 'button',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(token.token);
            toast('Copied.', 'success');
          } catch (e) {
            const range = document.createRange();
            range.selectNodeContents(code);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            toast('Select and copy it by hand (the browser refused the clipboard).', 'warn');
          }
        },
      }, icon('copy'), 'Copy')),
    ],
  });
}
