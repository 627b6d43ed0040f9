// Form fields and the API's validation errors shown beside them. A field is found by its data-field attribute,
// which holds the JSON path the API names ('name', 'config.port', 'streams[0].sync_mode').

import { h } from '../dom.js';
import { ApiError, describeError } from '../api.js';

let nextId = 0;

/**
 * A labelled field.
 *
 * @param {Object} options
 * @param {string} options.label
 * @param {string} options.field the JSON path the API uses for it; errors appear here
 * @param {HTMLElement} options.input the control
 * @param {string} [options.help] a line under it
 * @param {boolean} [options.required] shows a marker
 * @returns {HTMLElement}
 */
export function field({ label, field: path, input, help, required }) {
  if (!input.id) input.id = 'f' + (++nextId);
  const helpNode = help ? h('span.help', { id: input.id + '-help' }, help) : null;
  if (helpNode) input.setAttribute('aria-describedby', helpNode.id);
  return h('div.field', { dataset: { field: path } },
    h('label', { for: input.id }, label, required ? h('span.req', { 'aria-hidden': 'true' }, '*') : null),
    input, helpNode, h('span.field-error', { role: 'alert', hidden: true }));
}

/**
 * A checkbox with its label on the right.
 *
 * @param {string} label
 * @param {Object} [props] input properties (name, checked, onchange...)
 * @returns {HTMLLabelElement}
 */
export function checkbox(label, props = {}) {
  return h('label.check', h('input', { type: 'checkbox', ...props }), label);
}

/**
 * A select.
 *
 * @param {Array<string|{value: string, label: string}>} options
 * @param {string} [value] the selected value
 * @param {Object} [props] more properties
 * @returns {HTMLSelectElement}
 */
export function select(options, value, props = {}) {
  return h('select', props, options.map(o => {
    const option = typeof o === 'string' ? { value: o, label: o } : o;
    return h('option', { value: option.value, selected: String(option.value) === String(value ?? '') }, option.label);
  }));
}

/** Removes every error shown by {@link showFormErrors}. @param {HTMLElement} form */
export function clearFormErrors(form) {
  form.querySelectorAll('.field.invalid, [data-field].invalid').forEach(node => node.classList.remove('invalid'));
  form.querySelectorAll('.field-error').forEach(node => { node.hidden = true; node.textContent = ''; });
  const summary = form.querySelector(':scope > .form-errors');
  if (summary) summary.remove();
}

/**
 * Shows an API error on a form: each field error beside its field (or its closest named parent:
 * 'streams[0].cursor_field' falls back to 'streams[0]', then 'streams'), and a summary at the top.
 *
 * @param {HTMLElement} form
 * @param {*} error
 * @param {Object} [options]
 * @param {boolean} [options.summary] show the summary block (default true)
 * @returns {number} how many field errors found their field
 */
export function showFormErrors(form, error, options = {}) {
  clearFormErrors(form);
  const errors = error instanceof ApiError ? error.errors : [];
  let placed = 0;
  for (const { field: path, message } of errors) {
    const target = findField(form, path);
    if (!target) continue;
    placed++;
    target.classList.add('invalid');
    const slot = target.querySelector(':scope > .field-error') || target.querySelector('.field-error');
    if (slot) {
      const prefix = slot.textContent ? slot.textContent + '; ' : '';
      const own = target.dataset.field === path ? message : `${path}: ${message}`;
      slot.textContent = prefix + own;
      slot.hidden = false;
    }
  }
  if (options.summary !== false) {
    const summary = errors.length
      ? h('div.notice.error.form-errors', { role: 'alert' }, h('h3', 'Please correct the highlighted fields'),
        h('ul', errors.map(e => h('li', `${e.field}: ${e.message}`))))
      : h('div.notice.error.form-errors', { role: 'alert' }, h('h3', 'Not saved'), h('p', describeError(error)));
    form.prepend(summary);
  }
  const first = form.querySelector('.invalid input, .invalid select, .invalid textarea');
  if (first) first.focus({ preventScroll: false });
  else form.scrollIntoView({ block: 'start', behavior: 'smooth' });
  return placed;
}

function findField(form, path) {
  let current = path;
  while (current) {
    const node = form.querySelector(`[data-field="${CSS.escape(current)}"]`);
    if (node) return node;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    current = cut > 0 ? current.slice(0, cut) : '';
  }
  return null;
}

/**
 * Runs a submit handler with the submit button busy and errors shown on the form.
 *
 * @param {HTMLFormElement} form
 * @param {function(): Promise<void>} work
 * @returns {Promise<boolean>} whether it succeeded
 */
export async function submitting(form, work) {
  const button = form.querySelector('button[type="submit"]');
  clearFormErrors(form);
  if (button) { button.disabled = true; button.classList.add('busy'); }
  try {
    await work();
    return true;
  } catch (error) {
    showFormErrors(form, error);
    return false;
  } finally {
    if (button) { button.disabled = false; button.classList.remove('busy'); }
  }
}
