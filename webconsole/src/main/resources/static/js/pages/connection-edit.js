// A source or destination: create, edit (a form drawn from its connector's config spec), test, delete.
// Viewers see the same form read-only.

import { h, replace } from '../dom.js';
import { api, ApiError } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import { pageHeader, errorPanel, loading, button, statusBadge } from '../ui/page.js';
import { field, select, submitting, clearFormErrors, showFormErrors } from '../ui/forms.js';
import { configForm } from '../ui/config-form.js';
import { confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';
import { KINDS } from './connections.js';
import { testResult } from './connection-test.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, query, props, active }) {
  const kind = KINDS[props.kind];
  const editor = session.can('editor');
  const creating = !params.id;
  view.append(loading());

  let current = null;
  let connectors;
  try {
    [current, connectors] = await Promise.all([
      creating ? null : api.get(`${kind.path}/${encodeURIComponent(params.id)}`),
      api.get('connectors'),
    ]);
  } catch (error) {
    replace(view, errorPanel(error, { what: `the ${kind.one}` }));
    return;
  }
  if (!active()) return;
  const types = connectors.filter(c => (c.capabilities || []).includes(kind.capability));

  const name = h('input', { name: 'name', value: current ? current.name : '', maxlength: 100, autocomplete: 'off', disabled: !editor });
  const typeOptions = types.map(t => ({ value: t.type, label: `${t.name} (${t.type})` }));
  if (current && !types.some(t => t.type === current.type)) {
    typeOptions.unshift({ value: current.type, label: `${current.type} (not installed)` });
  }
  if (creating) typeOptions.unshift({ value: '', label: 'Choose a connector…' });
  const type = select(typeOptions, current ? current.type : '', { name: 'type', disabled: !editor });
  const configSlot = h('div');
  const testSlot = h('div', { dataset: { testResult: 'true' } });
  let config = null;
  let dirty = false;

  const loadSpec = async () => {
    config = null;
    if (!type.value) {
      replace(configSlot, h('p.muted', `Choose a connector type to see its settings.`));
      return;
    }
    replace(configSlot, loading('Loading the connector’s settings…'));
    try {
      const spec = await api.get(`connectors/${encodeURIComponent(type.value)}`);
      const values = current && current.type === type.value ? current.config : null;
      config = configForm(spec.config || [], values, { readOnly: !editor });
      replace(configSlot, spec.description ? h('p.muted', spec.description) : null, config.element);
    } catch (error) {
      const missing = error instanceof ApiError && error.status === 404;
      replace(configSlot, missing
        ? h('div.notice.warn', h('h3', `The connector type “${type.value}” is not installed`),
          h('p', 'Install its plugin to edit these settings. The stored settings:'),
          h('pre.json', JSON.stringify(current ? current.config : {}, null, 2)))
        : errorPanel(error, { what: 'the connector’s settings' }));
    }
  };
  type.addEventListener('change', loadSpec);

  const save = async () => {
    if (!config) throw new Error('Choose a connector type first.');
    const body = { name: name.value.trim(), type: type.value, config: config.read() };
    const saved = creating && !current
      ? await api.post(kind.path, body)
      : await api.put(`${kind.path}/${current.id}`, body);
    current = saved;
    dirty = false;
    return saved;
  };

  const form = h('form.form', { novalidate: true },
    h('fieldset.section', h('legend', 'Connection'),
      field({ label: 'Name', field: 'name', input: name, required: true }),
      field({ label: 'Connector type', field: 'type', input: type, required: true }),
      configSlot),
    testSlot,
    editor ? h('div.form-actions',
      button(creating ? `Create ${kind.one}` : 'Save', { kind: 'primary', type: 'submit', action: 'save' }),
      button('Test connection', { icon: 'zap', action: 'test', onclick: () => runTest() }),
      h('span.muted.small', 'Testing saves the form first.')) : null);
  /** Saves when needed (a new connection opens its own page, which then tests), then tests the saved settings. */
  const runTest = async () => {
    clearFormErrors(form);
    replace(testSlot, loading('Testing the connection…'));
    try {
      if (!current) {
        const created = await save();
        toast(`${capitalize(kind.one)} ${created.name} created.`, 'success');
        navigate(`/${kind.path}/${created.id}?test=1`);
        return;
      }
      if (dirty) {
        await save();
        toast('Saved.', 'success');
      }
      replace(testSlot, testResult(await api.post(`${kind.path}/${current.id}/test`)));
      testSlot.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } catch (error) {
      replace(testSlot);
      showFormErrors(form, error);
    }
  };
  form.addEventListener('input', () => { dirty = true; });
  form.addEventListener('change', () => { dirty = true; });
  form.addEventListener('submit', event => {
    event.preventDefault();
    submitting(form, async () => {
      const wasNew = !current;
      const saved = await save();
      toast(wasNew ? `${capitalize(kind.one)} ${saved.name} created.` : `Saved ${saved.name}.`, 'success');
      navigate(`/${kind.path}/${saved.id}`);
    });
  });

  const actions = [];
  if (current && props.kind === 'source') actions.push(button('Browse streams', { icon: 'table', href: `#/sources/${current.id}/streams` }));
  if (current && editor) {
    actions.push(button('Delete', {
      icon: 'trash', kind: 'danger', action: 'delete',
      onclick: () => confirmThen({
        title: `Delete ${current.name}?`,
        message: `Pipelines that use this ${kind.one} stop working until they get another one. This cannot be undone.`,
        confirm: 'Delete', danger: true,
        run: async () => {
          await api.del(`${kind.path}/${current.id}`);
          toast(`Deleted ${current.name}.`, 'success');
          navigate(`/${kind.path}`);
        },
      }),
    }));
  }
  replace(view,
    pageHeader(current ? current.name : `New ${kind.one}`, {
      crumbs: [[kind.title, `#/${kind.path}`]],
      after: current && !current.available ? statusBadge('failed', 'connector unavailable') : null,
      actions,
    }),
    !editor ? h('div.notice.info', 'You can read these settings; changing them needs the editor role.') : null,
    form);
  await loadSpec();
  if (creating) name.focus();
  if (query.test && current && editor) await runTest();
}

function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
