// The lineage panel of a pipeline (GET /api/pipelines/{id}/lineage): per stream, its source columns on the left and
// its destination columns on the right joined by lines, each destination column labelled with the transform steps
// that touched it; then the SQL models as table boxes with arrows from their inputs (streams or earlier models).

import { h, svg, replace } from '../dom.js';
import { api } from '../api.js';
import { errorPanel, loading } from '../ui/page.js';
import { layeredLayout } from '../dag-layout.js';

const BOX_W = 190;
const BOX_H = 24;
const GAP = 8;
const LINK_W = 170;
const TOP = 28;

/**
 * @param {{id: string}} pipeline
 * @returns {HTMLElement} a panel that loads and draws the lineage
 */
export function lineagePanel(pipeline) {
  const body = h('div', loading('Reading the lineage…'));
  const load = async () => {
    replace(body, loading('Reading the lineage…'));
    try {
      const lineage = await api.get(`pipelines/${encodeURIComponent(pipeline.id)}/lineage`);
      replace(body, lineageView(lineage));
    } catch (error) {
      replace(body, errorPanel(error, { what: 'the lineage', retry: load }));
    }
  };
  load();
  return h('section.panel', { id: 'pipeline-lineage' }, h('h2', 'Lineage'),
    h('p.muted.small', 'Where each destination column comes from, through the transform steps; then the models and their inputs.'),
    body);
}

/** @param {Object} lineage the endpoint's answer @returns {HTMLElement} */
export function lineageView(lineage) {
  const streams = lineage.streams || [];
  const models = lineage.models || [];
  if (!streams.length && !models.length) return h('div.empty', 'The pipeline copies no stream.');
  return h('div.lineage',
    streams.map(streamLineage),
    models.length ? h('div.lineage-models', h('h3', 'Models'), modelGraph(streams, models)) : null);
}

function tableName(part) {
  return part ? [part.namespace, part.table].filter(Boolean).join('.') : '';
}

function stepName(stream, index) {
  const step = (stream.steps || []).find(s => s.index === index);
  return `${index + 1} ${step ? step.type : 'step'}`;
}

function streamLineage(stream) {
  const columns = stream.columns || [];
  const sources = [];
  columns.forEach(c => (c.sources || []).forEach(s => { if (!sources.includes(s)) sources.push(s); }));
  const rows = Math.max(sources.length, columns.length, 1);
  const height = TOP + rows * (BOX_H + GAP) + GAP;
  const rightX = BOX_W + LINK_W;
  const width = rightX + BOX_W + 220;
  const y = i => TOP + i * (BOX_H + GAP);
  const box = (x, top, label, extra = {}) => svg('g', { class: 'lineage-col' + (extra.class ? ' ' + extra.class : ''), transform: `translate(${x},${top})`, 'data-column': label, 'data-side': extra.side },
    svg('rect', { width: BOX_W, height: BOX_H, rx: 5 }),
    svg('text', { x: 8, y: 16 }, clip(label, 26)),
    svg('title', {}, extra.title || label));

  const links = columns.flatMap((c, j) => (c.sources || []).map(s => {
    const i = sources.indexOf(s);
    const x1 = BOX_W, y1 = y(i) + BOX_H / 2, x2 = rightX, y2 = y(j) + BOX_H / 2;
    const mid = LINK_W / 2;
    return svg('path', { class: 'lineage-link' + ((c.steps || []).length ? ' touched' : ''), d: `M${x1},${y1} C${x1 + mid},${y1} ${x2 - mid},${y2} ${x2},${y2}`, 'data-from': s, 'data-to': c.destination },
      svg('title', {}, `${s} → ${c.destination}`));
  }));
  const left = sources.map((s, i) => box(0, y(i), s, { side: 'source' }));
  const right = columns.map((c, j) => {
    const steps = (c.steps || []).map(i => stepName(stream, i));
    const derived = !(c.sources || []).length;
    return [
      box(rightX, y(j), c.destination, { side: 'destination', class: derived ? 'derived' : null,
        title: `${c.destination} ← ${derived ? 'no source column' : c.sources.join(', ')}${steps.length ? '\nsteps: ' + steps.join(', ') : ''}` }),
      steps.length || derived ? svg('text', { class: 'lineage-steps', x: rightX + BOX_W + 10, y: y(j) + 16, 'data-steps-for': c.destination },
        clip([derived ? 'derived' : '', steps.length ? 'by ' + steps.join(', ') : ''].filter(Boolean).join(' '), 34)) : null,
    ];
  });
  const chain = (stream.steps || []).map(s => `${s.index + 1} ${s.type}`).join(' → ');
  return h('div.lineage-stream', { dataset: { lineageStream: stream.stream } },
    h('h3', h('code', tableName(stream.source) || stream.stream), ' → ', h('code', tableName(stream.destination))),
    h('p.small.muted', chain ? `Steps: ${chain}` : 'No transform: every column is copied as it is.'),
    columns.length ? h('div.dag-wrap', svg('svg', { class: 'lineage-drawing', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `column lineage of ${stream.stream}` },
    svg('text', { class: 'lineage-heading', x: 0, y: 16 }, 'source columns'),
    svg('text', { class: 'lineage-heading', x: rightX, y: 16 }, 'destination columns'),
    links, left, right)) : h('p.muted', 'No column is known for this stream yet.'));
}

function modelGraph(streams, models) {
  const nodes = [];
  const edges = [];
  const ids = new Map();
  streams.forEach(s => {
    const id = 'stream:' + s.stream;
    ids.set(s.stream, id);
    nodes.push({ id, name: tableName(s.destination) || s.stream, kind: 'stream', sub: `stream ${s.stream}` });
  });
  models.forEach(m => {
    const id = 'model:' + m.name;
    ids.set(m.name, ids.get(m.name) || id);
    nodes.push({ id, name: tableName(m.target) || m.name, kind: 'model', sub: `model · ${m.materialization || 'table'}` });
  });
  models.forEach(m => (m.inputs || []).forEach(input => {
    let from = ids.get(input);
    if (!from) {
      from = 'other:' + input;
      ids.set(input, from);
      nodes.push({ id: from, name: input, kind: 'other', sub: 'not in this pipeline' });
    }
    edges.push({ from, to: 'model:' + m.name });
  }));
  const { positions, width, height } = layeredLayout(nodes, edges, { nodeW: BOX_W + 20, nodeH: 46 });
  const arrows = edges.map(e => {
    const a = positions.get(e.from);
    const b = positions.get(e.to);
    const x1 = a.x + BOX_W + 20, y1 = a.y + 23, x2 = b.x - 6, y2 = b.y + 23;
    const mid = Math.max(30, (x2 - x1) / 2);
    return svg('path', { class: 'edge', d: `M${x1},${y1} C${x1 + mid},${y1} ${x2 - mid},${y2} ${x2},${y2}`, 'marker-end': 'url(#lineage-arrow)' });
  });
  const boxes = nodes.map(n => {
    const { x, y } = positions.get(n.id);
    return svg('g', { class: `lineage-table ${n.kind}`, transform: `translate(${x},${y})`, 'data-table': n.name, 'data-kind': n.kind },
      svg('rect', { width: BOX_W + 20, height: 46, rx: 8 }),
      svg('text', { x: 10, y: 19 }, clip(n.name, 26)),
      svg('text', { class: 'sub', x: 10, y: 36 }, clip(n.sub, 30)),
      svg('title', {}, `${n.name}\n${n.sub}`));
  });
  return h('div.dag-wrap', svg('svg', { class: 'dag lineage-graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'models and their inputs' },
    svg('defs', {}, svg('marker', { id: 'lineage-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'var(--muted)' }))),
    arrows, boxes));
}

function clip(text, max) {
  const s = String(text);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
