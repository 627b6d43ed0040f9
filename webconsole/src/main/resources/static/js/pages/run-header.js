// The top of a run's page: title, status badge, Pause/Resume/Cancel and the counters. Built once; each progress
// event changes texts in place, so a button under the pointer is never replaced between press and release (a
// rebuilt header lost Pause 5 times out of 6). The buttons change only when the run's state does.

import { h, replace } from '../dom.js';
import { api, describeError } from '../api.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, button, statusBadge, setBadge } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { confirmThen } from '../ui/modal.js';
import { FINAL, runNow } from './pipeline-common.js';

/**
 * @param {Object} options
 * @param {Object} options.run the run as GET /api/runs/{id} answers it
 * @param {Object|null} options.pipeline its pipeline, for the name
 * @param {boolean} options.editor whether the controls are shown
 * @param {function(Object): void} options.changed called with the run a control's answer gave
 * @returns {{element: HTMLElement, update: function(Object, Object): void}}
 */
export function runHeader({ run, pipeline, editor, changed }) {
  const id = encodeURIComponent(run.id);
  const name = pipeline ? pipeline.name : run.pipeline_name || run.pipeline_id;
  const badge = statusBadge(run.status);
  const badgeBox = h('span', { dataset: { runStatus: run.status } }, badge);
  const actions = h('div.actions');
  const notice = h('div');
  const counters = {
    read: counter('Rows read', 'read'),
    written: counter('Rows written', 'written'),
    deleted: counter('Rows deleted', 'deleted', 'in the destination (soft deletes, captured deletes)'),
    rejected: counter('Rows rejected', 'rejected', 'sent to the dead letters'),
  };
  const durationValue = h('div.value.duration');
  const durationNote = h('div.note');
  let shownControls = null;

  const act = (verb, label, iconName, kind, done) => button(label, {
    icon: iconName, kind, action: verb,
    onclick: async () => {
      try {
        changed(await api.post(`runs/${id}/${verb}`));
        toast(done, 'success');
      } catch (error) {
        toast(`${label} failed: ${describeError(error)}`, 'error');
      }
    },
  });

  const controls = status => {
    const key = editor ? status : 'none';
    if (key === shownControls) return;
    // a control being clicked right now keeps its node until its request is answered
    if (actions.querySelector('.busy')) return;
    shownControls = key;
    const list = [];
    if (editor && status === 'running') list.push(act('pause', 'Pause', 'pause', '', 'Pausing: the run stops at its next batch boundary, offsets kept.'));
    if (editor && status === 'paused') list.push(act('resume', 'Resume', 'play', 'primary', 'Resumed.'));
    if (editor && !FINAL.includes(status)) {
      list.push(button('Cancel', {
        icon: 'stop', kind: 'danger', action: 'cancel',
        onclick: () => confirmThen({
          title: 'Cancel this run?', message: 'It stops at the next batch boundary; what was written stays, and so do the offsets.',
          confirm: 'Cancel the run', danger: true,
          run: async () => { changed(await api.post(`runs/${id}/cancel`)); toast('Cancelling: the run stops at its next batch boundary.', 'success'); },
        }),
      }));
    }
    replace(actions, list);
  };

  const header = pageHeader(h('span', 'Run of ', name), {
    crumbs: [['Runs', '#/runs'], [name, `#/pipelines/${run.pipeline_id}`]],
    after: badgeBox,
  });
  header.querySelector('.page-header .actions').replaceWith(actions);

  const element = h('div', header, notice,
    h('div.cards', counters.read.element, counters.written.element, counters.deleted.element, counters.rejected.element,
      h('div.card-stat', { dataset: { stat: 'duration' } }, h('div.label', icon('clock'), 'Duration'), durationValue, durationNote)));

  let shownNotice = null;
  return {
    element,
    /**
     * @param {Object} current the run now
     * @param {{read: number, written: number, deleted: number, rejected: number}} totals its counters now
     */
    update(current, totals) {
      if (badge.dataset.status !== current.status) {
        setBadge(badge, current.status);
        badgeBox.dataset.runStatus = current.status;
      }
      controls(current.status);
      for (const key of Object.keys(counters)) counters[key].set(totals[key] || 0);
      counters.rejected.element.classList.toggle('bad', (totals.rejected || 0) > 0);
      durationValue.textContent = fmt.duration(fmt.runDuration(current));
      durationNote.textContent = `${current.trigger} · started ${fmt.dateTime(current.started_at || current.created_at)}`
        + (current.ended_at ? ` · ended ${fmt.dateTime(current.ended_at)}` : '');
      const noticeKey = `${current.status}|${current.error || ''}|${totals.rejected || 0}`;
      if (noticeKey !== shownNotice) {
        shownNotice = noticeKey;
        replace(notice, outcome(current, totals, editor ? { id: current.pipeline_id, name } : null));
      }
    },
  };
}

/**
 * The change-capture connectors end the message of a feed that cannot go on (a replication slot dropped or
 * invalidated, a purged binlog) with the resync it needs: "needs a resync" (PostgreSQL), "to resync the stream"
 * (MySQL/MariaDB).
 */
const RESYNC = /needs a resync|to resync the stream/i;

/**
 * What the run's end means, in words: an error only when it failed.
 *
 * @param {Object} run the run now
 * @param {Object} totals its counters
 * @param {{id: string, name: string}|null} pipeline its pipeline when the user may run it (offers the resync)
 */
function outcome(run, totals, pipeline) {
  if (run.status === 'failed' || run.status === 'interrupted') {
    const resync = pipeline && run.status === 'failed' && RESYNC.test(run.error || '') ? resyncButton(pipeline) : null;
    return h('div.notice.error', { role: 'alert', dataset: { outcome: run.status } },
      h('h3', run.status === 'failed' ? 'The run stopped with an error' : 'The run was interrupted'),
      run.error ? h('p.wrap-anywhere', run.error) : null,
      resync ? h('p', resync) : null);
  }
  if (run.status === 'cancelled') {
    return h('div.notice', { dataset: { outcome: 'cancelled' } }, h('h3', 'Cancelled'),
      h('p', 'Someone stopped this run. What it wrote stays, and so do the offsets: the next run goes on from there.'));
  }
  if (run.status === 'succeeded_with_warnings') {
    return h('div.notice.warn', { dataset: { outcome: 'warnings' } }, h('h3', 'Succeeded with warnings'),
      h('p', totals.rejected ? `${fmt.number(totals.rejected)} row(s) were rejected (see the dead letters below).` : null,
        run.error ? ` ${run.error}` : '', ' Quality checks and schema changes are listed below.'));
  }
  if (run.status === 'paused') {
    return h('div.notice.warn', { dataset: { outcome: 'paused' } }, h('h3', 'Paused'),
      h('p', 'The streams wait at a batch boundary with their offsets stored. Resume goes on from there.'));
  }
  return null;
}

/** Forgets the pipeline's offsets (DELETE .../state, which drops its change feeds) and starts a run from new snapshots. */
function resyncButton(pipeline) {
  return button('Resync', {
    icon: 'reset', kind: 'primary', action: 'resync',
    onclick: () => confirmThen({
      title: `Resync ${pipeline.name}?`,
      message: 'Its stored offsets and change feeds are dropped and a new run copies every stream again from the'
        + ' start. A change-capture stream reads a new snapshot, swapped in whole when complete: rows deleted at the'
        + ' source meanwhile are gone after it.',
      confirm: 'Resync', danger: true,
      run: async () => {
        await api.del(`pipelines/${encodeURIComponent(pipeline.id)}/state`);
        await runNow(pipeline);
      },
    }),
  });
}

function counter(label, key, note) {
  const value = h('div.value', '0');
  const element = h('div.card-stat', { dataset: { stat: key } }, h('div.label', label), value, note ? h('div.note', note) : null);
  let shown = 0;
  return {
    element,
    set(n) {
      if (n !== shown) {
        shown = n;
        value.textContent = fmt.number(n);
      }
    },
  };
}
