// The streams a source offers (discovered live), with their columns, keys, cursor candidates and row estimates.

import { h, replace, debounce } from '../dom.js';
import { api } from '../api.js';
import * as fmt from '../format.js';
import { icon } from '../ui/icons.js';
import { pageHeader, errorPanel, loading, table, button } from '../ui/page.js';

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, params, active }) {
  const id = encodeURIComponent(params.id);
  const header = h('div', pageHeader('Streams', { crumbs: [['Sources', '#/sources']] }));
  const body = h('div', loading('Discovering streams (this asks the source database)…'));
  view.append(header, body);

  const load = async () => {
    replace(body, loading('Discovering streams (this asks the source database)…'));
    try {
      const [source, discovered] = await Promise.all([api.get(`sources/${id}`), api.get(`sources/${id}/streams`)]);
      if (!active()) return;
      replace(header, pageHeader(`Streams of ${source.name}`, {
        crumbs: [['Sources', '#/sources'], [source.name, `#/sources/${source.id}`]],
        actions: [button('Discover again', { icon: 'refresh', onclick: load })],
      }));
      replace(body, streamList(discovered.streams || []));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the streams', retry: load }));
    }
  };
  await load();
}

function streamList(streams) {
  const search = h('input', { type: 'search', placeholder: 'Filter streams or columns', 'aria-label': 'Filter streams' });
  const count = h('span.muted');
  const list = h('div');
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = streams.filter(s => !q || fullName(s).toLowerCase().includes(q)
      || (s.columns || []).some(c => c.name.toLowerCase().includes(q)));
    count.textContent = `${shown.length} of ${streams.length} stream(s)`;
    replace(list, shown.length ? shown.map(stream) : h('div.empty', streams.length ? 'No stream matches.' : 'The source offers no stream.'));
  };
  search.addEventListener('input', debounce(draw, 120));
  draw();
  return h('div',
    h('div.row', { style: { marginBottom: '.75rem' } }, h('div.search', icon('search'), search), count),
    list);
}

function fullName(s) {
  return s.namespace ? `${s.namespace}.${s.name}` : s.name;
}

function stream(s) {
  const pk = s.primary_key || [];
  return h('details.panel', { dataset: { stream: fullName(s) } },
    h('summary', { style: { cursor: 'pointer' } },
      h('strong', fullName(s)),
      h('span.muted.small', ` · ${(s.columns || []).length} columns`,
        s.row_estimate !== null && s.row_estimate !== undefined ? ` · ~${fmt.number(s.row_estimate)} rows` : '',
        pk.length ? ` · key ${pk.join(', ')}` : ' · no primary key',
        (s.cursor_candidates || []).length ? ` · cursor candidates ${s.cursor_candidates.join(', ')}` : '')),
    h('div', { style: { marginTop: '.75rem' } }, table([
      { title: 'Column', render: c => h('span', h('code', c.name), pk.includes(c.name) ? h('span.tag', { style: { marginLeft: '.4rem' } }, 'key') : null,
        (s.cursor_candidates || []).includes(c.name) ? h('span.tag', { style: { marginLeft: '.4rem' } }, 'cursor?') : null) },
      { title: 'Type', render: c => c.type },
      { title: 'Native type', render: c => h('span.muted', c.native_type || '') },
      { title: 'Nullable', render: c => (c.nullable ? 'yes' : 'no') },
    ], s.columns || [], { empty: 'No columns.' })));
}
