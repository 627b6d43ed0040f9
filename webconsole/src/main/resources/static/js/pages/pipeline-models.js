// The SQL models of the pipeline editor (ELT push-down): each a name, one SELECT, a materialization (table, view or
// incremental, the last with its unique key), run in list order in the destination after every stream succeeded.
// Models are added, moved up or down and removed; saved in the pipeline's "models".

import { h, replace } from '../dom.js';
import { field, select } from '../ui/forms.js';
import { button } from '../ui/page.js';

export const MATERIALIZATIONS = [
  { value: 'table', label: 'table: rebuilt on every run' },
  { value: 'view', label: 'view: a view over its inputs' },
  { value: 'incremental', label: 'incremental: new rows merged in' },
];

/**
 * @param {Object} pipeline the edited pipeline ({} for a new one)
 * @param {boolean} readOnly
 * @returns {{element: HTMLElement, read: function(): {models: Object[]}}}
 */
export function modelsSection(pipeline, readOnly) {
  const cards = [];
  const list = h('div.model-list');

  const draw = () => {
    replace(list, cards.map(c => c.element));
    cards.forEach((c, i) => {
      c.element.dataset.model = String(i);
      c.element.querySelector('.model-number').textContent = `Model ${i + 1}`;
      const up = c.element.querySelector('[data-action="model-up"]');
      const down = c.element.querySelector('[data-action="model-down"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === cards.length - 1;
    });
    if (!cards.length) list.append(h('p.muted.small', 'No model: the run ends when the streams are written.'));
  };

  const move = (card, by) => {
    const from = cards.indexOf(card);
    const to = from + by;
    if (to < 0 || to >= cards.length) return;
    cards.splice(from, 1);
    cards.splice(to, 0, card);
    draw();
  };

  const makeCard = (model = {}) => {
    const name = h('input', { name: 'model-name', value: model.name || '', spellcheck: 'false', autocomplete: 'off', disabled: readOnly, placeholder: 'daily_orders' });
    const sql = h('textarea.sql', { name: 'model-sql', rows: 6, spellcheck: 'false', disabled: readOnly, value: model.sql || '',
      placeholder: "select order_date, count(*) as orders from {{ ref('public.orders') }} group by order_date" });
    const materialization = select(MATERIALIZATIONS, model.materialization || 'table', { name: 'model-materialization', disabled: readOnly });
    const key = h('input', { name: 'model-unique-key', value: (model.unique_key || []).join(', '), spellcheck: 'false', disabled: readOnly, placeholder: 'id' });
    const keyField = field({ label: 'Unique key', field: 'unique_key', input: key,
      help: 'Comma-separated columns: a new row replaces the stored one with the same key. Empty: new rows are appended.' });
    const showKey = () => { keyField.hidden = materialization.value !== 'incremental'; };
    materialization.addEventListener('change', showKey);
    showKey();
    const card = { element: null };
    card.element = h('div.model-card',
      h('div.row.model-head', h('strong.model-number'), h('span.spacer'),
        readOnly ? null : [
          button('Up', { small: true, action: 'model-up', ariaLabel: 'Move this model up', onclick: () => move(card, -1) }),
          button('Down', { small: true, action: 'model-down', ariaLabel: 'Move this model down', onclick: () => move(card, 1) }),
          button('Remove', { small: true, kind: 'danger', action: 'model-remove', ariaLabel: 'Remove this model', onclick: () => {
            cards.splice(cards.indexOf(card), 1);
            draw();
          } }),
        ]),
      h('span.field-error', { role: 'alert', hidden: true }),
      h('div.fields-row',
        field({ label: 'Name', field: 'name', input: name, required: true, help: 'The table or view it makes in the target namespace.' }),
        field({ label: 'Materialization', field: 'materialization', input: materialization })),
      field({ label: 'SQL', field: 'sql', input: sql, required: true,
        help: "One SELECT. {{ ref('namespace.table') }} names a stream of this pipeline or an earlier model; {{ this }} the model's own table." }),
      keyField);
    card.read = () => {
      const out = { name: name.value.trim(), sql: sql.value, materialization: materialization.value };
      const keys = key.value.split(',').map(s => s.trim()).filter(Boolean);
      if (materialization.value === 'incremental' && keys.length) out.unique_key = keys;
      return out;
    };
    return card;
  };

  (pipeline.models || []).forEach(m => cards.push(makeCard(m)));
  draw();

  return {
    element: h('div.field', { dataset: { field: 'models' } },
      h('span.help', 'SQL run in the destination after every stream of a run succeeded, in this order (ELT). A failing model fails the run.'),
      h('span.field-error', { role: 'alert', hidden: true }),
      list,
      readOnly ? null : h('div', button('Add a model', { icon: 'plus', small: true, action: 'add-model', onclick: () => {
        const card = makeCard();
        cards.push(card);
        draw();
        card.element.querySelector('input').focus();
      } }))),
    read() {
      // each card is named after its position in the body, so the server's errors (models[1].sql) land on it
      cards.forEach((c, i) => {
        c.element.dataset.field = `models[${i}]`;
        c.element.querySelectorAll('.field[data-field]').forEach(node => {
          if (!node.dataset.local) node.dataset.local = node.dataset.field;
          node.dataset.field = `models[${i}].${node.dataset.local}`;
        });
      });
      return { models: cards.map(c => c.read()) };
    },
  };
}
