// One pipeline: what it copies (with each stream's transform steps and the models), its column lineage, schedule,
// run history, per-stream statistics of the latest run and the stored offsets; run now, enable or disable, edit,
// reset state, delete. Run state changes arrive live.

import { h, replace } from '../dom.js';
import { api, apiUrl } from '../api.js';
import { session } from '../session.js';
import { navigate } from '../router.js';
import * as fmt from '../format.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge, panel, fill } from '../ui/page.js';
import { confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';
import { runNow, toggleEnabled, scheduleCell } from './pipeline-common.js';
import { streamTable } from './run-streams.js';
import { yamlPanel } from './pipeline-yaml.js';
import { lineagePanel } from './pipeline-lineage.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, active, onCleanup }) {
  const id = encodeURIComponent(params.id);
  view.append(loading());
  const editor = session.can('editor');
  const runsSlot = h('div');
  const statsSlot = h('div');
  const stateSlot = h('div');
  let pipeline;

  const loadRuns = () => fill(runsSlot, async () => {
    const runs = await api.get(`pipelines/${id}/runs`, { limit: 50 });
    const latest = runs[0];
    fill(statsSlot, async () => {
      if (!latest) return h('div.empty', 'No run yet.');
      const run = await api.get(`runs/${latest.id}`);
      return [h('p.muted.small', { style: { padding: '0 1.15rem' } }, 'From the latest run, ',
        h('a', { href: `#/runs/${run.id}` }, fmt.dateTime(run.created_at)), ` (${run.status.replace(/_/g, ' ')}).`), streamTable(run.streams || [], { run })];
    }, 'the latest run');
    return table([
      { title: 'Status', render: r => statusBadge(r.status) },
      { title: 'Started', render: r => h('a', { href: `#/runs/${r.id}` }, fmt.dateTime(r.started_at || r.created_at)) },
      { title: 'Duration', class: 'num', render: r => fmt.duration(fmt.runDuration(r)) },
      { title: 'Trigger', render: r => r.trigger },
      { title: 'Error', render: r => (r.error ? h('span.wrap-anywhere', { title: r.error }, r.error.length > 140 ? r.error.slice(0, 140) + '…' : r.error) : '') },
    ], runs, { empty: 'This pipeline has not run yet.', rowProps: r => ({ dataset: { run: r.id, status: r.status } }) });
  }, 'the runs');

  const loadState = () => fill(stateSlot, async () => offsetsView(await api.get(`pipelines/${id}/state`)), 'the offsets');

  try {
    const [p, sources, destinations, all] = await Promise.all([
      api.get(`pipelines/${id}`), api.get('sources'), api.get('destinations'), api.get('pipelines')]);
    pipeline = p;
    if (!active()) return;
    const names = new Map([...sources, ...destinations, ...all].map(c => [c.id, c.name]));
    const headerSlot = h('div');
    const drawHeader = () => replace(headerSlot, header(pipeline, editor, {
      toggled: updated => { pipeline = updated; drawHeader(); },
      loadState,
    }));
    drawHeader();
    replace(view,
      headerSlot,
      panel('Definition', definition(pipeline, names)),
      editor ? yamlPanel(pipeline) : null,
      lineagePanel(pipeline),
      h('section.panel.flush', h('h2', 'Streams of the latest run'), statsSlot),
      h('section.panel.flush', h('h2', 'Run history', h('span.spacer'),
        h('a.small', { href: `#/runs?pipeline_id=${encodeURIComponent(pipeline.id)}` }, 'Filter on the Runs page')), runsSlot),
      h('section.panel.flush', h('h2', 'Stored offsets'),
        h('p.muted.small', { style: { padding: '0 1.15rem' } }, 'Where the next incremental run resumes, by stream and split.'), stateSlot));
  } catch (error) {
    replace(view, errorPanel(error, { what: 'the pipeline' }));
    return;
  }
  loadRuns();
  loadState();

  // refresh the history when one of this pipeline's runs changes state
  const events = new EventSource(apiUrl('events', { pipeline_id: params.id, access_token: session.accessToken() }));
  events.addEventListener('run.state', () => { if (active()) { loadRuns(); loadState(); } });
  events.onerror = () => events.close(); // the page still works without live updates
  onCleanup(() => events.close());
}

function header(p, editor, { toggled, loadState }) {
  const actions = editor ? [
    button('Run now', { icon: 'play', kind: 'primary', action: 'run', onclick: () => runNow(p) }),
    button(p.enabled ? 'Disable' : 'Enable', { icon: 'power', action: p.enabled ? 'disable' : 'enable', onclick: async () => { const updated = await toggleEnabled(p); if (updated) toggled(updated); } }),
    button('Edit', { icon: 'edit', href: `#/pipelines/${p.id}/edit`, action: 'edit' }),
    button('Reset state', {
      icon: 'reset', action: 'reset',
      onclick: () => confirmThen({
        title: `Reset the state of ${p.name}?`,
        message: 'Every stored offset is forgotten: the next run copies every stream from the start.',
        confirm: 'Reset state', danger: true,
        run: async () => {
          await api.del(`pipelines/${p.id}/state`);
          toast('Offsets forgotten; the next run starts from scratch.', 'success');
          loadState();
        },
      }),
    }),
    button('Delete', {
      icon: 'trash', kind: 'danger', action: 'delete',
      onclick: () => confirmThen({
        title: `Delete ${p.name}?`,
        message: 'The pipeline, its schedule and its offsets go. The destination tables stay. This cannot be undone.',
        confirm: 'Delete', danger: true,
        run: async () => {
          await api.del(`pipelines/${p.id}`);
          toast(`Deleted ${p.name}.`, 'success');
          navigate('/pipelines');
        },
      }),
    }),
  ] : [];
  return pageHeader(p.name, {
    crumbs: [['Pipelines', '#/pipelines']],
    after: p.enabled ? null : h('span.tag', 'disabled'),
    actions,
  });
}

function definition(p, names) {
  const link = (path, pid) => (pid ? h('a', { href: `#/${path}/${pid}` }, names.get(pid) || pid) : '–');
  const rows = [
    ['Source', link('sources', p.source_id)],
    ['Destination', link('destinations', p.destination_id)],
    ['Streams', h('div', (p.streams || []).map(s => h('div', { dataset: { definitionStream: s.name } }, h('code', s.name),
      h('span.muted.small', ` ${s.sync_mode || 'incremental'}`, s.write_mode ? ` · ${s.write_mode}` : '', s.cursor_field ? ` · cursor ${s.cursor_field}` : ''),
      (s.transforms || []).length ? h('span.small.stream-steps', ` · steps: ${s.transforms.map((t, i) => `${i + 1} ${t.type}`).join(' → ')}`) : null)))],
    ['Models', (p.models || []).length ? h('div', p.models.map(m => h('div', { dataset: { model: m.name } }, h('code', m.name),
      h('span.muted.small', ` ${m.materialization || 'table'}`, (m.unique_key || []).length ? ` · key ${m.unique_key.join(', ')}` : '')))) : 'none'],
    ['Zones', (p.zones || []).join(', ') || '–'],
    ['Namespaces', `${p.target_namespace || 'analytics'} (normalized)` + ((p.zones || []).includes('raw') ? `, ${p.raw_namespace || 'staging'} (raw)` : '')],
    ['Schedule', scheduleCell({ ...p, depends_on: [] })],
    ['Depends on', (p.depends_on || []).length ? h('span', p.depends_on.map((d, i) => [i ? ', ' : '', link('pipelines', d)])) : 'nothing'],
    ['Notifications', (p.notifications || []).length ? `${p.notifications.length} target(s)` : 'none'],
    ['Updated', fmt.dateTime(p.updated_at)],
  ];
  return h('dl.kv', rows.map(([k, v]) => [h('dt', k), h('dd', v)]));
}

function offsetsView(state) {
  const entries = Object.entries(state.streams || {});
  if (!entries.length) return h('div.empty', 'No offset stored: the next run reads every stream from the start.');
  const rows = entries.flatMap(([stream, splits]) => Object.entries(splits || {}).map(([split, offset]) => ({ stream, split, offset })));
  return table([
    { title: 'Stream', render: r => h('code', r.stream) },
    // ~flush: the last flush begun into a destination that records flushes (its token and the offsets it stores)
    { title: 'Split', render: r => r.split === '~flush' ? 'last flush begun' : r.split },
    { title: 'Offset', render: r => h('code.wrap-anywhere', JSON.stringify(r.offset)) },
  ], rows);
}
