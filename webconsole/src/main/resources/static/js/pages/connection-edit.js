// A source or destination: create, edit (a form drawn from its connector's config spec), test, delete.
// Test sends what the form holds (POST /api/{sources,destinations}/test with {type, config, id?}) and changes
// nothing: a new connection is created by Create only. Viewers see the same form read-only.

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
  let spec = [];

  const loadSpec = async () => {
    config = null;
    if (!type.value) {
      replace(configSlot, h('p.muted', `Choose a connector type to see its settings.`));
      return;
    }
    replace(configSlot, loading('Loading the connector’s settings…'));
    try {
      const connector = await api.get(`connectors/${encodeURIComponent(type.value)}`);
      const values = current && current.type === type.value ? current.config : null;
      spec = connector.config || [];
      config = configForm(spec, values, { readOnly: !editor });
      replace(configSlot, connector.description ? h('p.muted', connector.description) : null, config.element);
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

  /** Every required field left empty, all at once, as the API would name them. */
  const missing = ({ needName }) => {
    const errors = [];
    if (needName && !name.value.trim()) errors.push({ field: 'name', message: 'is required' });
    if (!type.value) errors.push({ field: 'type', message: 'choose a connector type' });
    if (config) {
      const values = config.read();
      spec.filter(f => f.required && f.type !== 'boolean' && (values[f.name] === undefined || values[f.name] === ''))
        .forEach(f => errors.push({ field: `config.${f.name}`, message: 'is required' }));
    }
    if (errors.length) {
      throw new ApiError({ status: 400, title: 'Bad Request', detail: `${errors.length} field(s) need a value`, errors, method: 'POST', path: kind.path });
    }
  };

  const save = async () => {
    missing({ needName: true });
    const body = { name: name.value.trim(), type: type.value, config: config.read() };
    const saved = creating && !current
      ? await api.post(kind.path, body)
      : await api.put(`${kind.path}/${current.id}`, body);
    current = saved;
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
      h('span.muted.small', 'Testing uses the settings above and saves nothing.')) : null);
  /**
   * Tests what the form holds without saving it. On a stored connection its id goes along, so that the server fills
   * the secrets left masked (as long as host, port and the like are unchanged).
   */
  const runTest = async () => {
    clearFormErrors(form);
    replace(testSlot, loading('Testing the connection…'));
    try {
      missing({ needName: false });
      const body = { type: type.value, config: config.read() };
      if (current && current.type === type.value) body.id = current.id;
      replace(testSlot, testResult(await api.post(`${kind.path}/test`, body)));
      testSlot.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } catch (error) {
      replace(testSlot, error instanceof ApiError && error.missingEndpoint
        ? h('div.notice.warn', { dataset: { test: 'unavailable' } }, 'Testing unsaved settings is not available on this server yet: save, then test from the list.')
        : null);
      if (!(error instanceof ApiError && error.missingEndpoint)) showFormErrors(form, error);
    }
  };
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
