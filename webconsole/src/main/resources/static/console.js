'use strict';
// Placeholder console: shows server health and the connector types the API reports.

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const TOKEN_KEY = 'arus.access_token';

async function getJson(path) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, { headers });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    document.getElementById('login-card').hidden = false;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && (body.detail || body.title);
    const error = new Error(`${path}: ${response.status} ${detail || response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function showError(target, error) {
  if (error.status === 401) {
    target.replaceChildren('Sign in to see this.');
    return;
  }
  target.replaceChildren(el('span', { class: 'bad' }, error.message));
}

async function loadHealth() {
  const target = document.getElementById('health');
  try {
    const health = await getJson('api/health');
    document.getElementById('version').textContent = 'v' + health.version;
    const failed = health.bundles.failed;
    target.replaceChildren(
      el('dt', {}, 'Status'), el('dd', { class: health.status === 'UP' ? 'ok' : 'bad' }, health.status),
      el('dt', {}, 'Uptime'), el('dd', {}, formatDuration(health.uptime_s)),
      el('dt', {}, 'Bundles active'), el('dd', {}, health.bundles.active),
      el('dt', {}, 'Plugins failed'), el('dd', { class: failed > 0 ? 'bad' : '' }, failed));
  } catch (error) {
    showError(target, error);
  }
}

async function loadConnectors() {
  const target = document.getElementById('connectors');
  try {
    const connectors = await getJson('api/connectors');
    if (connectors.length === 0) {
      target.replaceChildren('No connector type is installed. Drop a connector bundle into plugins-dropin/.');
      return;
    }
    const rows = connectors.map(c => el('tr', {},
      el('td', {}, el('strong', {}, c.name), el('br'), el('span', { class: 'muted' }, c.type)),
      el('td', {}, c.version),
      el('td', {}, ...c.capabilities.map(cap => el('span', { class: 'tag' }, cap))),
      el('td', {}, c.config.map(f => f.name + (f.required ? '*' : '')).join(', ')),
      el('td', { class: 'muted' }, c.bundle)));
    target.classList.remove('muted');
    target.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ...['Connector', 'Version', 'Capabilities', 'Config', 'Bundle'].map(h => el('th', {}, h)))),
      el('tbody', {}, ...rows)));
  } catch (error) {
    showError(target, error);
  }
}

function formatDuration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
}

document.getElementById('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const error = document.getElementById('login-error');
  error.textContent = '';
  const response = await fetch('api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    error.textContent = body.detail || ('sign-in failed: ' + response.status);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  document.getElementById('login-card').hidden = true;
  loadConnectors();
});

loadHealth();
loadConnectors();
setInterval(() => { loadHealth(); loadConnectors(); }, 5000);
