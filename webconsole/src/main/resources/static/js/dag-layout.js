// A layered (Sugiyama-style) layout for the pipeline DAG, left to right: each pipeline one column after its
// furthest upstream, rows ordered by the barycentre of their neighbours to keep edges from crossing. Pipelines
// without any dependency go in a grid under the graph.

/**
 * @typedef {Object} Placed
 * @property {number} x left edge
 * @property {number} y top edge
 * @property {number} layer the column
 */

/**
 * Lays out a DAG.
 *
 * @param {{id: string, name?: string}[]} nodes
 * @param {{from: string, to: string}[]} edges upstream -> downstream; edges to unknown nodes are ignored
 * @param {Object} [size]
 * @param {number} [size.nodeW] node width
 * @param {number} [size.nodeH] node height
 * @param {number} [size.gapX] horizontal gap between columns
 * @param {number} [size.gapY] vertical gap between rows
 * @param {number} [size.pad] margin around the drawing
 * @returns {{positions: Map<string, Placed>, width: number, height: number}}
 */
export function layeredLayout(nodes, edges, { nodeW = 190, nodeH = 54, gapX = 70, gapY = 22, pad = 20 } = {}) {
  const ids = new Set(nodes.map(n => n.id));
  const preds = new Map(nodes.map(n => [n.id, []]));
  const succs = new Map(nodes.map(n => [n.id, []]));
  for (const e of edges) {
    if (ids.has(e.from) && ids.has(e.to) && e.from !== e.to) {
      preds.get(e.to).push(e.from);
      succs.get(e.from).push(e.to);
    }
  }
  const byName = (a, b) => String(a.name || a.id).localeCompare(String(b.name || b.id));
  const connected = nodes.filter(n => preds.get(n.id).length || succs.get(n.id).length).sort(byName);
  const isolated = nodes.filter(n => !preds.get(n.id).length && !succs.get(n.id).length).sort(byName);

  // longest path from a root; a cycle (the server refuses them) is cut where it is found
  const layer = new Map();
  const visiting = new Set();
  const layerOf = id => {
    if (layer.has(id)) return layer.get(id);
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const l = preds.get(id).reduce((max, p) => Math.max(max, layerOf(p) + 1), 0);
    visiting.delete(id);
    layer.set(id, l);
    return l;
  };
  connected.forEach(n => layerOf(n.id));

  const layers = [];
  for (const n of connected) {
    const l = layer.get(n.id);
    (layers[l] = layers[l] || []).push(n.id);
  }
  for (let i = 0; i < layers.length; i++) layers[i] = layers[i] || [];

  const order = new Map();
  const index = () => layers.forEach(ids_ => ids_.forEach((id, i) => order.set(id, i)));
  index();
  const barycentre = (id, neighbours) => {
    const list = neighbours.get(id).filter(n => order.has(n));
    return list.length ? list.reduce((s, n) => s + order.get(n), 0) / list.length : order.get(id);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let l = 1; l < layers.length; l++) {
      layers[l].sort((a, b) => barycentre(a, preds) - barycentre(b, preds));
      index();
    }
    for (let l = layers.length - 2; l >= 0; l--) {
      layers[l].sort((a, b) => barycentre(a, succs) - barycentre(b, succs));
      index();
    }
  }

  const positions = new Map();
  const tallest = Math.max(0, ...layers.map(l => l.length));
  const graphH = tallest ? tallest * nodeH + (tallest - 1) * gapY : 0;
  layers.forEach((ids_, l) => {
    const h = ids_.length * nodeH + (ids_.length - 1) * gapY;
    const top = pad + (graphH - h) / 2;
    ids_.forEach((id, i) => positions.set(id, { x: pad + l * (nodeW + gapX), y: top + i * (nodeH + gapY), layer: l }));
  });

  const columns = Math.max(layers.length, Math.min(4, isolated.length), 1);
  const gridTop = pad + graphH + (graphH && isolated.length ? gapY * 2 : 0);
  isolated.forEach((n, i) => {
    positions.set(n.id, {
      x: pad + (i % columns) * (nodeW + gapX),
      y: gridTop + Math.floor(i / columns) * (nodeH + gapY),
      layer: -1,
    });
  });
  const rows = Math.ceil(isolated.length / columns);
  const width = pad * 2 + columns * nodeW + (columns - 1) * gapX;
  const height = gridTop + (rows ? rows * nodeH + (rows - 1) * gapY : 0) + pad;
  return { positions, width, height: Math.max(height, pad * 2 + nodeH) };
}
