// A run's log. Unfiltered it follows the run (GET /api/runs/{id}/logs?after=<last id>, every two seconds, the view
// kept at the bottom); with a level or a search text it shows the server's filtered entries
// (GET /api/runs/{id}/log?level=&q=); Download saves the whole log as text (?format=text).

import { h, replace, debounce } from '../dom.js';
import { api, request, ApiError, describeError } from '../api.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { select } from '../ui/forms.js';
import { button } from '../ui/page.js';

const FOLLOW_MS = 2000;
const PAGE = 1000;
const FILTERED = 1000;
const LEVELS = ['debug', 'info', 'warn', 'error'];

/**
 * @param {string} runId
 * @param {function(function(): void): void} onCleanup
 * @returns {{element: HTMLElement, toolbar: HTMLElement, filters: HTMLElement, start: function(boolean): void,
 *   stopFollowingSoon: function(): void}}
 */
export function runLog(runId, onCleanup) {
  const path = `runs/${encodeURIComponent(runId)}`;
  const element = h('div.log', { role: 'log', 'aria-live': 'off', tabindex: '0', dataset: { log: 'true' } });
  const followBox = h('input', { type: 'checkbox', dataset: { follow: 'true' } });
  const status = h('span.muted.small', { dataset: { logStatus: 'true' } });
  const level = select([{ value: '', label: 'All levels' }, ...LEVELS.slice(1).map(l => ({ value: l, label: `${l} and above` }))], '',
    { name: 'log-level', 'aria-label': 'Lowest level shown' });
  const search = h('input', { type: 'search', name: 'log-search', placeholder: 'Search the log', 'aria-label': 'Search the log' });
  const download = button('Download', { icon: 'download', small: true, title: 'The whole log as a text file', onclick: () => save() });
  download.dataset.logDownload = 'true';
  const toolbar = h('span.row', status, h('label.check.small', followBox, 'Follow'));
  const filters = h('div.row.log-filters', h('div.field.inline', level), h('div.search', icon('search'), search), download);
  /** every line fetched so far, unfiltered (the view when no filter is set) */
  const all = [];
  let last = 0;
  let timer = null;
  let busy = false;
  let asked = 0;

  const filtering = () => Boolean(level.value || search.value.trim());

  const show = (lines, note) => {
    if (!lines.length) replace(element, h('div.empty', filtering() ? 'No log line matches.' : 'No log line yet.'));
    else replace(element, lines.map(line));
    status.textContent = note;
    if (followBox.checked && !filtering()) element.scrollTop = element.scrollHeight;
  };

  const fetchNew = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const page = await api.get(`${path}/logs`, { after: last, limit: PAGE });
        if (page.length) {
          all.push(...page);
          last = page[page.length - 1].id;
          if (!filtering()) element.append(...page.map(line));
        }
        if (page.length < PAGE) break;
      }
      if (!filtering()) {
        if (!all.length) replace(element, h('div.empty', 'No log line yet.'));
        status.textContent = `${all.length} line(s)`;
        if (followBox.checked) element.scrollTop = element.scrollHeight;
      } else {
        await applyFilter();
      }
    } catch (error) {
      status.textContent = `log unavailable: ${describeError(error)}`;
    } finally {
      busy = false;
    }
  };

  const applyFilter = async () => {
    const mine = ++asked;
    if (!filtering()) {
      show(all, `${all.length} line(s)`);
      return;
    }
    const q = search.value.trim();
    try {
      const answer = await api.get(`${path}/log`, { level: level.value || null, q: q || null, limit: FILTERED });
      if (mine !== asked) return;
      const lines = Array.isArray(answer) ? answer : answer.entries || answer.items || answer.lines || [];
      show(lines, `${lines.length}${lines.length === FILTERED ? '+' : ''} matching line(s)`);
    } catch (error) {
      if (mine !== asked) return;
      if (!(error instanceof ApiError && error.missingEndpoint)) {
        status.textContent = `filter failed: ${describeError(error)}`;
        return;
      }
      // a server without the filtered log: filter what this page has
      const lowest = LEVELS.indexOf(level.value);
      const text = q.toLowerCase();
      const lines = all.filter(l => (lowest < 0 || LEVELS.indexOf(String(l.level).toLowerCase()) >= lowest)
        && (!text || String(l.message).toLowerCase().includes(text)));
      show(lines, `${lines.length} matching line(s)`);
    }
  };

  const save = async () => {
    let text;
    try {
      text = await request('GET', `${path}/log`, { query: { format: 'text' }, headers: { Accept: 'text/plain' } });
      if (typeof text !== 'string') text = null;
    } catch (error) {
      if (!(error instanceof ApiError && error.missingEndpoint)) {
        status.textContent = `download failed: ${describeError(error)}`;
        return;
      }
    }
    if (text === null || text === undefined) {
      text = all.map(l => `${l.at} ${String(l.level).toUpperCase()} ${l.message}`).join('\n') + '\n';
    }
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = h('a', { href: url, download: `run-${runId}.log`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  level.addEventListener('change', applyFilter);
  search.addEventListener('input', debounce(applyFilter, 250));

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
    filters,
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
