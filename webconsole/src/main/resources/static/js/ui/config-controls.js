// The two config-spec controls that are more than one input: a map (key/value rows, e.g. a rename's old -> new
// names) and an expression (a text input the server checks as the user types, showing its message and position).

import { h, debounce } from '../dom.js';
import { describeError } from '../api.js';

/** How long typing must pause before an expression is sent to the server. */
const CHECK_MS = 350;

/**
 * Key/value rows for a MAP field; empty keys are left out when read.
 *
 * @param {{name: string, label?: string}} f the spec field
 * @param {Object<string, string>} [current] the stored map
 * @param {boolean} readOnly
 * @returns {{input: HTMLElement, read: function(): (Object<string, string>|undefined)}}
 */
export function mapControl(f, current, readOnly) {
  const rows = h('div.map-rows');
  const label = f.label || f.name;
  const addRow = (key = '', value = '') => {
    const keyInput = h('input', { value: key, placeholder: 'name', spellcheck: 'false', autocomplete: 'off', disabled: readOnly,
      'aria-label': `${label}: name`, dataset: { mapKey: 'true' } });
    const valueInput = h('input', { value, placeholder: 'value', spellcheck: 'false', autocomplete: 'off', disabled: readOnly,
      'aria-label': `${label}: value`, dataset: { mapValue: 'true' } });
    const row = h('div.map-row', keyInput, h('span.muted', { 'aria-hidden': 'true' }, '→'), valueInput,
      readOnly ? null : h('button.button.small', {
        type: 'button', 'aria-label': `Remove this ${label} row`, dataset: { action: 'remove-entry' },
        onclick: () => { row.remove(); rows.dispatchEvent(new Event('input', { bubbles: true })); },
      }, 'Remove'));
    rows.append(row);
    return keyInput;
  };
  const entries = current && typeof current === 'object' && !Array.isArray(current) ? Object.entries(current) : [];
  entries.forEach(([key, value]) => addRow(key, value === null || value === undefined ? '' : String(value)));
  if (!entries.length && !readOnly) addRow();
  const input = h('div.map-control', { role: 'group', 'aria-label': label, dataset: { name: f.name } },
    rows,
    readOnly ? null : h('button.button.small', { type: 'button', dataset: { action: 'add-entry' }, onclick: () => addRow().focus() }, 'Add a row'));
  return {
    input,
    read() {
      const out = {};
      rows.querySelectorAll('.map-row').forEach(row => {
        const [key, value] = row.querySelectorAll('input');
        if (key.value.trim()) out[key.value.trim()] = value.value;
      });
      return Object.keys(out).length ? out : undefined;
    },
  };
}

/**
 * A text input for an EXPRESSION field. With a check, each pause in typing sends the config to the server and the
 * answer shows under the input: the violation naming this field (with its position, "1:7 unexpected ..."), or that
 * the expression is fine. Answers that arrive after a newer edit are dropped.
 *
 * @param {{name: string}} f the spec field
 * @param {string} [current] the stored expression
 * @param {function(): Promise<{field: string, message: string}[]>} [check]
 * @returns {{input: HTMLInputElement, extra: HTMLElement, read: function(): (string|undefined)}}
 */
export function expressionControl(f, current, check) {
  const input = h('input.expression', { type: 'text', name: f.name, value: current ?? '', spellcheck: 'false', autocomplete: 'off' });
  const status = h('span.expression-check', { role: 'status', 'aria-live': 'polite', dataset: { expressionFor: f.name } });
  let sequence = 0;
  const show = (state, text) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  const run = async () => {
    const mine = ++sequence;
    if (!input.value.trim()) {
      show('empty', '');
      return;
    }
    show('checking', 'checking…');
    try {
      const violations = await check();
      if (mine !== sequence) return;
      const own = (violations || []).find(v => v.field === f.name || String(v.field).endsWith('.' + f.name));
      if (own) show('invalid', own.message);
      else show('valid', 'the expression is valid');
    } catch (error) {
      if (mine === sequence) show('unchecked', `not checked: ${describeError(error)}`);
    }
  };
  if (check) {
    input.addEventListener('input', debounce(run, CHECK_MS));
    if (input.value.trim()) run();
  }
  return { input, extra: status, read: () => (input.value.trim() === '' ? undefined : input.value) };
}
