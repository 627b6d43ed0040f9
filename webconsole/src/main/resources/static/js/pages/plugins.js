// Plugins: the drop-in bundles with their state and the types they provide, failed ones with the reason, every
// installed type; admins upload a plugin JAR (POST /api/plugins) and delete a drop-in (DELETE /api/plugins/{id}).

import { h, replace, append } from '../dom.js';
import { api, getOptional, ApiError, describeError } from '../api.js';
import { session } from '../session.js';
import { pageHeader, table, errorPanel, loading, button, statusBadge, panel } from '../ui/page.js';
import { confirmThen } from '../ui/modal.js';
import { toast } from '../ui/toast.js';

const INSTALL_WAIT_MS = 20000;

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  const admin = session.can('admin');
  const body = h('div', loading());
  // append() skips the missing upload panel (Element.append would print "null")
  append(view, [pageHeader('Plugins', { actions: [button('Refresh', { icon: 'refresh', onclick: () => load() })] }),
    admin ? uploadPanel(() => load()) : null, body]);

  const load = async () => {
    try {
      const [plugins, connectors, transforms, notifiers] = await Promise.all([
        api.get('plugins'), api.get('connectors'), getOptional('transforms'), getOptional('notifiers')]);
      if (!active()) return;
      replace(body, content(plugins, connectors, transforms.data || [], notifiers.data || [], admin, load));
    } catch (error) {
      if (active()) replace(body, errorPanel(error, { what: 'the plugins', retry: load }));
    }
  };
  await load();
}

function content(plugins, connectors, transforms, notifiers, admin, reload) {
  const dropins = plugins.filter(p => p.dropin);
  const failed = plugins.filter(p => p.failed);
  const builtIn = plugins.filter(p => !p.dropin);
  const types = [
    ...connectors.map(t => ({ ...t, kind: 'connector' })),
    ...transforms.map(t => ({ ...t, kind: 'transform' })),
    ...notifiers.map(t => ({ ...t, kind: 'notifier' })),
  ];
  return [
    failed.length ? h('div.notice.error', { role: 'alert', dataset: { failedPlugins: failed.length } },
      h('h3', `${failed.length} plugin(s) failed`),
      h('ul', failed.map(p => h('li', h('strong', p.file || p.symbolic_name), ': ', p.error || 'failed')))) : null,
    h('section.panel.flush', h('h2', 'Drop-in plugins'),
      table([
        { title: 'File', render: p => h('code', p.file || '–') },
        { title: 'Bundle', render: p => h('span', p.symbolic_name, h('span.muted.small', p.version ? ` ${p.version}` : '')) },
        { title: 'State', render: p => statusBadge(p.failed ? 'failed' : p.state) },
        { title: 'Provides', render: p => (p.services || []).map(s => h('span.tag', s)) },
        { title: 'Problem', render: p => (p.error ? h('span.wrap-anywhere', { style: { color: p.failed ? 'var(--bad)' : 'inherit' } }, p.error) : '') },
        { title: '', class: 'actions', render: p => admin ? button('Delete', {
          small: true, icon: 'trash', kind: 'danger', action: 'delete',
          onclick: () => confirmThen({
            title: `Delete ${p.file}?`,
            message: 'The file is removed from the drop-in folder; the bundle is uninstalled and its types disappear. '
              + 'Pipelines that use them wait until it comes back.',
            confirm: 'Delete', danger: true,
            run: async () => {
              await api.del(`plugins/${encodeURIComponent(p.id >= 0 ? String(p.id) : p.file)}`);
              toast(`Deleted ${p.file}; the server uninstalls it within seconds.`, 'success');
              setTimeout(reload, 1500);
            },
          }),
        }) : null },
      ], dropins, { empty: 'No drop-in plugin. ' + (admin ? 'Upload a plugin JAR above, or copy one into the drop-in folder.' : 'An admin can upload one.'),
        rowProps: p => ({ dataset: { plugin: p.file || p.symbolic_name } }) })),
    h('section.panel.flush', h('h2', 'Installed types'),
      table([
        { title: 'Kind', render: t => t.kind },
        { title: 'Type', render: t => h('code', t.type) },
        { title: 'Name', render: t => h('span', t.name, t.description ? h('div.muted.small', t.description) : null) },
        { title: 'Version', render: t => h('span.muted', t.version) },
        { title: 'Capabilities', render: t => (t.capabilities || []).map(c => h('span.tag', c)) },
        { title: 'Bundle', render: t => h('span.muted.small', t.bundle) },
      ], types, { empty: 'No plugin type is installed.', rowProps: t => ({ dataset: { type: `${t.kind}:${t.type}` } }) })),
    h('details.panel', h('summary', { style: { cursor: 'pointer', fontWeight: 600 } }, `All bundles of the server (${builtIn.length})`),
      h('div', { style: { marginTop: '.75rem' } }, table([
        { title: 'Id', class: 'num', render: p => p.id },
        { title: 'Bundle', render: p => p.symbolic_name },
        { title: 'Version', render: p => h('span.muted', p.version) },
        { title: 'State', render: p => statusBadge(p.failed ? 'failed' : p.state) },
        { title: 'Provides', render: p => (p.services || []).map(s => h('span.tag', s)) },
      ], builtIn))),
  ];
}

function uploadPanel(reload) {
  const file = h('input', { type: 'file', accept: '.jar,application/java-archive', name: 'file', 'aria-label': 'Plugin JAR' });
  const result = h('div');
  const upload = button('Upload', {
    icon: 'upload', kind: 'primary', action: 'upload',
    onclick: async () => {
      const chosen = file.files[0];
      if (!chosen) {
        replace(result, h('div.notice.warn', 'Choose a .jar file first.'));
        return;
      }
      replace(result, h('p.muted', `Uploading ${chosen.name}…`));
      try {
        const answer = await api.post('plugins', chosen, {
          query: { filename: chosen.name }, headers: { 'Content-Type': 'application/octet-stream' },
        });
        replace(result, h('div.notice.info', `Uploaded ${answer.file}; waiting for the server to install it…`));
        file.value = '';
        const entry = await awaitInstalled(answer.file);
        if (!entry) {
          replace(result, h('div.notice.warn', `${answer.file} is in the drop-in folder, but the server has not installed it yet.`));
        } else if (entry.failed) {
          replace(result, h('div.notice.error', h('h3', `${answer.file} did not install`), h('p', entry.error)));
        } else {
          const provides = entry.services.length ? `; it provides ${entry.services.join(', ')}` : '';
          replace(result, h('div.notice.ok', { dataset: { uploaded: answer.file } }, `${answer.file} is ${entry.state}${provides}.`));
          toast(`Plugin ${answer.file} installed.`, 'success');
        }
      } catch (error) {
        const unavailable = error instanceof ApiError && error.missingEndpoint;
        replace(result, h('div.notice', { class: unavailable ? 'warn' : 'error', role: 'alert' },
          unavailable ? 'Uploading plugins is not available on this server yet: copy the JAR into the drop-in folder instead.'
            : `Upload failed: ${describeError(error)}`));
      }
      reload();
    },
  });
  return panel('Upload a plugin',
    h('p.muted.small', 'A plugin is an OSGi bundle JAR (up to 50 MB). It goes into the drop-in folder and is installed while the server runs.'),
    h('div.row', file, upload), result);
}

/** Polls the plugin list until the uploaded file is installed: active (and its services up), or failed. */
async function awaitInstalled(name) {
  const deadline = Date.now() + INSTALL_WAIT_MS;
  let activeSince = null;
  while (Date.now() < deadline) {
    const entry = (await api.get('plugins')).find(p => p.file === name && p.dropin);
    if (entry && entry.failed) return entry;
    if (entry && entry.state === 'active') {
      // its components may register their services a moment after the bundle starts
      activeSince = activeSince || Date.now();
      if (entry.services.length || Date.now() - activeSince > 3000) return entry;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  return null;
}
