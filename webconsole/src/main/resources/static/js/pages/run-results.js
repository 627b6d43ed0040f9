// What a run found besides its counters: the quality checks' outcomes and the schema changes, as badges.

import { h } from '../dom.js';

const OUTCOME_CLASS = { passed: 'ok', warned: 'warn', failed: 'bad' };

/**
 * The run's quality checks ({stream, name, outcome, message}) and schema changes ({stream, kind, column, detail});
 * older servers put checks on each stream ({check, status, detail}): those are read too.
 *
 * @param {Object} run
 * @returns {HTMLElement|null} null when the run has neither
 */
export function runResults(run) {
  const checks = runChecks(run);
  const changes = Array.isArray(run.schema_changes) ? run.schema_changes : [];
  if (!checks.length && !changes.length) return null;
  return h('div.run-results',
    checks.length ? h('div.result-group', { dataset: { checks: checks.length } },
      h('span.label', 'Quality checks'),
      h('span.badges', checks.map(c => h('span.badge', {
        class: OUTCOME_CLASS[c.outcome] || null, title: c.message || '',
        dataset: { check: c.name, outcome: c.outcome, stream: c.stream || '' },
      }, `${c.stream ? c.stream.split('.').pop() + ' · ' : ''}${String(c.name || 'check').replace(/_/g, ' ')}: ${c.outcome}`)))) : null,
    changes.length ? h('div.result-group', { dataset: { schemaChanges: changes.length } },
      h('span.label', 'Schema changes'),
      h('span.badges', changes.map(c => h('span.badge.warn', {
        title: c.detail || '', dataset: { schemaChange: c.kind, column: c.column || '' },
      }, `${c.stream ? c.stream.split('.').pop() + ' · ' : ''}${(c.kind || 'change').replace(/_/g, ' ')}${c.column ? ' ' + c.column : ''}`)))) : null);
}

/**
 * @param {Object} run
 * @returns {{stream: string, name: string, outcome: string, message: string}[]}
 */
export function runChecks(run) {
  if (Array.isArray(run.checks)) return run.checks;
  return (run.streams || []).flatMap(s => (Array.isArray(s.checks) ? s.checks : []).map(c => ({
    stream: s.name, name: c.check || c.name || 'check', outcome: c.outcome || c.status, message: c.detail || c.message || '',
  })));
}

/**
 * The checks of one stream, for its row in the streams table.
 *
 * @param {Object} run
 * @param {string} stream
 * @returns {HTMLElement|string}
 */
export function streamCheckBadges(run, stream) {
  const list = runChecks(run).filter(c => c.stream === stream);
  if (!list.length) return '';
  return h('span', list.map(c => h('span.badge', {
    class: OUTCOME_CLASS[c.outcome] || null, title: c.message || '', style: { marginRight: '.25rem' },
  }, `${String(c.name || 'check').replace(/_/g, ' ')}: ${c.outcome}`)));
}
