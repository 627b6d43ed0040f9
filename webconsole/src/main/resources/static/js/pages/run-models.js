// The SQL models of a run (run JSON "models"): each model's materialization, status, rows, duration and error, in
// the order they ran after the streams.

import { h } from '../dom.js';
import * as fmt from '../format.js';
import { table, statusBadge } from '../ui/page.js';

/**
 * @param {{models?: {name: string, materialization: string, status: string, rows: number, duration_ms: number, error: string}[]}} run
 * @returns {HTMLElement|null} a panel, or null when the run has no model
 */
export function runModels(run) {
  const models = Array.isArray(run.models) ? run.models : [];
  if (!models.length) return null;
  return h('section.panel.flush', { id: 'run-models' }, h('h2', 'Models'), table([
    { title: 'Model', render: m => h('code', m.name) },
    { title: 'Materialization', render: m => m.materialization || 'table' },
    { title: 'Status', render: m => statusBadge(m.status) },
    { title: 'Rows', class: 'num', render: m => (m.rows === null || m.rows === undefined ? '–' : fmt.number(m.rows)) },
    { title: 'Duration', class: 'num', render: m => fmt.duration(m.duration_ms) },
    { title: 'Error', render: m => (m.error ? h('span.wrap-anywhere', { style: { color: 'var(--bad)' } }, m.error) : '') },
  ], models, { rowProps: m => ({ dataset: { model: m.name, status: m.status } }) }));
}
