// A run's log (GET /api/runs/{id}/logs?after=<last id>), with follow mode: new lines are fetched every two
// seconds and the view stays at the bottom.

import { h } from '../dom.js';
import { api, describeError } from '../api.js';
import * as fmt from '../format.js';

const FOLLOW_MS = 2000;
const PAGE = 1000;

/**
 * @param {string} runId
 * @param {function(function(): void): void} onCleanup
 * @returns {{element: HTMLElement, toolbar: HTMLElement, start: function(boolean): void, stopFollowingSoon: function(): void}}
 */
export function runLog(runId, onCleanup) {
  const element = h('div.log', { role: 'log', 'aria-live': 'off', tabindex: '0', dataset: { log: 'true' } });
  const followBox = h('input', { type: 'checkbox', dataset: { follow: 'true' } });
  const status = h('span.muted.small');
  const toolbar = h('span.row', status, h('label.check.small', followBox, 'Follow'));
  let last = 0;
  let timer = null;
  let busy = false;
  let lines = 0;

  const fetchNew = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const page = await api.get(`runs/${encodeURIComponent(runId)}/logs`, { after: last, limit: PAGE });
        if (page.length) {
          if (!lines) element.replaceChildren();
          element.append(...page.map(line));
          lines += page.length;
          last = page[page.length - 1].id;
        }
        if (page.length < PAGE) break;
      }
      if (!lines) element.replaceChildren(h('div.empty', 'No log line yet.'));
      status.textContent = `${lines} line(s)`;
      if (followBox.checked) element.scrollTop = element.scrollHeight;
    } catch (error) {
      status.textContent = `log unavailable: ${describeError(error)}`;
    } finally {
      busy = false;
    }
  };

  const follow = on => {
    clearInterval(timer);
    timer = on ? setInterval(fetchNew, FOLLOW_MS) : null;
  };
  followBox.addEventListener('change', () => {
    follow(followBox.checked);
    if (followBox.checked) fetchNew();
  });
  onCleanup(() => clearInterval(timer));

  return {
    element,
    toolbar,
    /** @param {boolean} running follow from the start while the run goes on */
    start(running) {
      followBox.checked = running;
      fetchNew();
      follow(running);
    },
    /** The run ended: fetch what it wrote last, then stop polling. */
    stopFollowingSoon() {
      setTimeout(async () => {
        follow(false);
        await fetchNew();
        followBox.checked = false;
      }, 1000);
    },
  };
}

function line(l) {
  const level = String(l.level || '').toLowerCase();
  return h('div.line', { class: level },
    h('span.muted', fmt.dateTime(l.at)), h('span.lvl', level), h('span.msg', l.message));
}
