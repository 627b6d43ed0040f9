// The dashboard: how many pipelines, what runs now, what failed, rows moved; charts; recent and next runs.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, panel, table, statusBadge, errorPanel, loading, button } from '../ui/page.js';
import { barChart, statusBars, responsive } from '../ui/charts.js';

const REFRESH_MS = 20000;

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, onCleanup, active }) {
  const body = h('div', loading());
  view.append(pageHeader('Dashboard', {
    actions: session.can('editor') ? [button('New pipeline', { icon: 'plus', kind: 'primary', href: '#/pipelines/new', action: 'create' })] : [],
  }), body);
  const load = async () => {
    try {
      const [dashboard, pipelines] = await Promise.all([api.get('dashboard'), api.get('pipelines')]);
      // no pipeline yet: the steps to the first one, done ones ticked
      const setup = pipelines.length ? null
        : checklist(...await Promise.all([api.get('sources'), api.get('destinations')]));
      if (active()) replace(body, setup, content(dashboard, pipelines, dashboard.recent_runs || []));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the dashboard', retry: load }));
    }
  };
  await load();
  const timer = setInterval(load, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
}

function content(d, pipelines, recent) {
  const p = d.pipelines || {};
  const runs = d.runs_24h || {};
  const perDay = (d.rows_per_day || []).map(point => ({
    label: String(point.day).slice(5).replace('-', '/'), value: point.rows || 0, title: `${point.day}: ${fmt.number(point.rows)} rows`,
  }));
  const totalRuns = Object.values(runs).reduce((s, n) => s + n, 0);
  return [
    h('div.cards',
      stat('Pipelines', p.total, `${fmt.number(p.enabled)} enabled`, 'pipeline', '', 'pipelines'),
      stat('Running now', p.running, `${fmt.number(runs.queued || 0)} queued in 24 h`, 'activity', p.running ? 'run' : '', 'running'),
      stat('Failed in 24 h', runs.failed || 0, `${fmt.number(p.failing)} pipeline(s) failing now`, 'alert', runs.failed ? 'bad' : '', 'failed'),
      stat('Rows moved today', d.rows_today, 'written to destinations (UTC day)', 'rows', '', 'rows-today')),
    h('div.grid.cols-2',
      panel('Rows written per day (14 days)', responsive(width => barChart(perDay, { width, label: 'rows written per day, last 14 days' }))),
      panel(h('span', 'Runs in the last 24 h ', h('span.muted.small', `(${fmt.number(totalRuns)})`)),
        totalRuns ? statusBars(runs) : h('div.empty', 'No run in the last 24 hours.'))),
    h('div.grid.cols-2',
      h('section.panel.flush', h('h2', 'Recent runs', h('span.spacer'), h('a.small', { href: '#/runs' }, 'All runs')), recentTable(recent, pipelines)),
      h('section.panel.flush', h('h2', 'Next scheduled runs'), nextTable(d.next_runs || []))),
    (d.slowest_streams || []).length ? h('section.panel.flush', h('h2', 'Slowest streams (24 h)'), table([
      { title: 'Pipeline', render: s => h('a', { href: `#/pipelines/${s.pipeline_id}` }, s.pipeline_name || s.pipeline_id) },
      { title: 'Stream', render: s => h('a.wrap-anywhere', { href: `#/runs/${s.run_id}` }, s.stream) },
      { title: 'Duration', class: 'num', render: s => fmt.duration(s.duration_ms) },
      { title: 'Rows', class: 'num', render: s => fmt.number(s.rows_written) },
      { title: 'Rows/s', class: 'num', render: s => fmt.number(s.rows_per_second) },
    ], d.slowest_streams)) : null,
  ];
}

function checklist(sources, destinations) {
  const editor = session.can('editor');
  const steps = [
    { key: 'source', done: sources.length > 0, what: 'Add a source: the database Arus reads from', href: '#/sources/new', label: 'New source' },
    { key: 'destination', done: destinations.length > 0, what: 'Add a destination: where the rows go', href: '#/destinations/new', label: 'New destination' },
    { key: 'pipeline', done: false, what: 'Create a pipeline: pick streams, a schedule, and run it', href: '#/pipelines/new', label: 'New pipeline' },
  ];
  const next = steps.find(s => !s.done);
  return h('section.panel', { dataset: { setup: 'true' } }, h('h2', 'Get started'),
    h('ol.checklist', steps.map((s, i) => h('li', { class: s.done ? 'done' : null, dataset: { step: s.key, done: String(s.done) } },
      h('span.step', s.done ? '✓' : String(i + 1)), h('span.what', s.what),
      editor && s === next ? button(s.label, { href: s.href, kind: 'primary', small: true, icon: 'plus' }) : null))),
    editor ? null : h('p.muted.small', 'An editor sets these up.'));
}

function stat(label, value, note, iconName, kind, key) {
  return h('div.card-stat', { class: kind || null, dataset: { stat: key } },
    h('div.label', icon(iconName), label),
    h('div.value', fmt.number(value ?? 0)),
    h('div.note', note));
}

function recentTable(runs, pipelines) {
  if (!pipelines.length) {
    return h('div.empty', 'No pipeline yet. ',
      session.can('editor') ? h('a', { href: '#/pipelines/new' }, 'Create the first one.') : 'An editor can create one.');
  }
  return table([
    { title: 'Status', render: r => statusBadge(r.status) },
    { title: 'Pipeline', render: r => h('a', { href: `#/pipelines/${r.pipeline_id}` }, r.pipeline_name || r.pipeline_id) },
    { title: 'Started', render: r => h('a', { href: `#/runs/${r.id}`, title: fmt.dateTime(r.started_at || r.created_at) }, fmt.relative(r.started_at || r.created_at)) },
    { title: 'Duration', class: 'num', render: r => fmt.duration(fmt.runDuration(r)) },
    { title: 'Trigger', render: r => h('span.muted', r.trigger) },
  ], runs, { empty: 'No run yet.' });
}

function nextTable(next) {
  return table([
    { title: 'Pipeline', render: n => h('a', { href: `#/pipelines/${n.pipeline_id}` }, n.pipeline_name || n.pipeline_id) },
    { title: 'When', render: n => {
      const at = n.next_fire_time || n.fire_time || n.next || n.at;
      return h('span', { title: fmt.dateTime(at) }, fmt.relative(at), h('span.muted.small', ` · ${fmt.zonedTime(at, n.zone || n.timezone)}`));
    } },
    { title: 'Schedule', render: n => h('code', n.cron || '') },
  ], next, { empty: 'No scheduled run coming up.' });
}
