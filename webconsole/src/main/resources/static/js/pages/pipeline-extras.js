// Smaller sections of the pipeline editor: dependencies, quality checks, notifications, destination options.

import { h, replace } from '../dom.js';
import { getOptional } from '../api.js';
import { field, select, checkbox } from '../ui/forms.js';
import { errorPanel, loading } from '../ui/page.js';
import { humanize } from '../format.js';

/** Events a notification target can hear, in the server's order. */
export const EVENTS = ['run_failed', 'run_succeeded', 'run_succeeded_with_warnings', 'quality_check_failed', 'schema_changed', 'recovered', 'cdc_lag'];
const eventLabel = event => (event === 'cdc_lag' ? 'CDC lag' : humanize(event));

/**
 * Which pipelines must succeed before this one runs.
 *
 * @param {Object} pipeline the edited pipeline ({} for a new one)
 * @param {Object[]} all every pipeline
 * @param {boolean} readOnly
 * @returns {{element: HTMLElement, read: function(): {depends_on: string[]}}}
 */
export function dependencySection(pipeline, all, readOnly) {
  const chosen = new Set(pipeline.depends_on || []);
  const others = all.filter(p => p.id !== pipeline.id).sort((a, b) => a.name.localeCompare(b.name));
  const boxes = others.map(p => checkbox(p.name, { value: p.id, checked: chosen.has(p.id), disabled: readOnly }));
  return {
    element: h('div.field', { dataset: { field: 'depends_on' } },
      h('span.help', 'This pipeline runs after each checked one succeeds (and its schedule, if any, still fires).'),
      others.length ? h('div.check-group', boxes) : h('span.muted', 'There is no other pipeline yet.'),
      h('span.field-error', { role: 'alert', hidden: true })),
    read: () => ({ depends_on: boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value) }),
  };
}

/**
 * Quality checks after each stream: row count, key uniqueness, null-ratio limits per column.
 *
 * @param {Object} pipeline
 * @param {function(): string[]} columns the selected streams' column names, for suggestions
 * @param {boolean} readOnly
 * @returns {{element: HTMLElement, read: function(): {quality_checks: Object}}}
 */
export function qualitySection(pipeline, columns, readOnly) {
  const checks = pipeline.quality_checks || {};
  const action = (key, fallback) => select(['warn', 'fail', 'off'], checks[key] || fallback, { disabled: readOnly });
  const rowCount = action('row_count', 'warn');
  const uniqueKey = action('unique_key', 'warn');
  const nullRatio = action('null_ratio', 'fail');
  const limits = h('div');
  const list = h('datalist', { id: 'arus-columns' });
  const addLimit = (column = '', ratio = '') => {
    const row = h('div.row', { style: { marginBottom: '.4rem' } },
      h('input', { value: column, placeholder: 'column', list: 'arus-columns', style: { maxWidth: '240px' }, disabled: readOnly, 'aria-label': 'Column' }),
      h('input', { type: 'number', min: 0, max: 1, step: 0.01, value: ratio, placeholder: '0.05', style: { maxWidth: '110px' }, disabled: readOnly, 'aria-label': 'Largest share of nulls' }),
      readOnly ? null : h('button.button.small', { type: 'button', onclick: () => row.remove() }, 'Remove'));
    limits.append(row);
  };
  Object.entries(checks.max_null_ratio || {}).forEach(([c, r]) => addLimit(c, r));
  const refreshColumns = () => replace(list, columns().map(c => h('option', { value: c })));
  return {
    element: h('div',
      h('div.fields-row',
        field({ label: 'Row count (source vs destination)', field: 'quality_checks.row_count', input: rowCount }),
        field({ label: 'Unique key in the destination', field: 'quality_checks.unique_key', input: uniqueKey }),
        field({ label: 'Null-ratio limit breached', field: 'quality_checks.null_ratio', input: nullRatio })),
      h('div.field', { dataset: { field: 'quality_checks.max_null_ratio' } },
        h('span.label', 'Largest share of nulls per column (0 to 1)'), limits, list,
        readOnly ? null : h('div', h('button.button.small', { type: 'button', onfocus: refreshColumns, onmouseenter: refreshColumns, onclick: () => { refreshColumns(); addLimit(); } }, 'Add a column limit')),
        h('span.field-error', { role: 'alert', hidden: true }))),
    read() {
      const max = {};
      limits.querySelectorAll('.row').forEach(row => {
        const [column, ratio] = row.querySelectorAll('input');
        if (column.value.trim()) max[column.value.trim()] = ratio.value === '' ? 0 : Number(ratio.value);
      });
      return { quality_checks: { row_count: rowCount.value, unique_key: uniqueKey.value, null_ratio: nullRatio.value, max_null_ratio: max } };
    },
  };
}

/**
 * Which notification targets hear which of this pipeline's events. A server without notification targets says so,
 * and the pipeline is then saved without the field (the server keeps what it has).
 *
 * @param {Object} pipeline
 * @param {boolean} readOnly
 * @returns {{element: HTMLElement, read: function(): Object}}
 */
export function notificationSection(pipeline, readOnly) {
  const element = h('div', loading());
  let rows = null;
  const current = new Map((pipeline.notifications || []).map(n => [n.target_id, new Set(n.events || [])]));
  const load = async () => {
    try {
      const { available, data } = await getOptional('notification-targets');
      if (!available) {
        replace(element, h('div.notice.warn', { dataset: { unavailable: 'true' } },
          h('p', 'Notifications are not available on this server yet.')));
        return;
      }
      if (!data.length) {
        rows = [];
        replace(element, h('p.muted', 'No notification target yet. ', h('a', { href: '#/notifications/new' }, 'Add one'),
          ' (a Slack channel, an e-mail address, a webhook…), then choose its events here.'));
        return;
      }
      rows = data.map(target => ({
        target,
        boxes: EVENTS.map(event => h('input', { type: 'checkbox', value: event, disabled: readOnly,
          checked: current.has(target.id) && current.get(target.id).has(event), 'aria-label': `${target.name}: ${eventLabel(event)}`, title: event === 'cdc_lag' ? 'a change-capture stream fell further behind its source than the lag alert (Run options)' : null })),
      }));
      replace(element, h('div.table-wrap', h('table.data',
        h('thead', h('tr', h('th', 'Target'), EVENTS.map(e => h('th', eventLabel(e))))),
        h('tbody', rows.map((row, i) => h('tr', { dataset: { field: `notifications[${i}]`, target: row.target.name } },
          h('td', h('strong', row.target.name), h('span.muted.small', ` ${row.target.type}`),
            h('div.field-error', { role: 'alert', hidden: true })),
          row.boxes.map(box => h('td', box))))))));
    } catch (error) {
      replace(element, errorPanel(error, { what: 'the notification targets', retry: load }));
    }
  };
  load();
  return {
    element: h('div.field', { dataset: { field: 'notifications' } }, element, h('span.field-error', { role: 'alert', hidden: true })),
    read() {
      if (rows === null) return {};
      const chosen = rows.map(row => ({ target_id: row.target.id, events: row.boxes.filter(b => b.checked).map(b => b.value) }))
        .filter(n => n.events.length);
      // rows are re-labelled by position in the body so the server's errors land on them
      const body = element.querySelectorAll('tbody tr');
      let j = 0;
      rows.forEach((row, i) => {
        const used = row.boxes.some(b => b.checked);
        if (body[i]) body[i].dataset.field = used ? `notifications[${j++}]` : `unused-${i}`;
      });
      return { notifications: chosen };
    },
  };
}

/**
 * Zones, namespaces and the run options.
 *
 * @param {Object} pipeline
 * @param {boolean} readOnly
 * @returns {{element: HTMLElement, read: function(): Object}}
 */
export function destinationSection(pipeline, readOnly) {
  const zones = pipeline.zones || ['normalized'];
  const normalized = checkbox('normalized: typed columns, upserted by key', { checked: zones.includes('normalized'), disabled: readOnly });
  const raw = checkbox('raw: each record as JSON, append-only', { checked: zones.includes('raw'), disabled: readOnly });
  const input = (name, value, props = {}) => h('input', { name, value: value ?? '', disabled: readOnly, ...props });
  const target = input('target_namespace', pipeline.target_namespace, { placeholder: 'analytics' });
  const rawNs = input('raw_namespace', pipeline.raw_namespace, { placeholder: 'staging' });
  const batch = input('batch_size', pipeline.batch_size, { type: 'number', min: 1, placeholder: '10000' });
  const batchMemory = input('batch_memory_mb', pipeline.batch_memory_mb, { type: 'number', min: 1, max: 1024, placeholder: '2' });
  const parallel = input('parallelism', pipeline.parallelism, { type: 'number', min: 1, max: 16, placeholder: '2' });
  const threshold = input('error_threshold', pipeline.error_threshold, { type: 'number', min: 0, placeholder: 'no limit' });
  const lookBack = input('look_back_seconds', pipeline.look_back_seconds, { type: 'number', min: 0, placeholder: '0' });
  const softDelete = select([{ value: 'delete', label: 'delete the row' }, { value: 'flag', label: 'keep it, flagged' }],
    pipeline.soft_delete_mode || 'delete', { disabled: readOnly });
  const cdc = pipeline.cdc || {};
  const until = select([{ value: 'never', label: 'follow the log until stopped' },
    { value: 'current', label: 'drain to the position at start, then end' }], cdc.until || 'never', { disabled: readOnly });
  const lagAlert = input('cdc.lag_alert_seconds', cdc.lag_alert_seconds, { type: 'number', min: 1, max: 86400, placeholder: '300' });
  const checkpoint = input('cdc.checkpoint_seconds', cdc.checkpoint_seconds, { type: 'number', min: 1, max: 3600, placeholder: '1' });
  const retry = pipeline.retry || {};
  const attempts = input('retry.attempts', retry.attempts, { type: 'number', min: 0, max: 100, placeholder: '8' });
  const maxDelay = input('retry.max_delay_seconds', retry.max_delay_seconds, { type: 'number', min: 1, max: 3600, placeholder: '60' });
  const num = el => (el.value.trim() === '' ? undefined : Number(el.value));
  return {
    element: h('div',
      h('div.field', { dataset: { field: 'zones' } }, h('span.label', 'Zones'), h('div.check-group', normalized, raw),
        h('span.field-error', { role: 'alert', hidden: true })),
      h('div.fields-row',
        field({ label: 'Target namespace (normalized)', field: 'target_namespace', input: target, help: 'Schema or database in the destination.' }),
        field({ label: 'Raw namespace', field: 'raw_namespace', input: rawNs })),
      h('details', h('summary', { style: { cursor: 'pointer', marginBottom: '.6rem' } }, 'Run options'),
        h('div.fields-row',
          field({ label: 'Batch size (rows)', field: 'batch_size', input: batch }),
          field({ label: 'Batch memory (MiB)', field: 'batch_memory_mb', input: batchMemory,
            help: 'A batch ends at its rows or once they take this much memory, whichever comes first: wide rows make smaller batches.' }),
          field({ label: 'Readers at once', field: 'parallelism', input: parallel,
            help: 'Streams synced at once; a full refresh without transform steps is read in key ranges (or, for a PostgreSQL table without a key in replace mode, page ranges) by the readers its stream is left.' }),
          field({ label: 'Rejected rows before failing', field: 'error_threshold', input: threshold }),
          field({ label: 'Look-back (seconds)', field: 'look_back_seconds', input: lookBack, help: 'Re-read recent rows in incremental mode.' }),
          field({ label: 'Soft-deleted rows', field: 'soft_delete_mode', input: softDelete }),
          field({ label: 'Change-capture runs', field: 'cdc.until', input: until,
            help: 'For streams in change-capture mode: a run follows the log until stopped (and starts again after a server restart), or drains it and ends, for schedules.' }),
          field({ label: 'Lag alert (seconds)', field: 'cdc.lag_alert_seconds', input: lagAlert,
            help: 'A change-capture stream further behind its source than this sends the cdc_lag notification (once, again after it caught up).' }),
          field({ label: 'Checkpoint every (seconds)', field: 'cdc.checkpoint_seconds', input: checkpoint,
            help: 'The longest a change-capture stream gathers changes before writing them and storing its position (or a batch of changes, whichever comes first). Longer: fewer, larger writes, more lag.' }),
          field({ label: 'Retries when unreachable', field: 'retry.attempts', input: attempts,
            help: 'A stream that cannot reach its source or destination starts again from its last stored offset after 1, 2, 4... seconds, this many times in a row (0: fail at once).' }),
          field({ label: 'Longest wait between retries (seconds)', field: 'retry.max_delay_seconds', input: maxDelay })))),
    read() {
      const out = {
        zones: [normalized, raw].map(c => c.querySelector('input')).filter(i => i.checked)
          .map(i => (i === normalized.querySelector('input') ? 'normalized' : 'raw')),
        soft_delete_mode: softDelete.value,
        cdc: { ...cdc, until: until.value, lag_alert_seconds: num(lagAlert), checkpoint_seconds: num(checkpoint) },
        retry: { ...retry, attempts: num(attempts), max_delay_seconds: num(maxDelay) },
      };
      const texts = { target_namespace: target, raw_namespace: rawNs };
      for (const [key, el] of Object.entries(texts)) if (el.value.trim()) out[key] = el.value.trim();
      const numbers = { batch_size: batch, batch_memory_mb: batchMemory, parallelism: parallel, error_threshold: threshold, look_back_seconds: lookBack };
      for (const [key, el] of Object.entries(numbers)) out[key] = num(el);
      return out;
    },
  };
}
