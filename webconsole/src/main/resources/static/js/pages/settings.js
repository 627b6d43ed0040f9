// Settings: the server's key/value settings (everyone reads, admins change) and the caller's own password.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
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
    const settings = await api.get('settings');
    if (active()) replace(settingsSlot, settingsForm(settings, admin));
  } catch (error) {
    replace(settingsSlot, errorPanel(error, { what: 'the settings' }));
  }
}

function settingsForm(settings, admin) {
  const rows = h('div');
  const addRow = (key = '', value = '', known = false) => {
    const keyInput = h('input', { value: key, placeholder: 'key, e.g. console.banner', disabled: known || !admin, 'aria-label': 'Setting key', class: 'mono', spellcheck: 'false' });
    const valueInput = h('input', { value, disabled: !admin, 'aria-label': `Value of ${key || 'the new setting'}` });
    const row = h('div.fields-row', { dataset: { field: key || 'new' } },
      h('div.field', keyInput), h('div.field', valueInput, h('span.field-error', { role: 'alert', hidden: true })));
    row.read = () => [keyInput.value.trim(), valueInput.value, value];
    keyInput.addEventListener('input', () => { row.dataset.field = keyInput.value.trim(); });
    rows.append(row);
  };
  const none = h('p.muted', 'No setting is stored yet; the server runs on its defaults.');
  Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)).forEach(([k, v]) => addRow(k, v, true));
  if (!Object.keys(settings).length) rows.append(none);
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
      replace(form.parentElement, settingsForm(saved, admin));
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
    field({ label: 'New password', field: 'new_password', input: next, required: true, help: 'At least 8 characters. Your other sessions end.' }),
    h('div.form-actions', button('Change password', { kind: 'primary', type: 'submit' })));
  form.addEventListener('submit', event => {
    event.preventDefault();
    submitting(form, async () => {
      await api.put('me/password', { current_password: current.value, new_password: next.value });
      current.value = '';
      next.value = '';
      toast('Password changed.', 'success');
    });
  });
  return panel(`Your account: ${me.username} (${me.role})`, form);
}
