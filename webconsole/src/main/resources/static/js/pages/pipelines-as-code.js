// Import / Export: the pipelines-as-code YAML of everything (download arus.yaml), a file pasted or uploaded and its
// plan (what would be created, updated, deleted, with the changed fields) before Apply, and the watched folder's
// state (ARUS_PIPELINES_DIR) with its last error. Editors only: an export shows every configuration.

import { h, replace } from '../dom.js';
import { request, ApiError, describeError } from '../api.js';
import { pageHeader, table, button, panel, fill } from '../ui/page.js';
import { toast } from '../ui/toast.js';

const YAML = 'application/yaml';

/** @returns {Promise<string>} the YAML of everything, or of the named pipelines and what they name */
export function exportYaml(pipelines) {
  return request('GET', 'export', { query: { pipelines }, headers: { Accept: `${YAML}, application/problem+json` } });
}

/** @returns {Promise<{changes: Object[], summary: string, applied: boolean}>} */
function send(text, { dryRun, prune }) {
  return request('POST', 'apply', {
    query: { dry_run: dryRun ? 'true' : null, prune: prune ? 'true' : null },
    body: new Blob([text], { type: YAML }),
    headers: { 'Content-Type': YAML },
  });
}

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const input = h('textarea', { id: 'yaml-input',
    rows: 18, spellcheck: false, placeholder: 'Paste a pipelines-as-code YAML file, or choose one below.',
    style: { width: '100%', fontFamily: 'ui-monospace, monospace', fontSize: '.85rem' },
  });
  const file = h('input', { id: 'yaml-file', type: 'file', accept: '.yaml,.yml,text/yaml,application/yaml' });
  file.addEventListener('change', async () => {
    const chosen = file.files && file.files[0];
    if (chosen) input.value = await chosen.text();
  });
  const prune = h('input', { id: 'yaml-prune', type: 'checkbox' });
  const planSlot = h('div', { id: 'yaml-plan' });
  const statusSlot = h('div', { id: 'yaml-folder' });

  const showPlan = (plan, applied) => replace(planSlot,
    h(applied ? 'div.notice.ok' : 'div.notice.info', h('p', (applied ? 'Applied: ' : 'Plan: ') + plan.summary)),
    plan.changes.length ? table([
      { title: 'Action', render: c => h('span.tag', c.action) },
      { title: 'Kind', render: c => c.kind.replace(/_/g, ' ') },
      { title: 'Name', render: c => h('code', c.name) },
      { title: 'Fields', render: c => (c.fields || []).map((f, i) => [i ? ', ' : '', h('code', f)]) },
    ], plan.changes, { rowProps: c => ({ dataset: { change: `${c.action} ${c.kind} ${c.name}` } }) })
      : h('p.muted', 'Nothing to change: the server already holds what the file says.'),
    applied || !plan.changes.length ? null : h('div.actions', button('Apply', {
      icon: 'check', kind: 'primary', action: 'apply',
      onclick: () => run(false),
    })));

  const showError = error => replace(planSlot, h('div.notice.error',
    h('h3', 'Nothing was applied'),
    error instanceof ApiError && error.errors.length
      ? h('ul', error.errors.map(e => h('li', h('code', e.field), ': ', e.message)))
      : h('p', describeError(error))));

  async function run(dryRun) {
    if (!input.value.trim()) {
      toast('Paste or choose a YAML file first.', 'warn');
      return;
    }
    try {
      const plan = await send(input.value, { dryRun, prune: prune.checked });
      if (!active()) return;
      showPlan(plan, !dryRun);
      if (!dryRun) toast(`Applied: ${plan.summary}.`, 'success');
    } catch (error) {
      if (active()) showError(error);
    }
  }

  view.append(
    pageHeader('Import / Export', {
      actions: [button('Export arus.yaml', {
        icon: 'download', action: 'export',
        onclick: async () => {
          try {
            const text = await exportYaml();
            const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: YAML })), download: 'arus.yaml' });
            document.body.append(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
          } catch (error) {
            toast(describeError(error), 'error');
          }
        },
      })],
    }),
    h('p.muted', 'Sources, destinations, notification targets and pipelines as one YAML file, naming each other. '
      + 'Secrets are never exported: they are written as ${env:...} references.'),
    panel('Import', input, h('div.actions', { style: { display: 'flex', gap: '.75rem', alignItems: 'center', flexWrap: 'wrap', marginTop: '.5rem' } },
      file, h('label', prune, ' Delete what the file does not name (prune)'),
      button('Show plan', { icon: 'search', action: 'plan', onclick: () => run(true) })), planSlot),
    panel('Watched folder', statusSlot));
  fill(statusSlot, async () => folderStatus(await request('GET', 'apply/status')), 'the folder status');
}

/** The watched folder's state: off, applied, or refused with its error. */
export function folderStatus(status) {
  if (!status.dir) return h('p.muted', 'Off: set ARUS_PIPELINES_DIR to apply a folder of YAML files whenever one changes.');
  return [
    h('p', 'Folder ', h('code', status.dir), status.last_applied_at ? ` · last applied ${new Date(status.last_applied_at).toLocaleString()}` : ' · not applied yet',
      ` · ${status.files.length} file(s)`),
    status.error ? h('div.notice.error', { id: 'yaml-folder-error' }, h('h3', 'The folder was not applied'),
      h('p', status.error.file ? h('code', status.error.file) : null, status.error.line ? ` line ${status.error.line}` : '',
        status.error.field ? [' · ', h('code', status.error.field)] : null),
      h('p', status.error.message)) : null,
  ];
}
