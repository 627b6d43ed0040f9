// The servers (nodes) on this metadata database: GET /api/cluster. A single server lists itself; in cluster mode
// (ARUS_CLUSTER=true) every node, whether it is alive, and the runs it holds leases for.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge } from '../ui/page.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const body = h('div', loading());
  const summary = h('p.muted');
  view.append(pageHeader('Cluster', {
    actions: [button('Refresh', { icon: 'refresh', action: 'cluster-refresh', onclick: () => load() })],
  }), summary, body);

  const load = async () => {
    try {
      const cluster = await api.get('cluster');
      if (!active()) return;
      replace(summary, cluster.clustered
        ? `Cluster mode: ${cluster.nodes.length} node(s) share this metadata database; schedules fire once across them and the runs of a node that dies resume on another.`
        : 'A single server (cluster mode is off: ARUS_CLUSTER=true with a PostgreSQL metadata database turns it on).',
        ' This page is answered by ', h('code', cluster.node), '.');
      replace(body, h('section.panel.flush', table([
        { title: 'Node', render: n => h('span', h('strong', n.id), n.this ? h('span.muted', ' (this one)') : '') },
        { title: 'Status', render: n => statusBadge(n.alive ? 'up' : 'interrupted', n.alive ? 'alive' : 'silent') },
        { title: 'Started', render: n => fmt.dateTime(n.started_at) },
        { title: 'Last heartbeat', render: n => fmt.relative(n.heartbeat_at) },
        { title: 'Runs', render: n => (n.runs.length
          ? h('span', n.runs.map((r, i) => h('span', i ? ', ' : '', h('a', { href: `#/runs/${r.run_id}` }, r.run_id.slice(0, 8)))))
          : h('span.muted', 'none')) },
      ], cluster.nodes, { empty: 'No node has sent a heartbeat yet.', rowProps: n => ({ 'data-node': n.id }) })));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the cluster', retry: load }));
    }
  };
  await load();
}
