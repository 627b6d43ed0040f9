// A notification target: create or edit (a form drawn from its notifier's config spec), test send, delete.

import { h, replace } from '../dom.js';
import { api, ApiError } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { humanize } from '../format.js';
import { pageHeader, errorPanel, loading, button, notAvailable } from '../ui/page.js';
import { field, select, submitting } from '../ui/forms.js';
import { configForm } from '../ui/config-form.js';
import { confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';
import { testSend } from './notifications.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, active }) {
  const editor = session.can('editor');
  view.append(loading());
  let target = null;
  let notifiers;
  try {
    [target, notifiers] = await Promise.all([
      params.id ? api.get(`notification-targets/${encodeURIComponent(params.id)}`) : null,
      api.get('notifiers'),
    ]);
  } catch (error) {
    replace(view, error instanceof ApiError && error.missingEndpoint ? notAvailable('notifications', error) : errorPanel(error, { what: 'the target' }));
    return;
  }
  if (!active()) return;

  const name = h('input', { name: 'name', value: target ? target.name : '', maxlength: 100, disabled: !editor, autocomplete: 'off' });
  const options = notifiers.map(n => ({ value: n.type, label: `${n.name} (${n.type})` }));
  if (!target) options.unshift({ value: '', label: 'Choose a notifier…' });
  const type = select(options, target ? target.type : '', { name: 'type', disabled: !editor });
  const configSlot = h('div');
  let config = null;
  const drawSpec = () => {
    const spec = notifiers.find(n => n.type === type.value);
    config = null;
    if (!spec) {
      replace(configSlot, h('p.muted', type.value ? `The notifier type “${type.value}” is not installed.` : 'Choose a notifier to see its settings.'));
      return;
    }
    config = configForm(spec.config || [], target && target.type === spec.type ? target.config : null, { readOnly: !editor });
    replace(configSlot, spec.description ? h('p.muted', spec.description) : null, config.element);
  };
  type.addEventListener('change', drawSpec);
  drawSpec();

  const form = h('form.form', { novalidate: true },
    h('fieldset.section', h('legend', 'Target'),
      field({ label: 'Name', field: 'name', input: name, required: true }),
      field({ label: 'Notifier', field: 'type', input: type, required: true }),
      configSlot),
    target && (target.pipelines || []).length ? h('fieldset.section', h('legend', 'Used by'),
      h('ul', target.pipelines.map(p => h('li', h('a', { href: `#/pipelines/${p.id}` }, p.name), ': ', (p.events || []).map(humanize).join(', '))))) : null,
    editor ? h('div.form-actions', button(target ? 'Save' : 'Create target', { kind: 'primary', type: 'submit', action: 'save' }),
      button('Cancel', { href: '#/notifications' })) : null);
  form.addEventListener('submit', event => {
    event.preventDefault();
    submitting(form, async () => {
      if (!config) throw new Error('Choose a notifier first.');
      const body = { name: name.value.trim(), type: type.value, config: config.read() };
      const saved = target ? await api.put(`notification-targets/${target.id}`, body) : await api.post('notification-targets', body);
      toast(`${target ? 'Saved' : 'Created'} ${saved.name}.`, 'success');
      navigate('/notifications');
    });
  });

  const actions = target && editor ? [
    button('Send a test', { icon: 'send', action: 'test', onclick: () => testSend(target) }),
    button('Delete', {
      icon: 'trash', kind: 'danger', action: 'delete',
      onclick: () => confirmThen({
        title: `Delete ${target.name}?`, message: 'Pipelines that notify it simply stop doing so.', confirm: 'Delete', danger: true,
        run: async () => {
          await api.del(`notification-targets/${target.id}`);
          toast(`Deleted ${target.name}.`, 'success');
          navigate('/notifications');
        },
      }),
    }),
  ] : [];
  replace(view, pageHeader(target ? target.name : 'New notification target', { crumbs: [['Notifications', '#/notifications']], actions }), form);
}
