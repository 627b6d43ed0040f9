// Modal dialogs: a confirmation before anything destructive, small forms (users, tokens), a secret shown once.

import { h } from '../dom.js';
import { describeError } from '../api.js';
import { icon } from './icons.js';
import { showFormErrors, clearFormErrors } from './forms.js';

/**
 * @typedef {Object} ModalAction
 * @property {string} label
 * @property {'primary'|'danger'|''} [kind]
 * @property {string} [action] a data-action name (tests and role checks find controls by it)
 * @property {function(): (boolean|void|Promise<boolean|void>)} [run] the work; resolving to false keeps the
 *   dialog open; a thrown ApiError is shown in the dialog (its field errors beside the fields)
 */

/**
 * Opens a dialog.
 *
 * @param {Object} options
 * @param {string} options.title
 * @param {Node|Node[]|string} options.body
 * @param {ModalAction[]} [options.actions] buttons, last is the default; a Cancel/Close button is always added
 * @param {boolean} [options.wide]
 * @param {string} [options.closeLabel] 'Cancel' by default
 * @returns {{close: function(): void, closed: Promise<void>, element: HTMLElement}}
 */
export function openModal({ title, body, actions = [], wide = false, closeLabel = 'Cancel' }) {
  const root = document.getElementById('modal-root');
  const previous = document.activeElement;
  let resolveClosed;
  const closed = new Promise(resolve => { resolveClosed = resolve; });
  const error = h('div.notice.error', { role: 'alert', hidden: true });
  const content = h('div.modal-body', error, body);
  const close = () => {
    backdrop.remove();
    document.removeEventListener('keydown', onKey);
    if (previous && previous.focus) previous.focus();
    resolveClosed();
  };
  const onKey = event => { if (event.key === 'Escape') close(); };
  const buttons = actions.map(action => {
    const button = h('button.button', {
      type: 'button', class: action.kind || null, dataset: action.action ? { action: action.action } : null,
    }, action.label);
    button.addEventListener('click', async () => {
      error.hidden = true;
      const form = content.querySelector('form');
      if (form) clearFormErrors(form);
      button.disabled = true;
      button.classList.add('busy');
      try {
        const result = action.run ? await action.run() : undefined;
        if (result !== false) close();
      } catch (e) {
        error.replaceChildren(describeError(e));
        error.hidden = false;
        if (form) showFormErrors(form, e, { summary: false });
      } finally {
        button.disabled = false;
        button.classList.remove('busy');
      }
    });
    return button;
  });
  const dialog = h('div.modal', { class: wide ? 'wide' : null, role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
    h('header', h('h2', title),
      h('button.icon-button', { type: 'button', 'aria-label': 'Close', onclick: close }, icon('x'))),
    content,
    h('footer', h('button.button', { type: 'button', onclick: close }, closeLabel), buttons));
  const backdrop = h('div.modal-backdrop', { onmousedown: e => { if (e.target === backdrop) close(); } }, dialog);
  root.append(backdrop);
  document.addEventListener('keydown', onKey);
  // Enter in a dialog's form runs its default (last) action
  const form = content.querySelector('form');
  if (form) {
    form.addEventListener('submit', event => {
      event.preventDefault();
      if (buttons.length) buttons[buttons.length - 1].click();
    });
  }
  const first = dialog.querySelector('input, select, textarea') || buttons[buttons.length - 1] || dialog.querySelector('button');
  if (first) first.focus();
  return { close, closed, element: dialog };
}

/**
 * Asks before doing something.
 *
 * @param {Object} options
 * @param {string} options.title
 * @param {string|Node} options.message
 * @param {string} [options.confirm] the button's label
 * @param {boolean} [options.danger]
 * @param {function(): Promise<*>} options.run what to do once confirmed; errors are shown in the dialog
 * @returns {Promise<boolean>} whether it was confirmed and done
 */
export function confirmThen({ title, message, confirm = 'OK', danger = false, run }) {
  let done = false;
  const modal = openModal({
    title,
    body: h('p', message),
    actions: [{ label: confirm, kind: danger ? 'danger' : 'primary', action: 'confirm', run: async () => { await run(); done = true; } }],
  });
  return modal.closed.then(() => done);
}

/**
 * Shows any error in a dialog with a single Close button.
 *
 * @param {string} title
 * @param {*} error
 */
export function showError(title, error) {
  openModal({ title, body: h('p', describeError(error)), closeLabel: 'Close' });
}
