// How a connection test's answer ({ok, message, latency_ms}) looks, in the list and in the editor.

import { h } from '../dom.js';
import { icon } from '../ui/icons.js';
import { plainWords } from '../api.js';

/**
 * @param {{ok: boolean, message: string, latency_ms: number}} result
 * @param {boolean} [compact] a badge only, the message as its tooltip
 * @returns {HTMLElement}
 */
export function testResult(result, compact = false) {
  const text = result.ok ? `Connection OK (${result.latency_ms} ms)` : 'Connection failed';
  const message = plainWords(result.message);
  if (compact) {
    return h('span.badge', { class: result.ok ? 'ok' : 'bad', title: message || text, dataset: { test: result.ok ? 'ok' : 'failed' } },
      result.ok ? `OK · ${result.latency_ms} ms` : 'failed');
  }
  return h('div.notice', { class: result.ok ? 'ok' : 'error', role: 'status', dataset: { test: result.ok ? 'ok' : 'failed' } },
    h('h3', icon(result.ok ? 'check' : 'x'), ' ', text),
    message ? h('p.wrap-anywhere', { dataset: { testMessage: 'true' } }, message) : null);
}
