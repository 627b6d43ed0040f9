// The per-stream counters of a run, as a table; live progress (percent) when the run page has it.

import { h } from '../dom.js';
import * as fmt from '../format.js';
import { table, statusBadge } from '../ui/page.js';
import { FINAL } from './pipeline-common.js';
import { streamCheckBadges } from './run-results.js';

/**
 * @param {Object[]} streams a run's streams (name, status, rows_read, rows_filtered, rows_written, rows_deleted,
 *   rows_rejected, duration_ms, rows_per_second, error; a change-capture stream also lag_seconds, lag_bytes and
 *   events_per_second), optionally with a live `percent`
 * @param {Object} [options]
 * @param {boolean} [options.live] show a progress column
 * @param {Object} [options.run] the run, for its quality checks per stream
 * @param {boolean} [options.runPage] the run's own page, which shows the checks as badges above
 * @returns {HTMLElement}
 */
export function streamTable(streams, { live = false, run = null, runPage = false } = {}) {
  // change-capture streams have a lag and events per second; other streams leave them null
  const changes = streams.some(capturesChanges);
  return table([
    { title: 'Stream', render: s => h('code.wrap-anywhere', s.name) },
    { title: 'Status', render: s => statusBadge(s.status) },
    live ? { title: 'Progress', render: s => progress(s) } : null,
    { title: 'Read', class: 'num', render: s => h('span', { dataset: { rowsRead: s.rows_read ?? 0 } }, fmt.number(s.rows_read ?? 0)) },
    { title: 'Filtered', class: 'num', render: s => h('span', { dataset: { rowsFiltered: s.rows_filtered ?? 0 }, title: 'dropped by a filter step' }, fmt.number(s.rows_filtered ?? 0)) },
    { title: 'Written', class: 'num', render: s => h('span', { dataset: { rowsWritten: s.rows_written } }, fmt.number(s.rows_written)) },
    { title: 'Deleted', class: 'num', render: s => h('span', { dataset: { rowsDeleted: s.rows_deleted ?? 0 } }, fmt.number(s.rows_deleted ?? 0)) },
    { title: 'Rejected', class: 'num', render: s => (s.rows_rejected ? h('span', { style: { color: 'var(--warn)', fontWeight: 600 } }, fmt.number(s.rows_rejected)) : '0') },
    { title: 'Rows/s', class: 'num', render: s => h('span', { dataset: { rowsPerSecond: s.rows_per_second ?? 0 } }, fmt.number(s.rows_per_second)) },
    changes ? { title: 'Lag', class: 'num', render: s => lagCell(s) } : null,
    changes ? { title: 'Events/s', class: 'num', render: s => (capturesChanges(s) ? h('span', { dataset: { eventsPerSecond: s.events_per_second ?? '' }, title: 'changes read per second over the last ten seconds' }, fmt.rate(s.events_per_second)) : '') } : null,
    { title: 'Duration', class: 'num', render: s => fmt.duration(s.duration_ms) },
    // the run page shows its checks above the table; elsewhere (the pipeline's latest run) they go in a column
    run && !runPage ? { title: 'Checks', render: s => streamCheckBadges(run, s.name) } : null,
    streams.some(s => s.error) ? { title: 'Error', render: s => (s.error ? h('span.wrap-anywhere', { style: { color: 'var(--bad)' } }, s.error) : '') } : null,
  ].filter(Boolean), streams, { empty: 'No stream has started yet.', rowProps: s => ({ dataset: { stream: s.name, status: s.status } }) });
}

function capturesChanges(s) {
  return [s.lag_seconds, s.lag_bytes, s.events_per_second].some(v => v !== null && v !== undefined);
}

function lagCell(s) {
  if (!capturesChanges(s)) return '';
  const unknown = (s.lag_seconds ?? null) === null;
  return h('span', {
    dataset: { lagSeconds: s.lag_seconds ?? '', lagBytes: s.lag_bytes ?? '' },
    title: unknown ? 'not known yet (the snapshot is being read)' : 'behind the source: time since the last change read was committed, and bytes of log still to read',
  }, fmt.lag(s.lag_seconds, s.lag_bytes));
}

function progress(s) {
  if (FINAL.includes(s.status)) {
    const colour = s.status === 'succeeded' ? 'var(--ok)' : s.status === 'cancelled' ? 'var(--idle)' : s.status === 'failed' ? 'var(--bad)' : 'var(--warn)';
    return h('div.progress', { title: s.status }, h('div', { style: { width: '100%', background: colour } }));
  }
  if (typeof s.percent === 'number') {
    return h('div', { style: { display: 'flex', alignItems: 'center', gap: '.4rem' } },
      h('div.progress', { style: { flex: 1 } }, h('div', { style: { width: `${Math.min(100, s.percent)}%`, background: s.status === 'paused' ? 'var(--warn)' : null } })),
      h('span.small.muted', `${Math.round(s.percent)}%`));
  }
  if (s.status === 'paused') return h('div.progress', { title: 'paused' }, h('div', { style: { width: '0%' } }));
  return h('div.progress.indeterminate', { title: 'the source gave no row estimate' }, h('div'));
}
