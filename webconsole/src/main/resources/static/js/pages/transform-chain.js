// The transform editor of one stream in the pipeline editor: its chain of steps ({type, config}, applied in order
// between the reader and the writers), each drawn from its type's config spec (GET /api/transforms); steps are
// added, moved up or down and removed; expressions are checked by the server as the user types; the live preview
// under the steps shows the rows before and after each step. The chain is saved in the stream's "transforms".

import { h, replace, debounce } from '../dom.js';
import { api } from '../api.js';
import { configForm } from '../ui/config-form.js';
import { select } from '../ui/forms.js';
import { button } from '../ui/page.js';
import { transformPreview } from './transform-preview.js';

/** How long edits must pause before the preview is asked again. */
const PREVIEW_MS = 700;

/**
 * @typedef {Object} ChainContext
 * @property {string} stream the stream's name, e.g. 'public.orders'
 * @property {function(): (string|null)} sourceId the source chosen in the editor now
 * @property {string|null} pipelineId the saved pipeline, whose stored step secrets fill masked values
 * @property {function(): Promise<Object[]>} types the installed transform types (GET /api/transforms), loaded once
 */

/**
 * The editor.
 *
 * @param {Object} options
 * @param {{type: string, config?: Object}[]} options.initial the stream's stored chain
 * @param {ChainContext} options.context
 * @param {boolean} options.readOnly
 * @param {function(number): void} [options.onSteps] told the number of steps whenever it changes
 * @returns {{element: HTMLElement, read: function(): Object[], label: function(string): void, open: function(): void,
 *   refresh: function(): void}}
 */
export function transformChain({ initial = [], context, readOnly = false, onSteps = () => {} }) {
  /** @type {{type: string, config: Object, descriptor: Object|null, form: Object|null, element: HTMLElement}[]} */
  const steps = [];
  const list = h('ol.step-list');
  const adder = h('div.row.step-adder');
  let known = [];
  let loaded = false;
  let opened = false;

  const read = () => steps.map(s => ({ type: s.type, config: s.form ? s.form.read() : s.config }));
  const preview = transformPreview({
    body: () => {
      const sourceId = context.sourceId();
      if (!sourceId) return null;
      return { source_id: sourceId, stream: context.stream, transforms: read(), limit: 20, pipeline_id: context.pipelineId || undefined };
    },
    stepCount: () => steps.length,
    stepLabel: i => (steps[i] ? `${i + 1} · ${steps[i].type}` : `${i + 1}`),
    showErrors: errors => showStepErrors(steps, errors),
  });
  const refreshSoon = debounce(() => { if (opened) preview.refresh(); }, PREVIEW_MS);

  const draw = () => {
    replace(list, steps.map(s => s.element));
    steps.forEach((s, i) => {
      s.element.dataset.step = String(i);
      s.element.querySelector('.step-number').textContent = String(i + 1);
      const up = s.element.querySelector('[data-action="step-up"]');
      const down = s.element.querySelector('[data-action="step-down"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === steps.length - 1;
    });
    if (!steps.length) list.append(h('li.muted.small.step-none', 'No step: the rows are written as the source gives them.'));
    onSteps(steps.length);
  };

  const move = (step, by) => {
    const from = steps.indexOf(step);
    const to = from + by;
    if (to < 0 || to >= steps.length) return;
    steps.splice(from, 1);
    steps.splice(to, 0, step);
    draw();
    preview.refresh();
  };

  const makeStep = (type, config, editing) => {
    const descriptor = known.find(t => t.type === type) || null;
    const step = { type, config: config || {}, descriptor, form: null, element: null };
    if (descriptor) {
      step.form = configForm(descriptor.config || [], editing ? step.config : null, {
        readOnly,
        check: config_ => api.post(`transforms/${encodeURIComponent(type)}/check`, { config: config_ }).then(answer => answer.violations || []),
      });
    }
    step.element = h('li.step-card', { dataset: { type } },
      h('div.step-head',
        h('span.step-number'),
        h('strong', descriptor ? descriptor.name || type : type), h('code.small.muted', type),
        h('span.spacer'),
        readOnly ? null : [
          button('Up', { small: true, action: 'step-up', ariaLabel: `Move the ${type} step up`, onclick: () => move(step, -1) }),
          button('Down', { small: true, action: 'step-down', ariaLabel: `Move the ${type} step down`, onclick: () => move(step, 1) }),
          button('Remove', { small: true, kind: 'danger', action: 'step-remove', ariaLabel: `Remove the ${type} step`, onclick: () => {
            steps.splice(steps.indexOf(step), 1);
            draw();
            preview.refresh();
          } }),
        ],
        button('Show its rows', { small: true, action: 'show-step', onclick: () => preview.select(steps.indexOf(step)) })),
      descriptor && descriptor.description ? h('p.muted.small.step-description', descriptor.description) : null,
      h('span.field-error', { role: 'alert', hidden: true }),
      h('div.notice.error.step-error', { role: 'alert', hidden: true }),
      step.form ? step.form.element : h('div.notice.warn', h('p', `The transform type ${type} is not installed on this server: `,
        'the step is kept as it is and the run stops on it until the type is installed.'), h('pre.json', JSON.stringify(step.config, null, 1))));
    return step;
  };

  const drawAdder = () => {
    if (readOnly) return;
    if (!known.length) {
      replace(adder, h('span.muted.small', 'No transform type is installed.'));
      return;
    }
    const picker = select([{ value: '', label: 'Choose a transform…' },
      ...known.map(t => ({ value: t.type, label: t.name && t.name !== t.type ? `${t.name} (${t.type})` : t.type }))], '',
    { name: 'step-type', 'aria-label': 'Transform type of the new step', style: { maxWidth: '280px' } });
    replace(adder, picker, button('Add step', { icon: 'plus', small: true, action: 'add-step', onclick: () => {
      if (!picker.value) {
        picker.focus();
        return;
      }
      const step = makeStep(picker.value, null, false);
      steps.push(step);
      draw();
      picker.value = '';
      preview.showLast();
      preview.refresh();
      const first = step.element.querySelector('.config-fields input, .config-fields select, .config-fields textarea');
      if (first) first.focus();
    } }));
  };

  const element = h('div.transform-chain', { dataset: { chainFor: context.stream } },
    h('span.field-error', { role: 'alert', hidden: true }), list, adder, preview.element);
  element.addEventListener('input', event => { if (!event.target.closest('.transform-preview')) refreshSoon(); });
  element.addEventListener('change', event => { if (!event.target.closest('.transform-preview') && event.target.name !== 'step-type') refreshSoon(); });

  // the stored chain is drawn as soon as the types are known (a type that is missing keeps its step as it is)
  const ready = context.types().catch(() => []).then(types => {
    known = types;
    loaded = true;
    initial.forEach(s => steps.push(makeStep(s.type, s.config || {}, true)));
    draw();
    drawAdder();
  });
  replace(list, h('li.muted.small', 'Loading the transform types…'));

  return {
    element,
    read: () => (loaded ? read() : initial.map(s => ({ type: s.type, config: s.config || {} }))),
    /** Names the chain's nodes after the stream's position in the body, so the API's field errors land on them. */
    label(path) {
      element.dataset.field = `${path}.transforms`;
      steps.forEach((s, i) => {
        s.element.dataset.field = `${path}.transforms[${i}]`;
        s.element.querySelectorAll('.config-fields [data-field]').forEach(node => {
          if (!node.dataset.local) node.dataset.local = node.dataset.field;
          node.dataset.field = `${path}.transforms[${i}].${node.dataset.local}`;
        });
      });
    },
    /** Asks the preview again when it is open (another source was chosen). */
    refresh() {
      if (opened) ready.then(() => preview.refresh());
    },
    /** Starts the live preview (the editor was opened). */
    open() {
      if (opened) return;
      opened = true;
      ready.then(() => preview.refresh());
    },
  };
}

/**
 * Shows preview errors on their steps: `{step, field, message}` with field 'transforms[2].config.columns' goes on
 * the third step, beside its columns field when the form has one.
 */
function showStepErrors(steps, errors) {
  steps.forEach(s => {
    const slot = s.element.querySelector('.step-error');
    slot.hidden = true;
    slot.textContent = '';
    s.element.classList.remove('failed');
    s.element.querySelectorAll('.config-fields .field.preview-invalid').forEach(node => {
      node.classList.remove('preview-invalid', 'invalid');
      const error = node.querySelector('.field-error');
      if (error) { error.hidden = true; error.textContent = ''; }
    });
  });
  for (const error of errors) {
    const step = steps[error.step];
    if (!step) continue;
    step.element.classList.add('failed');
    const slot = step.element.querySelector('.step-error');
    slot.hidden = false;
    slot.textContent = `${slot.textContent ? slot.textContent + ' ' : ''}${error.message}`;
    const local = String(error.field || '').replace(/^transforms\[\d+\]\./, '');
    const node = local && [...step.element.querySelectorAll('.config-fields .field')]
      .find(f => (f.dataset.local || f.dataset.field) === local);
    if (node) {
      node.classList.add('preview-invalid', 'invalid');
      const slot_ = node.querySelector('.field-error');
      if (slot_) { slot_.hidden = false; slot_.textContent = error.message; }
    }
  }
}
