// What the pipeline pages share: starting a run, switching triggers on and off, the schedule in words.

import { h } from '../dom.js';
import { api, ApiError, describeError } from '../api.js';
import { navigate } from '../router.js';
import { describeCron } from '../cron.js';
import { toast } from '../ui/toast.js';

/**
 * Starts a run by hand and opens its page.
 *
 * @param {{id: string, name: string}} pipeline
 * @param {Object} [options]
 * @param {boolean} [options.open] go to the run's page (default true)
 * @returns {Promise<string|null>} the run id, or null when it did not start (the reason is toasted)
 */
export async function runNow(pipeline, { open = true } = {}) {
  try {
    const answer = await api.post(`pipelines/${encodeURIComponent(pipeline.id)}/runs`, { trigger: 'manual' });
    toast(`Run of ${pipeline.name} started.`, 'success');
    if (open) navigate(`/runs/${answer.run_id}`);
    return answer.run_id;
  } catch (error) {
    const why = error instanceof ApiError && error.status === 409 ? `${pipeline.name} is running already.` : describeError(error);
    toast(`The run did not start: ${why}`, 'error');
    return null;
  }
}

/**
 * Enables or disables a pipeline's schedule and dependency triggers.
 *
 * @param {{id: string, name: string, enabled: boolean}} pipeline
 * @returns {Promise<Object|null>} the updated pipeline, or null on failure (toasted)
 */
export async function toggleEnabled(pipeline) {
  const verb = pipeline.enabled ? 'disable' : 'enable';
  try {
    const updated = await api.post(`pipelines/${encodeURIComponent(pipeline.id)}/${verb}`);
    toast(`${pipeline.name} ${verb}d.`, 'success');
    return updated;
  } catch (error) {
    toast(`Could not ${verb} ${pipeline.name}: ${describeError(error)}`, 'error');
    return null;
  }
}

/**
 * The schedule as a short text with the expression in its tooltip.
 *
 * @param {{schedule?: {cron: string, timezone?: string}, depends_on?: string[]}} pipeline
 * @param {Map<string, string>} [names] pipeline id -> name, for dependencies
 * @returns {HTMLElement}
 */
export function scheduleCell(pipeline, names = new Map()) {
  const parts = [];
  if (pipeline.schedule && pipeline.schedule.cron) {
    const words = describeCron(pipeline.schedule.cron).text;
    const zone = pipeline.schedule.timezone || 'UTC';
    parts.push(h('span', { title: `${pipeline.schedule.cron} (${zone})` },
      words ? `${words} (${zone})` : h('code', pipeline.schedule.cron)));
  }
  const deps = pipeline.depends_on || [];
  if (deps.length) {
    parts.push(h('span.muted', `${parts.length ? ' · ' : ''}after ${deps.map(id => names.get(id) || id).join(', ')}`));
  }
  return h('span', parts.length ? parts : h('span.muted', 'manual only'));
}

/** Run states that end a run. */
export const FINAL = ['succeeded', 'succeeded_with_warnings', 'failed', 'cancelled', 'interrupted'];
