// Users (admins): create, change role, set a password, delete. The last admin can be neither deleted nor demoted
// (the server says so; the console shows its words).

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { pageHeader, table, errorPanel, loading, button } from '../ui/page.js';
import { field, select } from '../ui/forms.js';
import { openModal, confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';

const ROLES = [
  { value: 'viewer', label: 'viewer: reads everything' },
  { value: 'editor', label: 'editor: also creates, changes and runs' },
  { value: 'admin', label: 'admin: also users, settings, plugins' },
];

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const body = h('div', loading());
  view.append(pageHeader('Users', { actions: [button('New user', { icon: 'plus', kind: 'primary', action: 'create', onclick: () => create(load) })] }), body);
  const me = session.user();
  const load = async () => {
    try {
      const users = await api.get('users');
      if (!active()) return;
      replace(body, h('section.panel.flush', table([
        { title: 'Username', render: u => h('strong', u.username, u.id === me.id ? h('span.muted', ' (you)') : null) },
        { title: 'Role', render: u => {
          const role = select(ROLES.map(r => ({ value: r.value, label: r.value })), u.role, { 'aria-label': `Role of ${u.username}`, dataset: { action: 'edit' } });
          role.addEventListener('change', async () => {
            try {
              await api.patch(`users/${u.id}`, { role: role.value });
              toast(`${u.username} is now ${role.value}.`, 'success');
            } catch (error) {
              toast(error.message, 'error');
              role.value = u.role;
            }
          });
          return role;
        } },
        { title: 'Created', render: u => fmt.dateTime(u.created_at) },
        { title: '', class: 'actions', render: u => [
          button('Set password', { small: true, icon: 'key', action: 'edit', onclick: () => setPassword(u) }),
          button('Delete', {
            small: true, icon: 'trash', kind: 'danger', action: 'delete',
            onclick: () => confirmThen({
              title: `Delete ${u.username}?`, message: 'Their sessions and API tokens stop working.', confirm: 'Delete', danger: true,
              run: async () => { await api.del(`users/${u.id}`); toast(`Deleted ${u.username}.`, 'success'); load(); },
            }),
          }),
        ] },
      ], users, { rowProps: u => ({ dataset: { user: u.username } }) })));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the users', retry: load }));
    }
  };
  await load();
}

function create(reload) {
  const username = h('input', { name: 'username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  const role = select(ROLES, 'viewer', { name: 'role' });
  openModal({
    title: 'New user',
    body: h('form', { novalidate: true },
      field({ label: 'Username', field: 'username', input: username, required: true, help: 'Letters, digits, ".", "_", "@" and "-".' }),
      field({ label: 'Password', field: 'password', input: password, required: true, help: 'At least 8 characters.' }),
      field({ label: 'Role', field: 'role', input: role })),
    actions: [{
      label: 'Create user', kind: 'primary', action: 'save',
      run: async () => {
        const user = await api.post('users', { username: username.value.trim(), password: password.value, role: role.value });
        toast(`Created ${user.username} (${user.role}).`, 'success');
        reload();
      },
    }],
  });
}

function setPassword(user) {
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password' });
  openModal({
    title: `New password for ${user.username}`,
    body: h('form', { novalidate: true },
      field({ label: 'New password', field: 'password', input: password, required: true, help: 'At least 8 characters. Their sessions end.' })),
    actions: [{
      label: 'Set password', kind: 'primary', action: 'save',
      run: async () => {
        await api.patch(`users/${user.id}`, { password: password.value });
        toast(`Password of ${user.username} changed.`, 'success');
      },
    }],
  });
}
