// Small SVG charts drawn in the page: bars (rows per day), a line (rows per second), status bars (runs by status).

import { h, svg } from '../dom.js';
import { compactNumber, number } from '../format.js';

/**
 * A chart that is drawn again at its container's width, so that one viewBox unit is one pixel: text stays at
 * its CSS size on a phone and on a wide screen.
 *
 * @param {function(number): SVGElement} draw draws the chart for a width in pixels
 * @returns {HTMLElement & {refresh: function(): void}} the chart's box; refresh() draws it again (new data)
 */
export function responsive(draw) {
  const box = h('div.chart-box');
  let width = 0;
  const redraw = () => {
    const w = Math.round(box.clientWidth);
    if (w > 0 && Math.abs(w - width) > 2) {
      width = w;
      box.replaceChildren(draw(w));
    }
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(redraw).observe(box);
  box.refresh = () => box.replaceChildren(draw(width || 640));
  box.replaceChildren(draw(640));
  requestAnimationFrame(redraw);
  return box;
}

/** @returns {number} a round step for about `ticks` grid lines up to `max` */
function niceStep(max, ticks = 4) {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}

function yAxis(max, height, top, left, right, W) {
  const step = Math.max(1, niceStep(max || 1)); // counts: whole steps
  const top_ = Math.max(step, Math.ceil((max || 1) / step) * step);
  const nodes = [];
  for (let v = 0; v <= top_ + step / 2; v += step) {
    const y = top + height - (v / top_) * height;
    nodes.push(svg('line', { class: 'grid-line', x1: left, x2: W - right, y1: y, y2: y }));
    nodes.push(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, compactNumber(v)));
  }
  return { nodes, top: top_ };
}

/**
 * A bar chart.
 *
 * @param {{label: string, value: number, title?: string}[]} points in order
 * @param {Object} [options]
 * @param {number} [options.height] the drawing's height in viewBox units
 * @param {string} [options.label] an accessible description
 * @param {number} [options.labelEvery] show every n-th x label (by default as many as fit)
 * @param {number} [options.width] the drawing's width in viewBox units (pixels when drawn by {@link responsive})
 * @returns {SVGElement}
 */
export function barChart(points, { height = 200, label = 'bar chart', labelEvery = 0, width = 640 } = {}) {
  const W = width;
  const every = labelEvery || Math.max(1, Math.ceil((points.length * 44) / Math.max(width - 60, 1)));
  const left = 48, right = 8, top = 10, bottom = 24;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...points.map(p => p.value));
  const axis = yAxis(max, plotH, top, left, right, W);
  const slot = (W - left - right) / Math.max(points.length, 1);
  const barW = Math.min(56, Math.max(2, slot * 0.68));
  const bars = points.map((p, i) => {
    const barH = axis.top ? (p.value / axis.top) * plotH : 0;
    const x = left + i * slot + (slot - barW) / 2;
    return svg('g', {},
      svg('rect', { class: 'bar', x, y: top + plotH - barH, width: barW, height: Math.max(barH, p.value > 0 ? 1 : 0), rx: 2 },
        svg('title', {}, p.title || `${p.label}: ${number(p.value)}`)),
      i % every === 0 ? svg('text', { x: x + barW / 2, y: height - 6, 'text-anchor': 'middle' }, p.label) : null);
  });
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': label }, axis.nodes, bars);
}

/**
 * A line chart over time.
 *
 * @param {{t: number, v: number}[]} samples t in epoch ms, in order
 * @param {Object} [options]
 * @param {number} [options.height]
 * @param {string} [options.label] an accessible description
 * @param {string} [options.unit] shown in the tooltip of the last point
 * @param {number} [options.width] the drawing's width in viewBox units
 * @param {string} [options.emptyText] shown before the first sample
 * @param {boolean} [options.clock] label the ends with their times (a finished run) instead of "… s ago" / "now"
 * @returns {SVGElement}
 */
export function lineChart(samples, { height = 180, label = 'line chart', unit = '', width = 640, emptyText = 'waiting for progress…', clock = false } = {}) {
  const W = width;
  const left = 48, right = 10, top = 10, bottom = 24;
  const plotH = height - top - bottom;
  const plotW = W - left - right;
  const max = Math.max(0, ...samples.map(s => s.v));
  const axis = yAxis(max, plotH, top, left, right, W);
  const nodes = [...axis.nodes];
  if (samples.length) {
    const t0 = samples[0].t;
    const span = Math.max(samples[samples.length - 1].t - t0, 1000);
    const x = s => left + ((s.t - t0) / span) * plotW;
    const y = s => top + plotH - (axis.top ? (s.v / axis.top) * plotH : 0);
    const line = samples.map((s, i) => `${i ? 'L' : 'M'}${x(s).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
    const last = samples[samples.length - 1];
    nodes.push(svg('path', { class: 'area', d: `${line} L${x(last).toFixed(1)},${top + plotH} L${left},${top + plotH} Z` }));
    nodes.push(svg('path', { class: 'line', d: line }));
    nodes.push(svg('circle', { cx: x(last), cy: y(last), r: 3.5, fill: 'var(--accent)' },
      svg('title', {}, `${number(last.v)} ${unit}`)));
    const time = t => new Date(t).toTimeString().slice(0, 8);
    nodes.push(svg('text', { x: left, y: height - 6 }, clock ? time(t0) : `${Math.round(span / 1000)} s ago`));
    nodes.push(svg('text', { x: W - right, y: height - 6, 'text-anchor': 'end' }, clock ? time(last.t) : 'now'));
  } else {
    nodes.push(svg('text', { x: W / 2, y: top + plotH / 2, 'text-anchor': 'middle' }, emptyText));
  }
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': label }, nodes);
}

/** The colour of a run status, as a CSS value. */
export const STATUS_COLORS = {
  succeeded: 'var(--ok)', succeeded_with_warnings: 'var(--warn)', failed: 'var(--bad)', running: 'var(--run)',
  queued: 'var(--run)', paused: 'var(--warn)', cancelled: 'var(--idle)', interrupted: 'var(--warn)',
};

/**
 * Horizontal bars of counts by status.
 *
 * @param {Object<string, number>} counts status -> count
 * @returns {HTMLElement}
 */
export function statusBars(counts) {
  const entries = Object.entries(counts || {});
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return h('div.status-bars', { role: 'list' }, entries.map(([status, n]) =>
    h('div.status-bar', { role: 'listitem', dataset: { status } },
      h('span', status),
      h('div.track', h('div.fill', { style: { width: `${(n / max) * 100}%`, background: STATUS_COLORS[status] || 'var(--idle)', opacity: n ? 1 : 0 } })),
      h('span.num', { style: { textAlign: 'right' } }, number(n)))));
}
