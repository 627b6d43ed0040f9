// Creating or editing a pipeline: source and destination, streams from discovery (each with its transform chain
// and live preview), destination options, SQL models, schedule, dependencies, quality checks, notifications. Every
// error the API names appears beside its field.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { pageHeader, errorPanel, loading, button } from '../ui/page.js';
import { field, select, checkbox, submitting } from '../ui/forms.js';
import { toast } from '../ui/toast.js';
import { streamPicker } from './pipeline-streams.js';
import { scheduleSection } from './pipeline-schedule.js';
import { dependencySection, qualitySection, notificationSection, destinationSection } from './pipeline-extras.js';
import { modelsSection } from './pipeline-models.js';

/**
 * What the API takes in a pipeline: the fields this form edits, nothing of what a GET adds (id, times, last_run).
 * A body is built from these only, so a field the server adds to its answers never makes a save fail.
 */
export const WRITABLE = ['name', 'source_id', 'destination_id', 'enabled', 'schedule', 'depends_on', 'notifications',
  'streams', 'zones', 'target_namespace', 'raw_namespace', 'batch_size', 'batch_memory_mb', 'parallelism',
  'error_threshold', 'look_back_seconds', 'soft_delete_mode', 'quality_checks', 'misfire_policy', 'overlap_policy',
  'models', 'cdc', 'retry'];

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, active }) {
  view.append(loading());
  let pipeline = {};
  let sources;
  let destinations;
  let pipelines;
  try {
    [pipeline, sources, destinations, pipelines] = await Promise.all([
      params.id ? api.get(`pipelines/${encodeURIComponent(params.id)}`) : {},
      api.get('sources'), api.get('destinations'), api.get('pipelines'),
    ]);
  } catch (error) {
    replace(view, errorPanel(error, { what: 'the pipeline' }));
    return;
  }
  if (!active()) return;
  const editing = Boolean(pipeline.id);

  const name = h('input', { name: 'name', value: pipeline.name || '', maxlength: 100, autocomplete: 'off' });
  const choose = (list, value, what) => select([{ value: '', label: list.length ? `Choose a ${what}…` : `No ${what} yet` },
    ...list.map(c => ({ value: c.id, label: `${c.name} (${c.type})` }))], value || '', { name: `${what}_id` });
  const source = choose(sources, pipeline.source_id, 'source');
  const destination = choose(destinations, pipeline.destination_id, 'destination');
  const enabled = checkbox('Enabled: the schedule and dependency triggers fire', { checked: pipeline.enabled !== false });

  let types = null;
  const transformTypes = () => (types = types || api.get('transforms'));
  const streams = streamPicker({ initial: pipeline.streams || [], readOnly: false, pipelineId: pipeline.id || null, transformTypes });
  const target = destinationSection(pipeline, false);
  const models = modelsSection(pipeline, false);
  const schedule = scheduleSection(pipeline, false);
  const deps = dependencySection(pipeline, pipelines, false);
  const quality = qualitySection(pipeline, () => streams.columns(), false);
  const notify = notificationSection(pipeline, false);
  source.addEventListener('change', () => streams.load(source.value));

  const section = (title, ...children) => h('fieldset.section', h('legend', title), children);
  const form = h('form.form', { novalidate: true, style: { maxWidth: '980px' } },
    section('Pipeline',
      field({ label: 'Name', field: 'name', input: name, required: true }),
      h('div.fields-row',
        field({ label: 'Source', field: 'source_id', input: source, required: true,
          help: sources.length ? null : h('a', { href: '#/sources/new' }, 'Add a source first.') }),
        field({ label: 'Destination', field: 'destination_id', input: destination, required: true })),
      h('div.field', { dataset: { field: 'enabled' } }, enabled)),
    section('Streams', h('div', { dataset: { field: 'streams' } }, h('span.field-error', { role: 'alert', hidden: true }), streams.element)),
    section('Destination', target.element),
    section('Models', models.element),
    section('Schedule', schedule.element),
    section('Dependencies', deps.element),
    section('Quality checks', quality.element),
    section('Notifications', notify.element),
    h('div.form-actions',
      button(editing ? 'Save pipeline' : 'Create pipeline', { kind: 'primary', type: 'submit', action: 'save' }),
      button('Cancel', { href: editing ? `#/pipelines/${pipeline.id}` : '#/pipelines' })));

  form.addEventListener('submit', event => {
    event.preventDefault();
    submitting(form, async () => {
      // a server without notification targets gets no such field (it would refuse it as unknown)
      const values = {
        name: name.value.trim(),
        source_id: source.value || null,
        destination_id: destination.value || null,
        enabled: enabled.querySelector('input').checked,
        streams: streams.read(),
        ...target.read(), ...models.read(), ...schedule.read(), ...deps.read(), ...quality.read(), ...notify.read(),
      };
      const body = Object.fromEntries(WRITABLE.filter(key => values[key] !== undefined).map(key => [key, values[key]]));
      const saved = editing ? await api.put(`pipelines/${pipeline.id}`, body) : await api.post('pipelines', body);
      toast(`${editing ? 'Saved' : 'Created'} ${saved.name}.`, 'success');
      navigate(`/pipelines/${saved.id}`);
    });
  });

  replace(view,
    pageHeader(editing ? `Edit ${pipeline.name}` : 'New pipeline', {
      crumbs: editing ? [['Pipelines', '#/pipelines'], [pipeline.name, `#/pipelines/${pipeline.id}`]] : [['Pipelines', '#/pipelines']],
    }),
    form);
  if (!editing) name.focus();
  streams.load(source.value);
}
