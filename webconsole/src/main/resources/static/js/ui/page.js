// The pieces every page uses: its header, a loading line, an error panel, "not available yet", tables, badges.

import { h } from '../dom.js';
import { ApiError, describeError } from '../api.js';
import { icon } from './icons.js';

/**
 * A page header.
 *
 * @param {string|Node} title
 * @param {Object} [options]
 * @param {Node[]} [options.actions] buttons on the right
 * @param {Array<[string, string]>} [options.crumbs] [label, href] pairs above the title
 * @param {Node|string} [options.after] something right after the title (a badge)
 * @returns {HTMLElement}
 */
export function pageHeader(title, { actions = [], crumbs = [], after = null } = {}) {
  return h('div',
    crumbs.length ? h('nav.breadcrumbs', { 'aria-label': 'Breadcrumbs' },
      crumbs.map(([label, href], i) => [i ? ' / ' : '', h('a', { href }, label)])) : null,
    h('div.page-header', h('h1', title, after ? [' ', after] : null), h('div.actions', actions)));
}

/** @param {string} [text] @returns {HTMLElement} a spinner with a text */
export function loading(text = 'Loading…') {
  return h('div.loading', { role: 'status' }, h('span.spinner'), text);
}

/**
 * An error in words, for a page or a panel that could not load.
 *
 * @param {*} error
 * @param {Object} [options]
 * @param {string} [options.what] what could not be loaded, e.g. 'the pipelines'
 * @param {function(): void} [options.retry] adds a Retry button
 * @returns {HTMLElement}
 */
export function errorPanel(error, { what = 'this page', retry = null } = {}) {
  if (error instanceof ApiError && error.missingEndpoint) {
    return notAvailable(what, error);
  }
  const status = error instanceof ApiError && error.status ? ` (HTTP ${error.status})` : '';
  return h('div.notice.error', { role: 'alert', dataset: { error: 'true' } },
    h('h3', `Could not load ${what}${status}`),
    h('p', describeError(error)),
    error instanceof ApiError && error.errors.length ? h('ul', error.errors.map(e => h('li', `${e.field}: ${e.message}`))) : null,
    retry ? h('p', h('button.button.small', { type: 'button', onclick: retry }, icon('refresh'), 'Retry')) : null);
}

/**
 * What a page shows when the server does not have its API yet (an older server, a feature being built).
 *
 * @param {string} what e.g. 'Notifications'
 * @param {ApiError} [error] the answer that told
 * @returns {HTMLElement}
 */
export function notAvailable(what, error) {
  return h('div.notice.warn', { dataset: { unavailable: 'true' } },
    h('h3', `${capitalize(what)}: not available on this server yet`),
    h('p', 'This server version does not offer this part of the API' +
      (error && error.path ? ` (${error.method || 'GET'} /api/${error.path} answered ${error.status}).` : '.') +
      ' Upgrade the server to use it.'));
}

function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * @typedef {Object} Column
 * @property {string|Node} title
 * @property {function(*): (Node|string|number|null)} render the cell's content for a row
 * @property {string} [class] e.g. 'num', 'actions'
 */

/**
 * A table.
 *
 * @param {Column[]} columns
 * @param {Array<*>} rows
 * @param {Object} [options]
 * @param {string|Node} [options.empty] shown when there are no rows
 * @param {function(*): Object} [options.rowProps] attributes of each row
 * @returns {HTMLElement}
 */
export function table(columns, rows, { empty = 'Nothing here yet.', rowProps = null } = {}) {
  if (!rows.length) return h('div.empty', empty);
  return h('div.table-wrap', h('table.data',
    h('thead', h('tr', columns.map(c => h('th', { class: c.class || null, scope: 'col' }, c.title)))),
    h('tbody', rows.map(row => h('tr', rowProps ? rowProps(row) : null,
      columns.map(c => h('td', { class: c.class || null, 'data-label': typeof c.title === 'string' ? c.title : '' }, c.render(row))))))));
}

// cancelled is neutral grey (someone stopped it, nothing went wrong); warnings are amber
const STATUS_CLASS = {
  succeeded: 'ok', active: 'ok', ok: 'ok', up: 'ok', passed: 'ok',
  failed: 'bad', not_installed: 'bad',
  interrupted: 'warn', paused: 'warn', succeeded_with_warnings: 'warn', warned: 'warn',
  cancelled: '', skipped: '',
  running: 'run', queued: 'run', starting: 'run', pending: 'run',
};

/**
 * A status as a coloured badge.
 *
 * @param {string|null} status e.g. 'succeeded'
 * @param {string} [label] the text, the status by default
 * @returns {HTMLElement}
 */
export function statusBadge(status, label) {
  const s = status || 'never run';
  const node = h('span.badge', { dataset: { status: s } }, label || s.replace(/_/g, ' '));
  setBadge(node, s, label);
  return node;
}

/**
 * Turns an existing badge into another status in place (the element stays; a click on it is never lost).
 *
 * @param {HTMLElement} node a badge from {@link statusBadge}
 * @param {string|null} status
 * @param {string} [label]
 */
export function setBadge(node, status, label) {
  const s = status || 'never run';
  node.className = ['badge', STATUS_CLASS[s] || ''].filter(Boolean).join(' ');
  node.dataset.status = s;
  node.textContent = label || s.replace(/_/g, ' ');
}

/**
 * A button.
 *
 * @param {string} label
 * @param {Object} [options]
 * @param {string} [options.icon] an icon name
 * @param {'primary'|'danger'|''} [options.kind]
 * @param {string} [options.action] a data-action name: marks a control that changes something
 * @param {string} [options.href] renders a link that looks like a button
 * @param {function(MouseEvent): *} [options.onclick]
 * @param {boolean} [options.small]
 * @param {string} [options.title] a tooltip
 * @param {string} [options.ariaLabel] an accessible name when the label alone is not enough
 * @param {'button'|'submit'} [options.type] 'button' by default
 * @returns {HTMLElement}
 */
export function button(label, options = {}) {
  const props = {
    class: [options.kind, options.small ? 'small' : null].filter(Boolean).join(' ') || null,
    dataset: options.action ? { action: options.action } : null,
    title: options.title || null,
    'aria-label': options.ariaLabel || null,
  };
  const content = [options.icon ? icon(options.icon) : null, label];
  if (options.href) return h('a.button', { ...props, href: options.href }, content);
  const node = h('button.button', { ...props, type: options.type || 'button' }, content);
  if (options.onclick) {
    node.addEventListener('click', async event => {
      if (node.classList.contains('busy')) return;
      node.classList.add('busy');
      node.disabled = true;
      try {
        await options.onclick(event);
      } finally {
        node.classList.remove('busy');
        node.disabled = false;
      }
    });
  }
  return node;
}

/**
 * A panel (card) with a title.
 *
 * @param {string|Node} title
 * @param {...*} children
 * @returns {HTMLElement}
 */
export function panel(title, ...children) {
  return h('section.panel', title ? h('h2', title) : null, children);
}

/**
 * Fills a node with the result of an async load: a spinner first, then the content, or the error in words.
 *
 * @param {HTMLElement} node
 * @param {function(): Promise<Node|Node[]|string>} load
 * @param {string} what what is loading, for the error text
 * @returns {Promise<void>}
 */
export async function fill(node, load, what) {
  node.replaceChildren(loading());
  try {
    const content = await load();
    node.replaceChildren(...[content].flat().filter(x => x !== null && x !== undefined));
  } catch (error) {
    node.replaceChildren(errorPanel(error, { what, retry: () => fill(node, load, what) }));
  }
}
