// Settings: the server's key/value settings (everyone reads, admins change), every known key listed with its
// help and default (GET /api/settings/keys), and the caller's own password.

import { h, replace } from '../dom.js';
import { api, getOptional } from '../api.js';
import { session } from '../session.js';
import { pageHeader, errorPanel, loading, button, panel } from '../ui/page.js';
import { field, submitting } from '../ui/forms.js';
import { toast } from '../ui/toast.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const admin = session.can('admin');
  const settingsSlot = h('div', loading());
  view.append(pageHeader('Settings'),
    h('section.panel', h('h2', 'Server settings'), settingsSlot),
    passwordPanel());
  try {
    const [settings, keys] = await Promise.all([api.get('settings'), getOptional('settings/keys')]);
    if (active()) replace(settingsSlot, settingsForm(settings, admin, keys.available && Array.isArray(keys.data) ? keys.data : []));
  } catch (error) {
    replace(settingsSlot, errorPanel(error, { what: 'the settings' }));
  }
}

function settingsForm(settings, admin, keys) {
  const rows = h('div');
  const known = new Map(keys.map(k => [k.key, k]));
  const addRow = (key = '', value = '', fixed = false) => {
    const about = known.get(key);
    const keyInput = h('input', { value: key, placeholder: 'key, e.g. console.banner', disabled: fixed || !admin, 'aria-label': 'Setting key', class: 'mono', spellcheck: 'false' });
    const valueInput = h('input', {
      value, disabled: !admin, 'aria-label': `Value of ${key || 'the new setting'}`,
      placeholder: about && about.default !== undefined && about.default !== null ? `default: ${about.default}` : '',
    });
    const row = h('div.fields-row', { dataset: { field: key || 'new', setting: key, known: String(Boolean(about)) } },
      h('div.field', keyInput, about ? h('span.setting-help', about.help || '', about.type ? ` (${about.type})` : '') : null),
      h('div.field', valueInput, h('span.field-error', { role: 'alert', hidden: true })));
    row.read = () => [keyInput.value.trim(), valueInput.value, value];
    keyInput.addEventListener('input', () => { row.dataset.field = keyInput.value.trim(); });
    rows.append(row);
  };
  const none = h('p.muted', 'No setting is stored yet; the server runs on its defaults.');
  // every known key, set or not, then what else is stored
  const all = new Map(keys.map(k => [k.key, '']));
  Object.entries(settings).forEach(([k, v]) => all.set(k, v));
  [...all.entries()].sort(([a], [b]) => a.localeCompare(b)).forEach(([k, v]) => addRow(k, v ?? '', true));
  if (!all.size) rows.append(none);
  const form = h('form', { novalidate: true },
    h('p.muted.small', admin ? 'Keys are lower case with digits, "." and "_". Only changed values are sent.' : 'Changing settings needs the admin role.'),
    rows,
    admin ? h('div.form-actions',
      button('Add a setting', { icon: 'plus', onclick: () => { none.remove(); addRow(); } }),
      button('Save settings', { kind: 'primary', type: 'submit', action: 'save' })) : null);
  form.addEventListener('submit', event => {
    event.preventDefault();
    submitting(form, async () => {
      const changed = {};
      rows.querySelectorAll('.fields-row').forEach(row => {
        const [key, value, before] = row.read();
        if (key && value !== before) changed[key] = value;
      });
      if (!Object.keys(changed).length) {
        toast('Nothing changed.', 'info');
        return;
      }
      const saved = await api.put('settings', changed);
      toast(`Saved ${Object.keys(changed).join(', ')}.`, 'success');
      replace(form.parentElement, settingsForm(saved, admin, keys));
    });
  });
  return form;
}

function passwordPanel() {
  const current = h('input', { type: 'password', autocomplete: 'current-password', name: 'current_password' });
  const next = h('input', { type: 'password', autocomplete: 'new-password', name: 'new_password' });
  const me = session.user();
  const form = h('form.form', { novalidate: true },
    // lets password managers know whose password this is
    h('input', { type: 'text', name: 'username', autocomplete: 'username', value: me.username, hidden: true, readonly: true }),
    field({ label: 'Current password', field: 'current_password', input: current, required: true }),
    field({ label: 'New password', field: 'new_password', input: next, required: true, help: 'At least 8 characters. Every session ends, this one too, and your API tokens are deleted.' }),
    h('div.form-actions', button('Change password', { kind: 'primary', type: 'submit' })));
  form.addEventListener('submit', event => {
    event.preventDefault();
    submitting(form, async () => {
      await api.put('me/password', { current_password: current.value, new_password: next.value });
      current.value = '';
      next.value = '';
      toast('Password changed. Sign in with the new one.', 'success');
      // the server ended every session of this user, this one included
      session.expired();
    });
  });
  return panel(`Your account: ${me.username} (${me.role})`, form);
}
