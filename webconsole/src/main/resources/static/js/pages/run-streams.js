// The per-stream counters of a run, as a table; live progress (percent) when the run page has it.

import { h } from '../dom.js';
import * as fmt from '../format.js';
import { table, statusBadge } from '../ui/page.js';

const CHECK_CLASS = { passed: 'ok', failed: 'bad', warned: 'warn', skipped: '' };

/**
 * @param {Object[]} streams a run's streams (name, status, rows_read, rows_written, rows_rejected, duration_ms,
 *   rows_per_second, error, checks), optionally with a live `percent`
 * @param {Object} [options]
 * @param {boolean} [options.live] show a progress column
 * @returns {HTMLElement}
 */
export function streamTable(streams, { live = false } = {}) {
  return table([
    { title: 'Stream', render: s => h('code', s.name) },
    { title: 'Status', render: s => statusBadge(s.status) },
    live ? { title: 'Progress', render: s => progress(s) } : null,
    { title: 'Read', class: 'num', render: s => fmt.number(s.rows_read) },
    { title: 'Written', class: 'num', render: s => h('span', { dataset: { rowsWritten: s.rows_written } }, fmt.number(s.rows_written)) },
    { title: 'Rejected', class: 'num', render: s => (s.rows_rejected ? h('span', { style: { color: 'var(--bad)', fontWeight: 600 } }, fmt.number(s.rows_rejected)) : '0') },
    { title: 'Rows/s', class: 'num', render: s => fmt.number(s.rows_per_second) },
    { title: 'Duration', class: 'num', render: s => fmt.duration(s.duration_ms) },
    { title: 'Checks', render: s => checks(s.checks) },
    { title: 'Error', render: s => (s.error ? h('span.wrap-anywhere', { style: { color: 'var(--bad)' } }, s.error) : '') },
  ].filter(Boolean), streams, { empty: 'No stream has started yet.', rowProps: s => ({ dataset: { stream: s.name, status: s.status } }) });
}

function progress(s) {
  const done = ['succeeded', 'failed', 'cancelled', 'interrupted'].includes(s.status);
  if (done) return h('div.progress', { title: s.status }, h('div', { style: { width: '100%', background: s.status === 'succeeded' ? 'var(--ok)' : 'var(--warn)' } }));
  if (typeof s.percent === 'number') {
    return h('div', { style: { display: 'flex', alignItems: 'center', gap: '.4rem' } },
      h('div.progress', { style: { flex: 1 } }, h('div', { style: { width: `${Math.min(100, s.percent)}%` } })),
      h('span.small.muted', `${Math.round(s.percent)}%`));
  }
  return h('div.progress.indeterminate', { title: 'the source gave no row estimate' }, h('div'));
}

function checks(list) {
  if (!Array.isArray(list) || !list.length) return '';
  return h('span', list.map(c => h('span.badge', {
    class: CHECK_CLASS[c.status] || null, title: c.detail || '', style: { marginRight: '.25rem' },
  }, `${c.check}: ${c.status}`)));
}
