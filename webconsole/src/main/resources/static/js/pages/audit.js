// The audit log (admins): who changed what, when, from where; newest first, a page at a time.

import { h, replace, debounce } from '../dom.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, table, errorPanel, loading, button } from '../ui/page.js';

const PAGE = 100;

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, query, active }) {
  const offset = Math.max(0, Number(query.offset) || 0);
  const filter = h('input', { type: 'search', placeholder: 'Filter this page (actor, action, target)', 'aria-label': 'Filter' });
  const body = h('div', loading());
  view.append(pageHeader('Audit log'), h('div.row', { style: { marginBottom: '.75rem' } }, h('div.search', icon('search'), filter)), body);
  try {
    const entries = await api.get('audit', { limit: PAGE, offset });
    if (!active()) return;
    const draw = () => {
      const q = filter.value.trim().toLowerCase();
      const shown = entries.filter(e => !q || [e.actor, e.action, e.target, e.target_name, e.detail, e.client_address].some(v => String(v || '').toLowerCase().includes(q)));
      replace(body, h('section.panel.flush', table([
        { title: 'When', render: e => h('span.nowrap', { title: e.at }, fmt.dateTime(e.at)) },
        { title: 'Who', render: e => e.actor },
        { title: 'Action', render: e => h('code', e.action) },
        { title: 'Target', render: e => target(e) },
        { title: 'Detail', render: e => h('span.wrap-anywhere', e.detail || '') },
        { title: 'From', render: e => h('span.muted', e.client_address || '') },
      ], shown, { empty: 'Nothing recorded.' })),
      h('div.row', { style: { marginTop: '.75rem' } },
        offset > 0 ? button('Newer', { href: `#/audit?offset=${Math.max(0, offset - PAGE)}` }) : null,
        entries.length === PAGE ? button('Older', { href: `#/audit?offset=${offset + PAGE}` }) : null,
        h('span.muted.small', `Entries ${offset + 1}–${offset + entries.length}`)));
    };
    filter.addEventListener('input', debounce(draw, 120));
    draw();
  } catch (error) {
    replace(body, errorPanel(error, { what: 'the audit log' }));
  }
}

/** The target by its name (the pipeline of a run, not only run:<uuid>), linked when the console has a page for it. */
function target(e) {
  const [kind, id] = String(e.target || '').split(':');
  const pages = { pipeline: 'pipelines', run: 'runs', source: 'sources', destination: 'destinations', notification_target: 'notifications' };
  const label = e.target_name ? (kind === 'run' ? `run of ${e.target_name}` : e.target_name) : e.target || '';
  const link = id && pages[kind] ? h('a', { href: `#/${pages[kind]}/${id}` }, label) : label;
  return h('span.wrap-anywhere', { title: e.target || '', dataset: { target: e.target || '' } }, link,
    e.target_name ? h('span.muted.small', ` ${kind}`) : null);
}
