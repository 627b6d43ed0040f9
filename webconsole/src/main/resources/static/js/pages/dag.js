// The pipeline DAG (GET /api/dag): pipelines as nodes coloured by their last run, dependencies as arrows from
// upstream to downstream, laid out in layers here; a click (or Enter) opens the pipeline.

import { h, svg, replace } from '../dom.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { describeCron } from '../cron.js';
import { pageHeader, errorPanel, loading, button } from '../ui/page.js';
import { layeredLayout } from '../dag-layout.js';
import { STATUS_COLORS } from '../ui/charts.js';

const NODE_W = 200;
const NODE_H = 56;

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active, onCleanup }) {
  const body = h('div', loading());
  view.append(pageHeader('DAG', { actions: [button('Refresh', { icon: 'refresh', onclick: () => load() })] }), body);
  const load = async () => {
    try {
      const dag = await api.get('dag');
      if (active()) replace(body, draw(dag));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the DAG', retry: load }));
    }
  };
  await load();
  const timer = setInterval(load, 15000);
  onCleanup(() => clearInterval(timer));
}

function colour(status) {
  return STATUS_COLORS[status] || 'var(--idle)';
}

function draw(dag) {
  const nodes = dag.nodes || [];
  const edges = dag.edges || [];
  if (!nodes.length) return h('div.panel.empty', 'No pipeline yet: the DAG shows pipelines and what each waits for.');
  const { positions, width, height } = layeredLayout(nodes, edges, { nodeW: NODE_W, nodeH: NODE_H });
  const byId = new Map(nodes.map(n => [n.id, n]));

  const arrows = edges.filter(e => positions.has(e.from) && positions.has(e.to)).map(e => {
    const a = positions.get(e.from);
    const b = positions.get(e.to);
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x - 6, y2 = b.y + NODE_H / 2;
    const mid = Math.max(30, (x2 - x1) / 2);
    return svg('path', { class: 'edge', d: `M${x1},${y1} C${x1 + mid},${y1} ${x2 - mid},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' },
      svg('title', {}, `${(byId.get(e.from) || {}).name} → ${(byId.get(e.to) || {}).name}`));
  });

  const boxes = nodes.map(n => {
    const { x, y } = positions.get(n.id);
    const schedule = n.schedule && n.schedule.cron ? describeCron(n.schedule.cron).text || n.schedule.cron : 'no schedule';
    const open = () => navigate(`/pipelines/${n.id}`);
    return svg('g', {
      class: 'node' + (n.enabled ? '' : ' disabled'), transform: `translate(${x},${y})`, tabindex: 0, role: 'link',
      'aria-label': `${n.name}, last run ${n.last_status || 'none'}${n.enabled ? '' : ', disabled'}`, 'data-node': n.name,
      onclick: open, onkeydown: event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); open(); } },
    },
    svg('rect', { width: NODE_W, height: NODE_H, rx: 8, stroke: colour(n.last_status) }),
    svg('rect', { width: 6, height: NODE_H - 16, x: 8, y: 8, rx: 3, fill: colour(n.last_status), stroke: 'none' }),
    svg('text', { x: 22, y: 23 }, clip(n.name, 23)),
    svg('text', { class: 'sub', x: 22, y: 42 }, clip(`${n.last_status || 'never run'} · ${schedule}`, 32)),
    svg('title', {}, `${n.name}\nlast run: ${n.last_status || 'never'}\n${n.schedule ? n.schedule.cron + ' (' + n.schedule.timezone + ')' : 'no schedule'}${n.enabled ? '' : '\ndisabled'}`));
  });

  const drawing = svg('svg', { class: 'dag', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'pipeline dependency graph' },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'var(--muted)' }))),
    arrows, boxes);

  return h('div',
    h('div.legend', ['succeeded', 'failed', 'running', 'cancelled'].map(s => h('span', h('i', { style: { borderColor: colour(s) } }), s)),
      h('span', h('i', { style: { borderColor: colour(null) } }), 'never run'),
      h('span', h('i', { style: { borderColor: 'var(--muted)', borderStyle: 'dashed' } }), 'disabled'),
      h('span', `${nodes.length} pipeline(s), ${edges.length} dependenc${edges.length === 1 ? 'y' : 'ies'}`)),
    h('div.dag-wrap', drawing));
}

function clip(text, max) {
  const s = String(text);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
