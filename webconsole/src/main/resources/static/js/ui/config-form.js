// A form drawn from a plugin type's config spec (GET /api/connectors/{type}, /api/notifiers/{type},
// /api/transforms/{type}): one input per field, by its type. Secrets are password inputs; a stored secret comes back
// as "******" and is sent back as "******" unless the user types a new one, so the server keeps it. A map is edited
// as key/value rows; an expression is checked by the server as the user types (when the caller gives a check).

import { h } from '../dom.js';
import { field, select } from './forms.js';
import { mapControl, expressionControl } from './config-controls.js';

export const MASK = '******';

/**
 * @typedef {Object} SpecField
 * @property {string} name
 * @property {string} type string, text, int, boolean, enum, secret, host, port, url, list, map or expression
 * @property {string} [label]
 * @property {boolean} [required]
 * @property {*} [default]
 * @property {boolean} [secret]
 * @property {string} [help]
 * @property {string[]} [options]
 * @property {number} [min]
 * @property {number} [max]
 */

/**
 * Builds the inputs of a config spec.
 *
 * @param {SpecField[]} spec
 * @param {Object<string, *>} [values] the stored config (secrets masked), or null for a new one
 * @param {Object} [options]
 * @param {string} [options.prefix] the JSON path of the config object, 'config' by default
 * @param {boolean} [options.readOnly] disables every input (viewers)
 * @param {function(Object<string, *>): Promise<{field: string, message: string}[]>} [options.check] checks the whole
 *   config on the server (a transform's POST /api/transforms/{type}/check); expression fields call it as the user
 *   types and show the violation that names them
 * @returns {{element: HTMLElement, read: function(): Object<string, *>}}
 */
export function configForm(spec, values, { prefix = 'config', readOnly = false, check = null } = {}) {
  const editing = Boolean(values);
  const readers = [];
  const form = {};
  const nodes = spec.map(f => {
    const current = editing ? values[f.name] : f.default;
    const { input, read, extra } = control(f, current, editing, { readOnly, check: check && (() => check(form.read())) });
    if (readOnly) input.disabled = true;
    readers.push([f.name, read]);
    const node = f.type === 'boolean'
      ? h('div.field', { dataset: { field: `${prefix}.${f.name}` } },
        h('label.check', input, f.label || f.name),
        f.help ? h('span.help', f.help) : null, h('span.field-error', { role: 'alert', hidden: true }))
      : field({ label: f.label || f.name, field: `${prefix}.${f.name}`, input, help: helpOf(f, editing, current), required: f.required });
    if (extra) input.after(extra);
    return node;
  });
  return Object.assign(form, {
    element: h('div.config-fields', nodes.length ? nodes : h('p.muted', 'This type has no settings.')),
    read() {
      const config = {};
      for (const [name, read] of readers) {
        const value = read();
        if (value !== undefined) config[name] = value;
      }
      return config;
    },
  });
}

function helpOf(f, editing, current) {
  const parts = [];
  if (f.help) parts.push(f.help);
  if (isSecret(f) && editing && current === MASK) parts.push('Stored encrypted; leave empty to keep it.');
  if ((f.type === 'int' || f.type === 'port') && (f.min !== undefined || f.max !== undefined)) {
    parts.push(`From ${f.min ?? '…'} to ${f.max ?? '…'}.`);
  }
  if (f.type === 'list') parts.push('One value per line.');
  if (f.type === 'map') parts.push('One name and value per row.');
  return parts.join(' ') || null;
}

function isSecret(f) {
  return f.secret || f.type === 'secret';
}

function control(f, current, editing, { readOnly, check }) {
  const name = f.name;
  if (isSecret(f)) {
    const stored = editing && current === MASK;
    const input = h('input', {
      type: 'password', name, autocomplete: 'new-password',
      placeholder: stored ? '•••••• (unchanged)' : '', value: stored || current === undefined || current === null ? '' : String(current),
    });
    return { input, read: () => (input.value === '' ? (stored ? MASK : undefined) : input.value) };
  }
  switch (f.type) {
    case 'boolean': {
      const input = h('input', { type: 'checkbox', name, checked: current === true || current === 'true' });
      return { input, read: () => input.checked };
    }
    case 'int':
    case 'port': {
      const input = h('input', {
        type: 'number', name, inputmode: 'numeric', step: 1,
        min: f.min ?? (f.type === 'port' ? 1 : null), max: f.max ?? (f.type === 'port' ? 65535 : null),
        value: current === undefined || current === null ? '' : String(current),
      });
      return { input, read: () => (input.value.trim() === '' ? undefined : numberOrText(input.value)) };
    }
    case 'enum': {
      const options = (f.options || []).map(o => ({ value: o, label: o }));
      if (!f.required || current === undefined || current === null) options.unshift({ value: '', label: f.required ? 'Choose…' : '(none)' });
      const input = select(options, current ?? '', { name });
      return { input, read: () => (input.value === '' ? undefined : input.value) };
    }
    case 'text': {
      const input = h('textarea', { name, rows: 4, value: current ?? '' });
      return { input, read: () => (input.value === '' ? undefined : input.value) };
    }
    case 'map':
      return mapControl(f, current, readOnly);
    case 'expression':
      return expressionControl(f, current, check);
    case 'list': {
      const text = Array.isArray(current) ? current.join('\n') : current ?? '';
      const input = h('textarea', { name, rows: 3, value: text });
      return {
        input,
        read: () => {
          const items = input.value.split(/\r?\n/).map(s => s.trim()).filter(Boolean);
          return items.length ? items : undefined;
        },
      };
    }
    default: {
      const input = h('input', {
        type: f.type === 'url' ? 'url' : 'text', name, value: current ?? '',
        autocomplete: 'off', spellcheck: 'false', inputmode: f.type === 'url' ? 'url' : null,
      });
      return { input, read: () => (input.value.trim() === '' ? undefined : input.value.trim()) };
    }
  }
}

/** Numbers go as numbers; anything else as typed, so the server names the field in its error. */
function numberOrText(text) {
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}
