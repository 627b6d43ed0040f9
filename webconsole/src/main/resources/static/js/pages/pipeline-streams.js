// The stream picker of the pipeline editor: the source's discovered streams, searchable, with select all; per
// selected stream its sync mode, cursor, primary key, soft-delete column and write mode, each showing what the
// engine would pick by itself (the same rules as the engine's StreamPlan), and its transform chain.

import { h, replace, debounce } from '../dom.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { errorPanel, loading } from '../ui/page.js';
import { select } from '../ui/forms.js';
import { transformChain } from './transform-chain.js';

/** The engine's cursor detection order. */
export const CURSOR_NAMES = ['updated_at', 'modified_at', 'last_modified', 'updated', 'last_update', 'created_at'];
const SOFT_DELETE_NAME = 'deleted_at';

/** @param {{namespace?: string, name: string}} s @returns {string} 'namespace.name' */
export const streamName = s => (s.namespace ? `${s.namespace}.${s.name}` : s.name);

/**
 * What the engine decides for a stream when the settings leave it open.
 *
 * @param {Object} stream a discovered stream (columns, primary_key, cursor_candidates)
 * @param {Object} settings the stream's settings in the pipeline
 * @returns {{cursor: string|null, primaryKey: string[], softDelete: string|null, sync: string, write: string}}
 */
export function detectDefaults(stream, settings) {
  const candidates = stream.cursor_candidates || [];
  let cursor = null;
  for (const name of CURSOR_NAMES) {
    cursor = candidates.find(c => c.toLowerCase() === name) || null;
    if (cursor) break;
  }
  const primaryKey = settings.primary_key && settings.primary_key.length ? settings.primary_key : stream.primary_key || [];
  const softDelete = (stream.columns || []).map(c => c.name).find(n => n.toLowerCase() === SOFT_DELETE_NAME) || null;
  let sync = settings.sync_mode || 'incremental';
  if (sync === 'incremental' && !settings.cursor_field && !cursor) sync = 'full_refresh';
  const write = sync === 'full_refresh' ? 'replace' : sync === 'cdc' || primaryKey.length ? 'upsert' : 'append';
  return { cursor, primaryKey, softDelete, sync, write };
}

/**
 * The picker.
 *
 * @param {Object} options
 * @param {Object[]} options.initial the pipeline's streams (settings), for an edit
 * @param {boolean} options.readOnly
 * @param {string|null} [options.pipelineId] the saved pipeline (its stored step secrets fill the preview's masks)
 * @param {function(): Promise<Object[]>} [options.transformTypes] the installed transform types, loaded once
 * @returns {{element: HTMLElement, load: function(string): Promise<void>, read: function(): Object[], columns: function(): string[]}}
 */
export function streamPicker({ initial = [], readOnly = false, pipelineId = null, transformTypes = async () => [] }) {
  /** name -> settings of the selected streams, in selection order */
  const selected = new Map(initial.map(s => [s.name, { ...s }]));
  /** name -> the stream's transform editor, kept while the list is drawn again so its steps and preview stay */
  const chains = new Map();
  const chainOf = name => {
    if (!chains.has(name)) {
      const settings = selected.get(name);
      const count = h('span.muted.small');
      const steps = n => { count.textContent = n ? ` · ${n} step(s)` : ' · none'; };
      steps(((settings && settings.transforms) || []).length);
      const chain = transformChain({
        initial: (settings && settings.transforms) || [], readOnly, onSteps: steps,
        context: { stream: name, sourceId: () => sourceId, pipelineId, types: transformTypes },
      });
      const details = h('details.stream-transforms', { dataset: { transformsFor: name } },
        h('summary', 'Transforms', count), chain.element);
      details.addEventListener('toggle', () => { if (details.open) chain.open(); });
      chains.set(name, { chain, details });
    }
    return chains.get(name);
  };
  let discovered = [];
  let sourceId = null;
  let query = '';
  let onlySelected = false;
  const listSlot = h('div');
  const countSlot = h('span.muted');
  const all = h('input', { type: 'checkbox', 'aria-label': 'Select all shown streams', dataset: { selectAll: 'true' }, disabled: readOnly });
  const search = h('input', { type: 'search', placeholder: 'Search streams', 'aria-label': 'Search streams' });
  search.addEventListener('input', debounce(() => { query = search.value.trim().toLowerCase(); draw(); }, 120));
  all.addEventListener('change', () => {
    for (const s of shown()) {
      if (all.checked && !selected.has(streamName(s))) selected.set(streamName(s), fresh(s));
      if (!all.checked) selected.delete(streamName(s));
    }
    draw();
  });

  const shown = () => discovered.filter(s => (!query || streamName(s).toLowerCase().includes(query))
    && (!onlySelected || selected.has(streamName(s))));
  const only = h('input', { type: 'checkbox', onchange: () => { onlySelected = only.checked; draw(); } });

  const draw = () => {
    const visible = shown();
    const chosen = visible.filter(s => selected.has(streamName(s))).length;
    all.checked = visible.length > 0 && chosen === visible.length;
    all.indeterminate = chosen > 0 && chosen < visible.length;
    countSlot.textContent = `${selected.size} of ${discovered.length} selected`;
    const missing = [...selected.keys()].filter(name => !discovered.some(s => streamName(s) === name));
    replace(listSlot,
      missing.length ? h('div.notice.warn', h('p', `Not offered by the source now: ${missing.join(', ')}. `,
        'They stay in the pipeline unless you remove them.'), missing.map(name => h('div', h('label.check',
        h('input', { type: 'checkbox', checked: true, disabled: readOnly, onchange: () => { selected.delete(name); draw(); } }), name)))) : null,
      visible.length ? h('div.stream-list', visible.map(item)) : h('div.empty', discovered.length ? 'No stream matches the search.' : 'The source offers no stream.'));
  };

  const item = stream => {
    const name = streamName(stream);
    const settings = selected.get(name);
    const box = h('input', {
      type: 'checkbox', checked: Boolean(settings), disabled: readOnly, 'aria-label': `Select ${name}`,
      onchange: () => {
        if (box.checked) selected.set(name, fresh(stream));
        else selected.delete(name);
        draw();
      },
    });
    const pk = stream.primary_key || [];
    return h('div.stream-item', { class: settings ? 'selected' : null, dataset: { stream: name } },
      h('div.stream-head',
        h('label.check', box, h('span.name', name)),
        h('span.muted.small', stream.row_estimate !== null && stream.row_estimate !== undefined ? `~${fmt.number(stream.row_estimate)} rows` : '',
          ` · ${(stream.columns || []).length} columns`, pk.length ? ` · key ${pk.join(', ')}` : ' · no key')),
      settings ? streamSettings(stream, settings, readOnly) : null,
      settings ? chainOf(name).details : null);
  };

  return {
    element: h('div.stream-picker',
      h('div.row', { style: { marginBottom: '.6rem' } },
        h('label.check', all, 'Select all'), h('div.search', icon('search'), search),
        h('label.check.small', only, 'Selected only'), countSlot),
      listSlot),
    /** Discovers the streams of a source. @param {string} id */
    async load(id) {
      sourceId = id;
      discovered = [];
      if (!id) {
        replace(listSlot, h('p.muted', 'Choose a source to see its streams.'));
        countSlot.textContent = '';
        return;
      }
      replace(listSlot, loading('Discovering the source’s streams…'));
      try {
        const answer = await api.get(`sources/${encodeURIComponent(id)}/streams`);
        if (sourceId !== id) return;
        // the pipeline's streams first, so an edit opens on them
        const streams = answer.streams || [];
        discovered = [...streams.filter(st => selected.has(streamName(st))), ...streams.filter(st => !selected.has(streamName(st)))];
        draw();
        chains.forEach(({ chain }) => chain.refresh());
      } catch (error) {
        if (sourceId !== id) return;
        replace(listSlot, errorPanel(error, { what: 'the source’s streams', retry: () => this.load(id) }),
          selected.size ? h('p.muted', `Selected before: ${[...selected.keys()].join(', ')} (kept as they are).`) : null);
      }
    },
    /** @returns {Object[]} the selected streams' settings, as the API takes them; marks each row with its index */
    read() {
      const order = [...discovered.map(streamName).filter(n => selected.has(n)),
        ...[...selected.keys()].filter(n => !discovered.some(s => streamName(s) === n))];
      return order.map((name, i) => {
        const row = listSlot.querySelector(`[data-stream="${CSS.escape(name)}"]`);
        if (row) {
          row.dataset.field = `streams[${i}]`;
          row.querySelectorAll('[data-key]').forEach(f => { f.dataset.field = `streams[${i}].${f.dataset.key}`; });
        }
        const out = clean(selected.get(name));
        const transforms = chains.has(name) ? chains.get(name).chain.read() : selected.get(name).transforms || [];
        if (chains.has(name)) chains.get(name).chain.label(`streams[${i}]`);
        if (transforms.length) out.transforms = transforms;
        return out;
      });
    },
    /** @returns {string[]} the column names of the selected streams (for null-ratio limits) */
    columns() {
      const names = new Set();
      discovered.filter(s => selected.has(streamName(s))).forEach(s => (s.columns || []).forEach(c => names.add(c.name)));
      return [...names].sort();
    },
  };
}

/**
 * The settings of a stream just selected. A table without a key is copied by full refresh: an incremental copy
 * could only append, and every changed row would arrive again as a duplicate.
 */
function fresh(stream) {
  const keyless = !(stream.primary_key || []).length;
  return keyless ? { name: streamName(stream), sync_mode: 'full_refresh' } : { name: streamName(stream) };
}

/** Drops unset settings: the engine decides them. */
function clean(settings) {
  const out = { name: settings.name };
  for (const key of ['sync_mode', 'cursor_field', 'soft_delete_field', 'write_mode']) {
    if (settings[key]) out[key] = settings[key];
  }
  if (settings.primary_key && settings.primary_key.length) out.primary_key = settings.primary_key;
  return out;
}

function streamSettings(stream, settings, readOnly) {
  const columns = (stream.columns || []).map(c => c.name);
  const keyless = !(stream.primary_key || []).length;
  const slot = h('div.stream-settings');
  const draw = () => {
    const auto = detectDefaults(stream, settings);
    // a soft-delete column is no cursor: it is null for every row that was never deleted
    const notCursor = c => c.toLowerCase() === SOFT_DELETE_NAME || c === settings.soft_delete_field;
    const candidates = (stream.cursor_candidates || []).filter(c => !notCursor(c));
    const others = columns.filter(c => !candidates.includes(c) && !notCursor(c));
    const setting = (key, label, control, note) => h('div.field', { dataset: { key } },
      h('label', label), control, note ? h('span.auto-note', note) : null, h('span.field-error', { role: 'alert', hidden: true }));
    const onChange = (key, parse = v => v || null) => event => {
      settings[key] = parse(event.target.value);
      draw();
    };
    replace(slot,
      setting('sync_mode', 'Sync mode', select([
        { value: 'incremental', label: 'Incremental' }, { value: 'full_refresh', label: 'Full refresh' },
        { value: 'cdc', label: 'Change capture (log)' },
      ], settings.sync_mode || 'incremental', { disabled: readOnly, onchange: onChange('sync_mode') }),
      auto.sync !== (settings.sync_mode || 'incremental') ? 'no cursor column: runs as full refresh'
        : settings.sync_mode === 'cdc' ? 'inserts, updates and deletes from the database log, applied by key' : null),
      setting('cursor_field', 'Cursor', select([
        { value: '', label: `auto: ${auto.cursor || 'none found'}` },
        ...candidates.map(c => ({ value: c, label: `${c} (candidate)` })), ...others.map(c => ({ value: c, label: c })),
      ], settings.cursor_field || '', { disabled: readOnly || (settings.sync_mode || 'incremental') !== 'incremental', onchange: onChange('cursor_field') })),
      keyless
        ? setting('primary_key', 'Key columns', h('select', {
          multiple: true, disabled: readOnly, size: Math.min(4, Math.max(2, columns.length)), 'aria-label': 'Key columns',
          onchange: event => { settings.primary_key = [...event.target.selectedOptions].map(o => o.value); draw(); },
        }, columns.map(c => h('option', { value: c, selected: (settings.primary_key || []).includes(c) }, c))),
        'the table has no key: pick the columns that identify a row (Ctrl-click for several)')
        : setting('primary_key', 'Primary key', h('input', {
          value: (settings.primary_key || []).join(', '), disabled: readOnly, spellcheck: 'false',
          placeholder: `auto: ${(stream.primary_key || []).join(', ') || 'none'}`,
          onchange: onChange('primary_key', v => v.split(',').map(s => s.trim()).filter(Boolean)),
        }), 'comma-separated columns'),
      setting('soft_delete_field', 'Soft-delete column', select([
        { value: '', label: `auto: ${auto.softDelete || 'none'}` }, ...columns.map(c => ({ value: c, label: c })),
      ], settings.soft_delete_field || '', { disabled: readOnly || settings.sync_mode === 'cdc', onchange: onChange('soft_delete_field') })),
      setting('write_mode', 'Write mode', select([
        { value: '', label: `auto: ${auto.write}` }, { value: 'upsert', label: 'upsert (merge by key)' },
        { value: 'append', label: 'append' }, { value: 'replace', label: 'replace (staging table, swap)' },
      ], settings.write_mode || '', { disabled: readOnly, onchange: onChange('write_mode') }),
      (settings.write_mode || auto.write) === 'upsert' && !auto.primaryKey.length ? 'upsert needs a primary key' : null));
  };
  draw();
  return slot;
}

