// The pipelines: status of the last run, schedule, last run; run now, enable or disable, edit.

import { h, replace, debounce } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge } from '../ui/page.js';
import { runNow, toggleEnabled, scheduleCell } from './pipeline-common.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active, onCleanup }) {
  const editor = session.can('editor');
  const body = h('div', loading());
  view.append(pageHeader('Pipelines', {
    actions: editor ? [button('New pipeline', { icon: 'plus', kind: 'primary', href: '#/pipelines/new', action: 'create' })] : [],
  }), body);

  let search = '';
  let data = null;
  const load = async () => {
    try {
      const [pipelines, sources, destinations] = await Promise.all([api.get('pipelines'), api.get('sources'), api.get('destinations')]);
      // each pipeline comes with its last run
      const runs = new Map(pipelines.filter(p => p.last_run).map(p => [p.id, p.last_run]));
      data = { pipelines, runs, names: new Map([...sources, ...destinations].map(c => [c.id, c.name])) };
      if (active()) draw();
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the pipelines', retry: load }));
    }
  };

  const filter = h('input', { type: 'search', placeholder: 'Filter by name', 'aria-label': 'Filter pipelines', value: search });
  filter.addEventListener('input', debounce(() => { search = filter.value.trim().toLowerCase(); draw(); }, 120));
  const listSlot = h('div');

  const draw = () => {
    const { pipelines, runs, names } = data;
    const pipelineNames = new Map(pipelines.map(p => [p.id, p.name]));
    const shown = pipelines.filter(p => !search || p.name.toLowerCase().includes(search))
      .sort((a, b) => a.name.localeCompare(b.name));
    replace(listSlot, table([
      { title: 'Name', render: p => h('a', { href: `#/pipelines/${p.id}` }, h('strong', p.name)) },
      { title: 'Status', render: p => {
        const run = runs.get(p.id);
        return h('span', statusBadge(run ? run.status : null), p.enabled ? null : [' ', h('span.tag', 'disabled')]);
      } },
      { title: 'Source → destination', render: p => h('span', names.get(p.source_id) || '?', ' → ', names.get(p.destination_id) || '?',
        h('span.muted.small', ` · ${(p.streams || []).length} stream(s)`)) },
      { title: 'Schedule', render: p => scheduleCell(p, pipelineNames) },
      { title: 'Last run', render: p => {
        const run = runs.get(p.id);
        return run ? h('a', { href: `#/runs/${run.id}`, title: fmt.dateTime(run.created_at) }, fmt.relative(run.created_at)) : h('span.muted', 'never');
      } },
      { title: '', class: 'actions', render: p => editor ? [
        button('Run now', { small: true, icon: 'play', action: 'run', onclick: () => runNow(p) }),
        button(p.enabled ? 'Disable' : 'Enable', {
          small: true, icon: 'power', action: p.enabled ? 'disable' : 'enable',
          title: p.enabled ? 'Stop the schedule and dependency triggers' : 'Let the schedule and dependency triggers fire',
          onclick: async () => { if (await toggleEnabled(p)) load(); },
        }),
        button('Edit', { small: true, icon: 'edit', href: `#/pipelines/${p.id}/edit`, action: 'edit' }),
      ] : null },
    ], shown, {
      empty: pipelines.length ? 'No pipeline matches.' : h('span', 'No pipeline yet.',
        editor ? [' ', h('a', { href: '#/pipelines/new' }, 'Create the first one.')] : null),
      rowProps: p => ({ dataset: { pipeline: p.name, id: p.id } }),
    }));
    if (!body.contains(listSlot)) {
      replace(body, h('div.row', { style: { marginBottom: '.75rem' } }, h('div.search', icon('search'), filter)),
        h('section.panel.flush', listSlot));
    }
  };

  await load();
  const timer = setInterval(() => { if (data) load(); }, 15000);
  onCleanup(() => clearInterval(timer));
}
