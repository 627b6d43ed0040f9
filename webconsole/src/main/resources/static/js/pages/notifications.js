// Notification targets (GET /api/notification-targets): where pipelines send what happened, which pipelines use
// each, a test send. A server without this API says so.

import { h, replace } from '../dom.js';
import { api, getOptional, describeError } from '../api.js';
import { session } from '../session.js';
import { humanize } from '../format.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge, notAvailable } from '../ui/page.js';
import { confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';

/**
 * Sends a test notification and says how it went.
 *
 * @param {{id: string, name: string}} target
 * @returns {Promise<void>}
 */
export async function testSend(target) {
  try {
    const answer = await api.post(`notification-targets/${encodeURIComponent(target.id)}/test`);
    if (answer.ok) toast(`Test notification sent to ${target.name}.`, 'success');
    else toast(`${target.name}: the test did not go through: ${answer.error || 'no reason given'}`, 'error');
  } catch (error) {
    toast(`Test of ${target.name} failed: ${describeError(error)}`, 'error');
  }
}

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const editor = session.can('editor');
  const body = h('div', loading());
  const header = h('div', pageHeader('Notifications'));
  view.append(header, body);

  const load = async () => {
    try {
      const { available, data } = await getOptional('notification-targets');
      if (!active()) return;
      if (!available) {
        replace(body, notAvailable('notifications'));
        return;
      }
      replace(header, pageHeader('Notifications', {
        actions: editor ? [button('New target', { icon: 'plus', kind: 'primary', href: '#/notifications/new', action: 'create' })] : [],
      }));
      replace(body, h('p.muted', 'A target is a place a notification goes: a Slack or Discord channel, a Telegram chat, a mailbox, a webhook. ',
        'Each pipeline chooses which targets hear which of its events, in its editor.'),
      h('section.panel.flush', table([
        { title: 'Name', render: t => h('a', { href: `#/notifications/${t.id}` }, t.name) },
        { title: 'Type', render: t => h('span', t.type, t.available ? null : [' ', statusBadge('failed', 'notifier unavailable')]) },
        { title: 'Used by', render: t => ((t.pipelines || []).length
          ? h('div', t.pipelines.map(p => h('div', h('a', { href: `#/pipelines/${p.id}` }, p.name),
            h('span.muted.small', ` · ${(p.events || []).map(humanize).join(', ')}`))))
          : h('span.muted', 'no pipeline')) },
        { title: '', class: 'actions', render: t => editor ? [
          button('Test', { small: true, icon: 'send', action: 'test', onclick: () => testSend(t) }),
          button('Edit', { small: true, icon: 'edit', href: `#/notifications/${t.id}`, action: 'edit' }),
          button('Delete', {
            small: true, icon: 'trash', kind: 'danger', action: 'delete',
            onclick: () => confirmThen({
              title: `Delete ${t.name}?`, message: 'Pipelines that notify it simply stop doing so.', confirm: 'Delete', danger: true,
              run: async () => {
                await api.del(`notification-targets/${t.id}`);
                toast(`Deleted ${t.name}.`, 'success');
                load();
              },
            }),
          }),
        ] : null },
      ], data, { empty: 'No notification target yet.', rowProps: t => ({ dataset: { target: t.name } }) })));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the notification targets', retry: load }));
    }
  };
  await load();
}
