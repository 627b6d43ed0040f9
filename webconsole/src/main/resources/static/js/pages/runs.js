// Every run of every pipeline (GET /api/runs), newest first, filtered by pipeline, status, trigger and time; a
// timeline of the shown runs, one lane per pipeline. The filters live in the address, so a filtered view can be
// shared or kept as a bookmark.

import { h, replace, svg } from '../dom.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge } from '../ui/page.js';
import { field, select } from '../ui/forms.js';
import { responsive, STATUS_COLORS } from '../ui/charts.js';

const PAGE = 100;
const STATUSES = ['queued', 'running', 'paused', 'succeeded', 'succeeded_with_warnings', 'failed', 'cancelled', 'interrupted'];
const TRIGGERS = ['manual', 'api', 'schedule', 'dependency', 'shell'];

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, query, active }) {
  const body = h('div', loading());
  view.append(pageHeader('Runs'), body);
  let pipelines;
  try {
    pipelines = await api.get('pipelines');
  } catch (error) {
    replace(body, errorPanel(error, { what: 'the pipelines' }));
    return;
  }
  if (!active()) return;

  const filter = {
    pipeline_id: query.pipeline_id || '', status: query.status || '', trigger: query.trigger || '',
    since: query.since || '', until: query.until || '', offset: Math.max(0, Number(query.offset) || 0),
  };
  const names = new Map(pipelines.map(p => [p.id, p.name]));
  const pipeline = select([{ value: '', label: 'All pipelines' },
    ...[...pipelines].sort((a, b) => a.name.localeCompare(b.name)).map(p => ({ value: p.id, label: p.name }))], filter.pipeline_id, { name: 'pipeline_id' });
  const status = select([{ value: '', label: 'Any status' }, ...STATUSES.map(s => ({ value: s, label: s.replace(/_/g, ' ') }))], filter.status, { name: 'status' });
  const trigger = select([{ value: '', label: 'Any trigger' }, ...TRIGGERS.map(t => ({ value: t, label: t }))], filter.trigger, { name: 'trigger' });
  const since = h('input', { type: 'datetime-local', name: 'since', value: localInput(filter.since) });
  const until = h('input', { type: 'datetime-local', name: 'until', value: localInput(filter.until) });
  const results = h('div');

  let asked = 0;
  const load = async () => {
    const mine = ++asked;
    replace(results, loading());
    const q = {
      pipeline_id: filter.pipeline_id || null, status: filter.status || null, trigger: filter.trigger || null,
      since: filter.since || null, until: filter.until || null, limit: PAGE, offset: filter.offset || null,
    };
    // the address keeps the filters (no new history entry, no re-render)
    const shown = new URLSearchParams(Object.entries(q).filter(([k, v]) => v !== null && k !== 'limit')).toString();
    history.replaceState(null, '', `#/runs${shown ? '?' + shown : ''}`);
    try {
      const runs = await api.get('runs', q);
      // a later change of the filters wins over an answer still on its way
      if (!active() || mine !== asked) return;
      const list = Array.isArray(runs) ? runs : runs.runs || runs.items || [];
      replace(results,
        h('section.panel', h('h2', 'Timeline'), list.length ? timeline(list, names) : h('div.empty', 'No run matches.')),
        h('section.panel.flush', { dataset: { runsCount: list.length } }, runTable(list, names)),
        h('div.row', { style: { marginTop: '.75rem' } },
          filter.offset > 0 ? button('Newer', { onclick: () => { filter.offset = Math.max(0, filter.offset - PAGE); return load(); } }) : null,
          list.length === PAGE ? button('Older', { onclick: () => { filter.offset += PAGE; return load(); } }) : null,
          h('span.muted.small', list.length ? `Runs ${filter.offset + 1}–${filter.offset + list.length}` : '')));
    } catch (error) {
      if (active() && mine === asked) replace(results, errorPanel(error, { what: 'the runs', retry: load }));
    }
  };

  const changed = () => {
    Object.assign(filter, {
      pipeline_id: pipeline.value, status: status.value, trigger: trigger.value,
      since: isoOf(since.value), until: isoOf(until.value), offset: 0,
    });
    load();
  };
  [pipeline, status, trigger, since, until].forEach(input => input.addEventListener('change', changed));

  replace(body,
    h('form.filters', { dataset: { runFilters: 'true' }, onsubmit: event => event.preventDefault() },
      field({ label: 'Pipeline', field: 'pipeline_id', input: pipeline }),
      field({ label: 'Status', field: 'status', input: status }),
      field({ label: 'Trigger', field: 'trigger', input: trigger }),
      field({ label: 'Started after', field: 'since', input: since }),
      field({ label: 'Started before', field: 'until', input: until }),
      h('div.field', button('Clear filters', {
        small: true, onclick: () => {
          [pipeline, status, trigger].forEach(s => { s.value = ''; });
          since.value = '';
          until.value = '';
          changed();
        },
      }))),
    results);
  await load();
}

function runTable(runs, names) {
  return table([
    { title: 'Status', render: r => statusBadge(r.status) },
    { title: 'Pipeline', render: r => h('a', { href: `#/pipelines/${r.pipeline_id}` }, r.pipeline_name || names.get(r.pipeline_id) || r.pipeline_id) },
    { title: 'Started', render: r => h('a', { href: `#/runs/${r.id}`, title: fmt.relative(r.started_at || r.created_at) }, fmt.dateTime(r.started_at || r.created_at)) },
    { title: 'Duration', class: 'num', render: r => fmt.duration(fmt.runDuration(r)) },
    { title: 'Trigger', render: r => h('span.muted', r.trigger) },
    { title: 'Read', class: 'num', render: r => fmt.number(r.rows_read) },
    { title: 'Written', class: 'num', render: r => fmt.number(r.rows_written) },
    { title: 'Deleted', class: 'num', render: r => fmt.number(r.rows_deleted) },
    { title: 'Rejected', class: 'num', render: r => fmt.number(r.rows_rejected) },
  ], runs, { empty: 'No run matches these filters.', rowProps: r => ({ dataset: { run: r.id, status: r.status, pipeline: r.pipeline_name || names.get(r.pipeline_id) || '' } }) });
}

/** One lane per pipeline, a bar per run from its start to its end (or now), in its status colour. */
function timeline(runs, names) {
  const lanes = [...new Set(runs.map(r => r.pipeline_id))];
  const start = r => new Date(r.started_at || r.created_at).getTime();
  const end = r => (r.ended_at ? new Date(r.ended_at).getTime() : Date.now());
  const t0 = Math.min(...runs.map(start));
  const t1 = Math.max(...runs.map(end), t0 + 1000);
  // the ends of the axis: times only when the runs are of one day
  const sameDay = fmt.dateTime(t0).slice(0, 10) === fmt.dateTime(t1).slice(0, 10);
  const tick = t => (sameDay ? fmt.dateTime(t).slice(11) : fmt.dateTime(t).slice(5, 16));
  return responsive(width => {
    // narrow: each lane's name above its bars, the bars the whole width
    const narrow = width < 480;
    const left = narrow ? 4 : Math.min(180, Math.max(90, width * 0.25));
    const right = 10;
    const lane = narrow ? 40 : 26;
    const bar = narrow ? 16 : lane - 12;
    const top = 6;
    const height = top + lanes.length * lane + 24;
    const x = t => left + ((t - t0) / (t1 - t0)) * (width - left - right);
    const label = name => (!narrow && name.length > 24 ? name.slice(0, 23) + '…' : name);
    return svg('svg', { class: 'timeline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'runs over time, one lane per pipeline' },
      lanes.map((id, i) => {
        const y = top + i * lane;
        const name = (runs.find(r => r.pipeline_id === id) || {}).pipeline_name || names.get(id) || id;
        return svg('g', {},
          svg('line', { class: 'grid-line', x1: left, x2: width - right, y1: y + lane - 2, y2: y + lane - 2 }),
          svg('text', { class: 'lane-label', x: 4, y: narrow ? y + 12 : y + lane / 2 + 4 }, label(name)),
          runs.filter(r => r.pipeline_id === id).map(r => svg('a', { href: `#/runs/${r.id}` },
            svg('rect', {
              class: 'run', x: x(start(r)), y: narrow ? y + 18 : y + 5, width: Math.max(3, x(end(r)) - x(start(r))), height: bar, rx: 2,
              fill: STATUS_COLORS[r.status] || 'var(--idle)', 'data-run': r.id,
            }, svg('title', {}, `${name}: ${r.status.replace(/_/g, ' ')}, ${fmt.dateTime(start(r))}, ${fmt.duration(end(r) - start(r))}`)))));
      }),
      svg('text', { x: left, y: height - 6 }, tick(t0)),
      svg('text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, tick(t1)));
  });
}

/** @param {string} iso an instant @returns {string} the value of a datetime-local input, in local time */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** @param {string} local a datetime-local value @returns {string} the instant, ISO-8601 in UTC, or '' */
function isoOf(local) {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
