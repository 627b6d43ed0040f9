// One run, live: state and per-stream progress from Server-Sent Events (GET /api/events?run_id=), a rows/s chart
// (the server keeps its series, GET /api/runs/{id}/series, so it is there after the end too), the quality checks
// and schema changes, the log (filter, search, download), the dead letters with replay; cancel, pause and resume.

import { h, replace } from '../dom.js';
import { api, apiUrl, getOptional } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { errorPanel, loading, panel } from '../ui/page.js';
import { lineChart, barChart, responsive } from '../ui/charts.js';
import { FINAL } from './pipeline-common.js';
import { streamTable } from './run-streams.js';
import { runHeader } from './run-header.js';
import { runResults } from './run-results.js';
import { runLog } from './run-log.js';
import { deadLetters } from './run-dead-letters.js';
import { runModels } from './run-models.js';

const POLL_MS = 4000;
const MAX_SAMPLES = 600;
/** Live events redraw the streams table at most this often; the counters change in place on every event. */
const TABLE_MS = 500;

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, active, onCleanup }) {
  const id = encodeURIComponent(params.id);
  view.append(loading());
  let run;
  let pipeline = null;
  let series = null;
  try {
    run = await api.get(`runs/${id}`);
    [pipeline, series] = await Promise.all([
      api.get(`pipelines/${encodeURIComponent(run.pipeline_id)}`).catch(() => null),
      getOptional(`runs/${id}/series`).then(answer => (answer.available && Array.isArray(answer.data) ? answer.data : null)).catch(() => null),
    ]);
  } catch (error) {
    replace(view, errorPanel(error, { what: 'the run' }));
    return;
  }
  if (!active()) return;

  const editor = session.can('editor');
  const live = new Map(); // stream -> latest progress event
  const samples = (series || []).map(point => ({ t: new Date(point.at).getTime(), v: point.rows_per_s ?? point.rows_per_second ?? 0 }))
    .filter(sample => Number.isFinite(sample.t));
  const streamsSlot = h('div');
  const resultsSlot = h('div');
  const modelsSlot = h('div');
  // the series (kept by the server, or seen live); for a run that ended with too few points to draw a line (a short
  // run), each stream's average
  const averages = () => FINAL.includes(run.status) && (run.streams || []).length
    && (samples.length < 4 || samples.every(sample => !sample.v));
  const chart = responsive(width => (averages()
    ? barChart(run.streams.map(s => ({ label: s.name.split('.').pop(), value: s.rows_per_second || 0, title: `${s.name}: ${fmt.number(s.rows_per_second)} rows/s` })),
      { width, height: 180, label: 'average rows per second of each stream' })
    : lineChart(samples, { width, label: 'rows per second over the run', unit: 'rows/s', clock: FINAL.includes(run.status) })));
  const log = runLog(params.id, onCleanup);
  const letters = deadLetters(params.id, editor);
  const header = runHeader({ run, pipeline, editor, changed: answer => { if (answer && answer.status) { run = { ...run, ...answer }; draw(); } } });

  const streams = () => {
    const byName = new Map((run.streams || []).map(s => [s.name, { ...s }]));
    for (const [name, p] of live) {
      const s = byName.get(name) || { name, status: 'running' };
      // the stored counters lag behind the events while a stream runs
      if (!FINAL.includes(s.status) || !byName.has(name)) {
        Object.assign(s, {
          rows_read: Math.max(s.rows_read || 0, p.rows_read || 0), rows_written: Math.max(s.rows_written || 0, p.rows_written || 0),
          rows_filtered: Math.max(s.rows_filtered || 0, p.rows_filtered || 0),
          rows_deleted: Math.max(s.rows_deleted || 0, p.rows_deleted || 0),
          rows_rejected: Math.max(s.rows_rejected || 0, p.rows_rejected || 0), rows_per_second: p.rows_per_second ?? s.rows_per_second,
          percent: p.percent, status: p.status && !FINAL.includes(s.status) ? p.status : s.status,
        });
        // a change-capture stream's progress carries events/s; a lag it leaves out is unknown at that moment
        if (p.events_per_second !== undefined) {
          Object.assign(s, { lag_seconds: p.lag_seconds ?? null, lag_bytes: p.lag_bytes ?? null, events_per_second: p.events_per_second });
        }
      }
      byName.set(name, s);
    }
    // a paused run: its unfinished streams wait, nothing moves
    return [...byName.values()].map(s => (run.status === 'paused' && !FINAL.includes(s.status) ? { ...s, status: 'paused', rows_per_second: 0 } : s));
  };

  let tableDrawn = 0;
  let tableTimer = null;
  let tableShown = '';
  const drawTable = list => {
    clearTimeout(tableTimer);
    tableTimer = null;
    tableDrawn = Date.now();
    const showLive = !FINAL.includes(run.status) || live.size > 0;
    // the same rows are not drawn again (a selection or a hovered cell stays)
    const key = JSON.stringify([showLive, list]);
    if (key === tableShown) return;
    tableShown = key;
    replace(streamsSlot, streamTable(list, { live: showLive, run, runPage: true }));
  };
  const draw = () => {
    if (!active()) return;
    const list = streams();
    const totals = list.reduce((t, s) => ({
      read: t.read + (s.rows_read || 0), written: t.written + (s.rows_written || 0),
      deleted: t.deleted + (s.rows_deleted || 0), rejected: t.rejected + (s.rows_rejected || 0),
    }), { read: 0, written: 0, deleted: 0, rejected: 0 });
    header.update(run, totals);
    if (Date.now() - tableDrawn >= TABLE_MS) drawTable(list);
    else if (!tableTimer) tableTimer = setTimeout(() => drawTable(streams()), TABLE_MS);
    replace(resultsSlot, runResults(run));
    replace(modelsSlot, runModels(run));
    chart.refresh();
  };

  const refresh = async () => {
    try {
      run = await api.get(`runs/${id}`);
      if (FINAL.includes(run.status)) live.clear();
      if (run.status === 'paused') sample(0);
      draw();
    } catch (error) {
      // the next poll or event tries again; the page keeps what it has
    }
  };

  const sample = rate => {
    const now = Date.now();
    if (samples.length && now - samples[samples.length - 1].t < 400) samples[samples.length - 1].v = rate;
    else samples.push({ t: now, v: rate });
    if (samples.length > MAX_SAMPLES) samples.shift();
  };

  // a stream that cannot reach its source or destination waits and starts again: say so while it does
  const retryNote = h('div.notice.warn', { role: 'status', hidden: true, dataset: { role: 'retry' } });
  let retryUntil = 0;

  replace(view, header.element, retryNote, resultsSlot,
    h('section.panel.flush', h('h2', 'Streams'), streamsSlot),
    modelsSlot,
    panel('Rows per second', chart),
    h('section.panel', h('h2', 'Log', h('span.spacer'), log.toolbar), log.filters, log.element),
    h('section.panel', h('h2', 'Dead letters', h('span.spacer'), letters.toolbar), letters.element));
  draw();
  log.start(!FINAL.includes(run.status));
  letters.load();
  onCleanup(() => clearTimeout(tableTimer));

  if (FINAL.includes(run.status)) return;

  // live events; polling as well, slower, in case the event stream is cut by a proxy
  let source = null;
  let closed = false;
  const open = () => {
    if (closed) return;
    source = new EventSource(apiUrl('events', { run_id: params.id, access_token: session.accessToken() }));
    // how many live events arrived (shown to tests and tools on the page's element)
    const counted = () => { view.dataset.liveEvents = String(Number(view.dataset.liveEvents || 0) + 1); };
    source.addEventListener('run.progress', counted);
    source.addEventListener('run.state', counted);
    source.addEventListener('run.retry', event => {
      const data = parse(event.data);
      if (!data || !data.stream) return;
      retryUntil = Date.now() + (data.delay_seconds || 0) * 1000;
      retryNote.textContent = `${data.stream}: cannot connect (${data.error || 'connection lost'}); `
        + `retry ${data.attempt} of ${data.attempts} in ${data.delay_seconds} s, from the last stored offset`;
      retryNote.hidden = false;
    });
    source.addEventListener('run.progress', event => {
      const data = parse(event.data);
      if (!data || !data.stream) return;
      if (!retryNote.hidden && Date.now() > retryUntil + 2000) retryNote.hidden = true;
      live.set(data.stream, data);
      const rate = run.status === 'paused' ? 0
        : [...live.values()].filter(p => !FINAL.includes(p.status) && p.status !== 'paused').reduce((s, p) => s + (p.rows_per_second || 0), 0);
      sample(rate);
      draw();
    });
    source.addEventListener('run.state', async event => {
      const data = parse(event.data);
      if (data && data.status) run = { ...run, status: data.status, error: data.error ?? run.error };
      if (run.status === 'paused') sample(0);
      draw();
      if (data && FINAL.includes(data.status)) finish();
      else refresh();
    });
    source.onerror = () => {
      // a closed stream (expired token, server restart): renew the token, then reconnect
      if (source.readyState === EventSource.CLOSED && !closed) {
        setTimeout(() => api.get('me').then(open, open), 2000);
      }
    };
  };
  const finish = async () => {
    if (closed) return;
    closed = true;
    retryNote.hidden = true;
    if (samples.length) sample(0);
    if (source) source.close();
    clearInterval(timer);
    await refresh();
    // the server's series of the whole run replaces what this page saw of it
    const kept = await getOptional(`runs/${id}/series`).catch(() => null);
    if (kept && kept.available && Array.isArray(kept.data) && kept.data.length && active()) {
      series = kept.data;
      samples.splice(0, samples.length, ...series.map(point => ({ t: new Date(point.at).getTime(), v: point.rows_per_s ?? 0 })));
      draw();
    }
    log.stopFollowingSoon();
    letters.load();
  };
  const timer = setInterval(async () => {
    await refresh();
    if (FINAL.includes(run.status) && !closed) finish();
  }, POLL_MS);
  open();
  onCleanup(() => { closed = true; clearInterval(timer); if (source) source.close(); });
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}
