// The live preview of a stream's transform chain (POST /api/pipelines/preview): the first rows the source gives,
// then for a chosen step its input ("before") and its output ("after"), with the rows it rejected highlighted and
// their reasons, how many rows it filtered out, and a step that could not be opened shown with its error.

import { h, replace } from '../dom.js';
import { api, ApiError, describeError } from '../api.js';
import { button, notAvailable } from '../ui/page.js';

/** The tab of the rows as the source gives them. */
const INPUT = -1;

/**
 * @param {Object} options
 * @param {function(): (Object|null)} options.body the request body now, or null when there is nothing to preview
 * @param {function(): number} options.stepCount how many steps the chain has now
 * @param {function(number): string} options.stepLabel the tab label of a step
 * @param {function({step: number, field?: string, message: string}[]): void} options.showErrors shows step errors
 *   on the steps themselves (an empty list clears them)
 * @returns {{element: HTMLElement, refresh: function(): Promise<void>, select: function(number): void, showLast: function(): void}}
 */
export function transformPreview({ body, stepCount, stepLabel, showErrors }) {
  const status = h('span.muted.small.preview-status', { role: 'status' });
  const tabs = h('div.preview-tabs', { role: 'tablist', 'aria-label': 'Rows before and after each step' });
  const content = h('div.preview-body');
  let answer = null;
  let chosen = null; // null: follow the last step
  let sequence = 0;

  const refresh = async () => {
    const request = body();
    const mine = ++sequence;
    if (!request) {
      answer = null;
      status.textContent = '';
      replace(tabs);
      replace(content, h('p.muted', 'Choose a source to preview the rows.'));
      showErrors([]);
      return;
    }
    status.textContent = 'Loading the preview…';
    element.dataset.state = 'loading';
    try {
      const result = await previewUpTo(request);
      if (mine !== sequence) return;
      answer = result;
      element.dataset.state = 'ready';
      const rows = (result.input && result.input.rows) || [];
      status.textContent = `The first ${rows.length} row(s) of ${result.stream || request.stream}; nothing is written.`;
      showErrors(result.error ? [result.error] : []);
      draw();
    } catch (error) {
      if (mine !== sequence) return;
      answer = null;
      element.dataset.state = 'error';
      status.textContent = '';
      replace(tabs);
      const own = error instanceof ApiError ? error.errors.map(e => ({ ...e, step: stepOf(e.field) })).filter(e => e.step !== null) : [];
      showErrors(own);
      replace(content, error instanceof ApiError && error.missingEndpoint
        ? notAvailable('the preview', error)
        : h('div.notice.error', { role: 'alert' }, h('h3', 'No preview'), h('p', describeError(error)),
          error instanceof ApiError && error.errors.length ? h('ul', error.errors.map(e => h('li', `${e.field}: ${e.message}`))) : null));
    }
  };

  const selected = () => {
    const steps = (answer && answer.steps) || [];
    const last = Math.max(steps.length - 1, answer && answer.error ? answer.error.step : -1, INPUT);
    if (chosen === null) return last;
    return Math.min(chosen, Math.max(stepCount() - 1, INPUT));
  };

  const draw = () => {
    if (!answer) return;
    const steps = answer.steps || [];
    const error = answer.error || null;
    const current = selected();
    const tab = (index, label, extra = {}) => h('button.preview-tab', {
      type: 'button', role: 'tab', 'aria-selected': String(index === current), class: extra.class || null,
      disabled: extra.disabled || false, dataset: { previewStep: String(index) }, title: extra.title || null,
      onclick: () => { chosen = index; draw(); },
    }, label, extra.note ? h('span.tab-note', extra.note) : null);
    const count = Math.max(stepCount(), steps.length, error ? error.step + 1 : 0);
    replace(tabs, tab(INPUT, 'Source rows'), Array.from({ length: count }, (_, i) => {
      const step = steps[i];
      if (step) {
        const rejected = (step.rejected || []).length;
        const note = [rejected ? `${rejected} rejected` : '', step.filtered ? `${step.filtered} filtered` : ''].filter(Boolean).join(', ');
        return tab(i, stepLabel(i), { note, class: rejected ? 'has-rejects' : null });
      }
      if (error && error.step === i) return tab(i, stepLabel(i), { class: 'failed', note: 'error', title: error.message });
      return tab(i, stepLabel(i), { disabled: true, note: 'not run', title: 'An earlier step failed.' });
    }));
    replace(content, current === INPUT ? rowsTable('Source rows', answer.input, [], 'input') : stepView(current, steps, error, answer.input));
  };

  const element = h('div.transform-preview',
    h('div.row.preview-head', h('strong', 'Preview'), button('Refresh', { icon: 'refresh', small: true, action: 'preview', onclick: () => refresh() }), status),
    tabs, content);

  return {
    element,
    refresh,
    /** Shows a step's rows (INPUT, -1, for the source's). */
    select(index) {
      chosen = index;
      draw();
      element.scrollIntoView({ block: 'nearest' });
    },
    /** Follows the last step again (after a step was added). */
    showLast() {
      chosen = null;
    },
  };
}

/**
 * Asks for the preview. A step's config the server refuses as a whole request (a required field not filled in yet,
 * "transforms[2].config.columns") is answered like a step that cannot open: the steps before it are asked again, so
 * the rows up to the step being edited stay in view, and the refusal is that step's error.
 */
async function previewUpTo(request) {
  try {
    return await api.post('pipelines/preview', request);
  } catch (error) {
    const own = error instanceof ApiError && error.status === 400
      ? error.errors.map(e => ({ ...e, step: stepOf(e.field) })).filter(e => e.step !== null) : [];
    if (!own.length) throw error;
    const first = own.reduce((a, b) => (b.step < a.step ? b : a));
    const answer = await api.post('pipelines/preview', { ...request, transforms: request.transforms.slice(0, first.step) });
    return { ...answer, steps: answer.steps || [], error: answer.error || { step: first.step, field: first.field, message: first.message } };
  }
}

/** The index of the step a field path names ('transforms[2].config.columns' -> 2), or null. */
function stepOf(field) {
  const match = /^transforms\[(\d+)\]/.exec(String(field || ''));
  return match ? Number(match[1]) : null;
}

function stepView(index, steps, error, input) {
  const step = steps[index];
  const before = index === 0 ? input : steps[index - 1];
  if (!step) {
    return h('div',
      error && error.step === index
        ? h('div.notice.error.preview-step-error', { role: 'alert' }, h('h3', `Step ${index + 1} could not run`),
          h('p', error.message), error.field ? h('p.small', h('code', error.field)) : null)
        : h('p.muted', `Step ${index + 1} did not run: an earlier step failed.`),
      before ? rowsTable(`Before step ${index + 1}`, before, [], 'before') : null);
  }
  const rejected = step.rejected || [];
  return h('div.preview-pair',
    rowsTable(`Before step ${index + 1} (its input)`, before, rejected, 'before'),
    h('div',
      rowsTable(`After step ${index + 1} (${step.type})`, step, [], 'after'),
      h('p.small.preview-counts', { dataset: { filtered: String(step.filtered || 0), rejected: String(rejected.length) } },
        `${(step.rows || []).length} row(s) out, ${rejected.length} rejected, ${step.filtered || 0} filtered out.`),
      lineageNote(step.lineage)));
}

/**
 * A table of preview rows. Rows in `rejected` (found by their values) are highlighted with the reason; rejected rows
 * that match none of the shown rows are added at the end.
 */
function rowsTable(title, part, rejected, role) {
  const columns = (part && part.columns) || [];
  const rows = (part && part.rows) || [];
  const reasons = new Map();
  rejected.forEach(r => reasons.set(JSON.stringify(r.row), r.reason));
  const shown = rows.map(row => ({ row, reason: reasons.get(JSON.stringify(row)) ?? null }));
  const matched = new Set(shown.filter(r => r.reason !== null).map(r => JSON.stringify(r.row)));
  rejected.filter(r => !matched.has(JSON.stringify(r.row))).forEach(r => shown.push({ row: r.row, reason: r.reason }));
  const withReasons = shown.some(r => r.reason !== null);
  return h('div.preview-table', { dataset: { preview: role } },
    h('h4', title),
    columns.length ? h('div.table-wrap', h('table.data.compact',
      h('thead', h('tr', columns.map(c => h('th', { scope: 'col', title: `${c.type}${c.nullable === false ? ', not null' : ''}` },
        c.name, h('span.col-type', c.type))), withReasons ? h('th', { scope: 'col' }, 'Rejected because') : null)),
      h('tbody', shown.length ? shown.map(({ row, reason }) => h('tr', {
        class: reason !== null ? 'rejected' : null, title: reason, dataset: reason !== null ? { reason } : null,
      }, columns.map((c, i) => h('td', cell(row[i]))), withReasons ? h('td.reason', reason ?? '') : null))
        : h('tr', h('td.muted', { colspan: columns.length }, 'No row.'))))) : h('p.muted', 'No column.'));
}

function cell(value) {
  if (value === null || value === undefined) return h('span.muted', 'null');
  if (typeof value === 'object') return h('code', JSON.stringify(value));
  const text = String(value);
  return text.length > 200 ? h('span', { title: text }, text.slice(0, 199) + '…') : text;
}

function lineageNote(lineage) {
  const entries = Object.entries(lineage || {}).filter(([out, ins]) => !(ins.length === 1 && ins[0] === out));
  if (!entries.length) return null;
  return h('p.small.muted.preview-lineage', 'Columns: ', entries.map(([out, ins], i) => [i ? '; ' : '',
    h('code', out), ' ← ', ins.length ? ins.map((c, j) => [j ? ', ' : '', h('code', c)]) : 'a constant']));
}
