// A run's dead letters (rows the destination or a transform refused) and replaying them once the cause is fixed.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { table, errorPanel, loading, button } from '../ui/page.js';
import { toast } from '../ui/toast.js';

const LIMIT = 200;

/**
 * @param {string} runId
 * @param {boolean} editor whether replay controls are shown
 * @returns {{element: HTMLElement, toolbar: HTMLElement, load: function(): Promise<void>}}
 */
export function deadLetters(runId, editor) {
  const element = h('div', { dataset: { deadLetters: 'true' } }, loading());
  const toolbar = h('span.row');

  const replay = async body => {
    try {
      const result = await api.post('dead-letters/replay', body);
      toast(`Replayed ${result.replayed}; ${result.failed} refused again.`, result.failed ? 'warn' : 'success');
    } catch (error) {
      toast(`Replay failed: ${error.message}`, 'error');
    }
    await load();
  };

  const load = async () => {
    try {
      const letters = await api.get('dead-letters', { run_id: runId, limit: LIMIT });
      const waiting = letters.filter(l => !l.replayed_at);
      replace(toolbar,
        h('span.muted.small', `${letters.length}${letters.length === LIMIT ? '+' : ''} row(s), ${waiting.length} waiting`),
        editor && waiting.length ? button('Replay all waiting', { small: true, icon: 'refresh', action: 'replay', onclick: () => replay({ run_id: runId }) }) : null);
      replace(element, table([
        { title: 'Stream', render: l => h('code', l.stream) },
        { title: 'Reason', render: l => h('span.wrap-anywhere', l.step_index !== null && l.step_index !== undefined
          ? h('span.tag', { dataset: { step: l.step_index } }, l.step_index < 0 ? 'unreadable at the source' : `step ${l.step_index + 1} ${l.step_type || ''}`.trim()) : null, l.reason) },
        { title: 'Values', render: l => h('pre.json', JSON.stringify(l.values, null, 1)) },
        { title: 'Stored', render: l => h('span.nowrap', fmt.dateTime(l.created_at)) },
        { title: '', class: 'actions', render: l => (l.replayed_at
          ? h('span.badge.ok', { title: fmt.dateTime(l.replayed_at) }, 'replayed')
          : editor ? button('Replay', { small: true, action: 'replay', onclick: () => replay({ ids: [l.id] }) }) : h('span.badge.warn', 'waiting')) },
      ], letters, { empty: 'No dead letter: every row landed.' }));
    } catch (error) {
      replace(element, errorPanel(error, { what: 'the dead letters', retry: load }));
    }
  };

  return { element, toolbar, load };
}
