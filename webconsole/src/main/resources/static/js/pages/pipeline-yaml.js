// The YAML tab of a pipeline: its pipelines-as-code export (the pipeline with its source, destination, targets and
// upstream pipelines), loaded when opened, with a copy button. Editors only, as the export.

import { h, replace } from '../dom.js';
import { describeError } from '../api.js';
import { button } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { exportYaml } from './pipelines-as-code.js';

/** @returns {HTMLElement} a collapsed panel that loads the pipeline's YAML when opened */
export function yamlPanel(pipeline) {
  const body = h('pre', { id: 'pipeline-yaml', style: { margin: '0 1.15rem 1rem', whiteSpace: 'pre', overflow: 'auto', maxHeight: '32rem' } });
  const details = h('details.panel', { style: { padding: '.5rem 0' } },
    h('summary', { style: { padding: '.25rem 1.15rem', cursor: 'pointer', fontWeight: '600' } }, 'YAML'), body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.textContent = 'Loading…';
    try {
      const text = await exportYaml(pipeline.name);
      replace(body, text);
      body.before(h('div', { style: { padding: '0 1.15rem .5rem' } }, button('Copy', {
        icon: 'copy', small: true, action: 'copy-yaml',
        onclick: async () => {
          await navigator.clipboard.writeText(text).then(() => toast('YAML copied.', 'success'),
            () => toast('The browser did not allow copying; select the text instead.', 'warn'));
        },
      })));
    } catch (error) {
      loaded = false;
      body.textContent = describeError(error);
    }
  });
  return details;
}
