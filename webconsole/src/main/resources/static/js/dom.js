// Building DOM nodes without a framework. Text always goes in as text nodes: nothing from the API is parsed as HTML.

/**
 * Creates an element.
 *
 * @param {string} tag the tag name, optionally with classes: 'button.primary.small'
 * @param {Object<string, *>} [props] attributes; `class`, `dataset`, `style` (object), `on*` handlers (functions),
 *   and properties `value`, `checked`, `disabled`, `selected`, `hidden` are set as properties; null/false skip
 * @param {...*} children nodes, strings, numbers, arrays of them; null, undefined and false are skipped
 * @returns {HTMLElement}
 */
export function h(tag, props, ...children) {
  const [name, ...classes] = tag.split('.');
  const node = document.createElement(name || 'div');
  if (classes.length) node.className = classes.join(' ');
  if (props !== null && props !== undefined && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) {
    children.unshift(props);
    props = null;
  }
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') {
      node.className = [node.className, value].filter(Boolean).join(' ');
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(node.style, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (['value', 'checked', 'disabled', 'selected', 'hidden', 'indeterminate'].includes(key)) {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/**
 * Appends children (nodes, text, nested arrays; null/false skipped) to a node.
 *
 * @param {Node} node
 * @param {*} children
 * @returns {Node} the node
 */
export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * Replaces a node's children.
 *
 * @param {Node} node
 * @param {...*} children as for {@link h}
 * @returns {Node} the node
 */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/**
 * Creates an SVG element (charts, the DAG, icons).
 *
 * @param {string} tag
 * @param {Object<string, *>} [attrs] attributes; `on*` functions become listeners; null skips
 * @param {...*} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * Calls `fn` at most once per `ms` after the last call.
 *
 * @template {Function} F
 * @param {F} fn
 * @param {number} ms
 * @returns {F}
 */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
