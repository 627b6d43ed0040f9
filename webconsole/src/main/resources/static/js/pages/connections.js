// Sources or destinations (the route says which): the list, with test, edit, delete and, for sources, streams.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { session } from '../session.js';
import * as fmt from '../format.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge } from '../ui/page.js';
import { confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';
import { testResult } from './connection-test.js';

/** Labels and paths of the two kinds of connection. */
export const KINDS = {
  source: { title: 'Sources', one: 'source', path: 'sources', capability: 'source' },
  destination: { title: 'Destinations', one: 'destination', path: 'destinations', capability: 'destination' },
};

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, props, active }) {
  const kind = KINDS[props.kind];
  const editor = session.can('editor');
  const body = h('div', loading());
  view.append(pageHeader(kind.title, {
    actions: editor ? [button(`New ${kind.one}`, { icon: 'plus', kind: 'primary', href: `#/${kind.path}/new`, action: 'create' })] : [],
  }), body);

  const load = async () => {
    try {
      const list = await api.get(kind.path);
      if (active()) replace(body, h('section.panel.flush', listTable(list)));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: kind.title.toLowerCase(), retry: load }));
    }
  };

  const listTable = list => table([
    { title: 'Name', render: c => h('a', { href: `#/${kind.path}/${c.id}` }, c.name) },
    { title: 'Type', render: c => h('span', c.type, c.available ? null : [' ', statusBadge('failed', 'connector unavailable')]) },
    { title: 'Host', render: c => h('span.muted', describe(c.config)) },
    { title: 'Updated', render: c => h('span', { title: fmt.dateTime(c.updated_at) }, fmt.relative(c.updated_at)) },
    { title: '', class: 'actions', render: c => rowActions(c) },
  ], list, {
    empty: h('span', `No ${kind.one} yet.`, editor ? [' ', h('a', { href: `#/${kind.path}/new` }, `Add the first ${kind.one}.`)] : null),
    rowProps: c => ({ dataset: { name: c.name, id: c.id } }),
  });

  const rowActions = c => {
    const result = h('span.test-result');
    return [
      result,
      props.kind === 'source' ? button('Streams', { small: true, icon: 'table', href: `#/sources/${c.id}/streams` }) : null,
      editor ? button('Test', {
        small: true, icon: 'zap', action: 'test',
        onclick: async () => {
          replace(result, h('span.muted', 'testing…'));
          try {
            const outcome = await api.post(`${kind.path}/${c.id}/test`);
            replace(result, testResult(outcome, true));
          } catch (error) {
            replace(result);
            toast(`Test of ${c.name} failed: ${error.message}`, 'error');
          }
        },
      }) : null,
      editor ? button('Edit', { small: true, icon: 'edit', href: `#/${kind.path}/${c.id}`, action: 'edit' }) : null,
      editor ? button('Delete', {
        small: true, icon: 'trash', kind: 'danger', action: 'delete',
        onclick: () => confirmThen({
          title: `Delete ${kind.one} ${c.name}?`,
          message: `Pipelines that use ${c.name} stop working until they get another ${kind.one}. This cannot be undone.`,
          confirm: 'Delete', danger: true,
          run: async () => {
            await api.del(`${kind.path}/${c.id}`);
            toast(`Deleted ${c.name}.`, 'success');
            load();
          },
        }),
      }) : null,
    ];
  };

  await load();
}

/** 'db.example.com:5432/sales' from the usual config keys, or ''. */
function describe(config) {
  if (!config) return '';
  const host = config.host || config.hostname || config.url || config.path || '';
  const port = config.port ? ':' + config.port : '';
  const db = config.database ? '/' + config.database : '';
  return host ? host + port + db : '';
}
