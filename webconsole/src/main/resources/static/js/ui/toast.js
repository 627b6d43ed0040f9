// Short messages in the corner: what just happened, or what went wrong.

import { h } from '../dom.js';
import { icon } from './icons.js';

/**
 * Shows a toast.
 *
 * @param {string} message the text
 * @param {'info'|'success'|'warn'|'error'} [kind]
 * @param {Object} [options]
 * @param {number} [options.timeout] milliseconds before it goes; errors stay 10 s by default, others 5 s; 0 keeps it
 * @returns {function(): void} closes it
 */
export function toast(message, kind = 'info', options = {}) {
  const root = document.getElementById('toasts');
  const close = () => node.remove();
  const node = h('div.toast', { class: kind, role: kind === 'error' ? 'alert' : null, dataset: { kind } },
    h('span.toast-text', message),
    h('button.icon-button', { type: 'button', 'aria-label': 'Dismiss', onclick: close }, icon('x')));
  root.append(node);
  const timeout = options.timeout ?? (kind === 'error' ? 10000 : 5000);
  if (timeout > 0) setTimeout(close, timeout);
  while (root.children.length > 5) root.firstElementChild.remove();
  return close;
}
