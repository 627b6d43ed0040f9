// Inline SVG icons (24x24, stroked), drawn for the console: no icon font, nothing fetched.

import { svg } from '../dom.js';

const r = (x, y, width, height, rx = 1) => ['rect', { x, y, width, height, rx }];
const c = (cx, cy, radius) => ['circle', { cx, cy, r: radius }];
const p = d => ['path', { d }];

const SHAPES = {
  dashboard: [r(3, 3, 7, 9), r(14, 3, 7, 5), r(14, 12, 7, 9), r(3, 16, 7, 5)],
  pipeline: [c(5, 12, 2.2), c(19, 12, 2.2), p('M7.2 12h9.6'), p('M13.5 8.5 17 12l-3.5 3.5')],
  source: [['ellipse', { cx: 12, cy: 5, rx: 8, ry: 3 }], p('M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5'), p('M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3')],
  destination: [p('M12 3v11'), p('M7.5 9.5 12 14l4.5-4.5'), p('M4 16v4h16v-4')],
  dag: [r(3, 3, 6, 5), r(15, 9.5, 6, 5), r(3, 16, 6, 5), p('M9 5.5h3v13H9'), p('M12 12h3')],
  bell: [p('M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9'), p('M10.3 21a1.94 1.94 0 0 0 3.4 0')],
  plug: [p('M9 2v5M15 2v5'), p('M6 7h12v4a6 6 0 0 1-12 0z'), p('M12 17v5')],
  users: [c(9, 8, 4), p('M2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1'), p('M16 3.5a4 4 0 0 1 0 7.5'), p('M22 21v-1a6 6 0 0 0-4-5.6')],
  key: [c(7.5, 15.5, 4.5), p('M10.7 12.3 21 2'), p('M16 7l3 3'), p('M19 4l2 2')],
  audit: [r(5, 3, 14, 18, 2), p('M9 8h6M9 12h6M9 16h4')],
  settings: [p('M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12'), c(16, 6, 2), c(10, 12, 2), c(18, 18, 2)],
  sun: [c(12, 12, 4), p('M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4')],
  moon: [p('M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z')],
  menu: [p('M3 6h18M3 12h18M3 18h18')],
  plus: [p('M12 5v14M5 12h14')],
  play: [p('M7 4.5v15l12.5-7.5z')],
  pause: [p('M8 5v14M16 5v14')],
  stop: [r(6, 6, 12, 12)],
  trash: [p('M3 6h18M8 6V4h8v2'), p('M6 6l1 15h10l1-15')],
  edit: [p('M4 20h4L19 9l-4-4L4 16z'), p('M13 7l4 4')],
  refresh: [p('M21 12a9 9 0 1 1-2.6-6.4L21 8'), p('M21 3v5h-5')],
  reset: [p('M3 12a9 9 0 1 0 2.6-6.4L3 8'), p('M3 3v5h5')],
  check: [p('M5 12.5l4.5 4.5L19 7.5')],
  x: [p('M6 6l12 12M18 6 6 18')],
  search: [c(11, 11, 7), p('M20 20l-4-4')],
  logout: [p('M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4'), p('M16 17l5-5-5-5M21 12H9')],
  upload: [p('M12 15V4'), p('M7.5 8.5 12 4l4.5 4.5'), p('M4 16v4h16v-4')],
  download: [p('M12 4v12'), p('M7 11l5 5 5-5'), p('M4 20h16')],
  zap: [p('M13 2 4 14h7l-1 8 9-12h-7z')],
  table: [r(3, 4, 18, 16, 2), p('M3 10h18M9 10v10')],
  copy: [r(9, 9, 12, 12, 2), p('M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1')],
  power: [p('M12 2v10'), p('M18.4 6.6a9 9 0 1 1-12.8 0')],
  clock: [c(12, 12, 9), p('M12 7v5l3 3')],
  alert: [p('M12 3 22 21H2z'), p('M12 10v4M12 17.5v.01')],
  send: [p('M22 2 11 13'), p('M22 2 15 22l-4-9-9-4z')],
  activity: [p('M3 12h4l3-8 4 16 3-8h4')],
  rows: [p('M4 6h16M4 12h16M4 18h16')],
};

/**
 * An icon as an SVG element.
 *
 * @param {string} name one of the names above
 * @param {Object} [options]
 * @param {string} [options.title] an accessible name; without one the icon is hidden from screen readers
 * @returns {SVGElement}
 */
export function icon(name, options = {}) {
  const shapes = SHAPES[name] || SHAPES.alert;
  return svg('svg', {
    class: 'icon', viewBox: '0 0 24 24', 'aria-hidden': options.title ? null : 'true',
    role: options.title ? 'img' : null, 'aria-label': options.title || null,
  }, shapes.map(([tag, attrs]) => svg(tag, attrs)));
}
