// One run, live: state and per-stream progress from Server-Sent Events (GET /api/events?run_id=), a rows/s chart,
// the log with follow mode, the dead letters with replay; cancel, pause and resume.

import { h, replace } from '../dom.js';
import { api, apiUrl } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, errorPanel, loading, button, statusBadge, panel } from '../ui/page.js';
import { lineChart, barChart, responsive } from '../ui/charts.js';
import { toast } from '../ui/toast.js';
import { confirmThen } from '../ui/modal.js';
import { FINAL } from './pipeline-common.js';
import { streamTable } from './run-streams.js';
import { runLog } from './run-log.js';
import { deadLetters } from './run-dead-letters.js';

const POLL_MS = 4000;
const MAX_SAMPLES = 300;

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, active, onCleanup }) {
  const id = encodeURIComponent(params.id);
  view.append(loading());
  let run;
  let pipeline = null;
  try {
    run = await api.get(`runs/${id}`);
    pipeline = await api.get(`pipelines/${encodeURIComponent(run.pipeline_id)}`).catch(() => null);
  } catch (error) {
    replace(view, errorPanel(error, { what: 'the run' }));
    return;
  }
  if (!active()) return;

  const editor = session.can('editor');
  const live = new Map(); // stream -> latest progress event
  const samples = [];
  const headerSlot = h('div');
  const summarySlot = h('div');
  const streamsSlot = h('div');
  // live samples while the run goes on; once it ended with too few samples to draw a line (a short run, or one
  // that ended before the page opened), each stream's average instead
  const averages = () => FINAL.includes(run.status) && (run.streams || []).length
    && (samples.length < 4 || samples.every(sample => !sample.v));
  const chart = responsive(width => (averages()
    ? barChart(run.streams.map(s => ({ label: s.name.split('.').pop(), value: s.rows_per_second || 0, title: `${s.name}: ${fmt.number(s.rows_per_second)} rows/s` })),
      { width, height: 180, label: 'average rows per second of each stream' })
    : lineChart(samples, { width, label: 'rows per second over the run', unit: 'rows/s' })));
  const log = runLog(params.id, onCleanup);
  const letters = deadLetters(params.id, editor);

  const streams = () => {
    const byName = new Map((run.streams || []).map(s => [s.name, { ...s }]));
    for (const [name, p] of live) {
      const s = byName.get(name) || { name, status: 'running' };
      // the stored counters lag behind the events while a stream runs
      if (!FINAL.includes(s.status) || !byName.has(name)) {
        Object.assign(s, {
          rows_read: Math.max(s.rows_read || 0, p.rows_read || 0), rows_written: Math.max(s.rows_written || 0, p.rows_written || 0),
          rows_rejected: Math.max(s.rows_rejected || 0, p.rows_rejected || 0), rows_per_second: p.rows_per_second ?? s.rows_per_second,
          percent: p.percent, status: p.status && !FINAL.includes(s.status) ? p.status : s.status,
        });
      }
      byName.set(name, s);
    }
    return [...byName.values()];
  };

  const draw = () => {
    if (!active()) return;
    const list = streams();
    const totals = list.reduce((t, s) => ({
      read: t.read + (s.rows_read || 0), written: t.written + (s.rows_written || 0), rejected: t.rejected + (s.rows_rejected || 0),
    }), { read: 0, written: 0, rejected: 0 });
    replace(headerSlot, pageHeader(h('span', 'Run of ', pipeline ? pipeline.name : run.pipeline_id), {
      crumbs: [['Pipelines', '#/pipelines'], [pipeline ? pipeline.name : run.pipeline_id, `#/pipelines/${run.pipeline_id}`]],
      after: h('span', { dataset: { runStatus: run.status } }, statusBadge(run.status)),
      actions: editor ? controls() : [],
    }));
    replace(summarySlot,
      run.error ? h('div.notice.error', { role: 'alert' }, h('h3', 'The run stopped with an error'), h('p.wrap-anywhere', run.error)) : null,
      h('div.cards',
        card('Rows read', totals.read, 'read'), card('Rows written', totals.written, 'written'),
        card('Rows rejected', totals.rejected, 'rejected', totals.rejected ? 'bad' : ''),
        h('div.card-stat', h('div.label', icon('clock'), 'Duration'), h('div.value', { style: { fontSize: '1.4rem' } }, fmt.duration(fmt.runDuration(run))),
          h('div.note', `${run.trigger} · started ${fmt.dateTime(run.started_at || run.created_at)}`, run.ended_at ? ` · ended ${fmt.dateTime(run.ended_at)}` : ''))));
    replace(streamsSlot, streamTable(list, { live: !FINAL.includes(run.status) || live.size > 0 }));
    chart.refresh();
  };

  const controls = () => {
    const act = (verb, label, iconName, kind, done) => button(label, {
      icon: iconName, kind, action: verb,
      onclick: async () => {
        try {
          run = await api.post(`runs/${id}/${verb}`);
          toast(done, 'success');
          draw();
        } catch (error) {
          toast(`${label} failed: ${error.message}`, 'error');
        }
      },
    });
    const buttons = [];
    if (run.status === 'running') buttons.push(act('pause', 'Pause', 'pause', '', 'Pausing: the run stops at its next batch boundary, offsets kept.'));
    if (run.status === 'paused') buttons.push(act('resume', 'Resume', 'play', 'primary', 'Resumed.'));
    if (!FINAL.includes(run.status)) {
      buttons.push(button('Cancel', {
        icon: 'stop', kind: 'danger', action: 'cancel',
        onclick: () => confirmThen({
          title: 'Cancel this run?', message: 'It stops at the next batch boundary; what was written stays, and so do the offsets.',
          confirm: 'Cancel the run', danger: true,
          run: async () => { run = await api.post(`runs/${id}/cancel`); draw(); },
        }),
      }));
    }
    return buttons;
  };

  const refresh = async () => {
    try {
      run = await api.get(`runs/${id}`);
      if (FINAL.includes(run.status)) live.clear();
      draw();
    } catch (error) {
      // the next poll or event tries again; the page keeps what it has
    }
  };

  replace(view, headerSlot, summarySlot,
    h('section.panel.flush', h('h2', 'Streams'), streamsSlot),
    panel('Rows per second', chart),
    h('section.panel', h('h2', 'Log', h('span.spacer'), log.toolbar), log.element),
    h('section.panel', h('h2', 'Dead letters', h('span.spacer'), letters.toolbar), letters.element));
  draw();
  log.start(!FINAL.includes(run.status));
  letters.load();

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
    source.addEventListener('run.progress', event => {
      const data = parse(event.data);
      if (!data || !data.stream) return;
      live.set(data.stream, data);
      const now = Date.now();
      const rate = [...live.values()].filter(p => !FINAL.includes(p.status)).reduce((s, p) => s + (p.rows_per_second || 0), 0);
      if (samples.length && now - samples[samples.length - 1].t < 400) samples[samples.length - 1].v = rate;
      else samples.push({ t: now, v: rate });
      if (samples.length > MAX_SAMPLES) samples.shift();
      draw();
    });
    source.addEventListener('run.state', async event => {
      const data = parse(event.data);
      if (data && data.status) run = { ...run, status: data.status, error: data.error ?? run.error };
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
    if (samples.length) samples.push({ t: Date.now(), v: 0 });
    if (source) source.close();
    clearInterval(timer);
    await refresh();
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

function card(label, value, key, kind = '') {
  return h('div.card-stat', { class: kind || null, dataset: { stat: key } },
    h('div.label', label), h('div.value', fmt.number(value)));
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}
