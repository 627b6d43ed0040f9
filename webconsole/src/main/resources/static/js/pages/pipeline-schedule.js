// The schedule section of the pipeline editor: a Quartz cron expression with presets, its reading in plain words
// (computed here for the common patterns), the time zone, and the next three fire times as the server computes
// them (GET /api/schedule/preview; a server without it says so).

import { h, replace, debounce } from '../dom.js';
import { api, ApiError, describeError } from '../api.js';
import * as fmt from '../format.js';
import { describeCron, CRON_PRESETS } from '../cron.js';
import { field, select, checkbox } from '../ui/forms.js';

/**
 * @param {Object} pipeline the pipeline being edited (schedule, misfire_policy, overlap_policy), or {}
 * @param {boolean} readOnly
 * @returns {{element: HTMLElement, read: function(): Object}}
 */
export function scheduleSection(pipeline, readOnly) {
  const schedule = pipeline.schedule || null;
  const on = checkbox('Run on a schedule', { checked: Boolean(schedule), disabled: readOnly, dataset: { scheduleOn: 'true' } });
  const onBox = on.querySelector('input');
  const cron = h('input', { name: 'cron', value: schedule ? schedule.cron : '0 0 2 * * ?', spellcheck: 'false', autocomplete: 'off',
    disabled: readOnly, class: 'mono', placeholder: '0 0 2 * * ?' });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const timezone = h('input', { name: 'timezone', value: schedule && schedule.timezone ? schedule.timezone : '', list: 'arus-timezones',
    placeholder: 'UTC', disabled: readOnly, autocomplete: 'off', spellcheck: 'false' });
  const zoneList = h('datalist', { id: 'arus-timezones' }, ['UTC', ...zones].map(z => h('option', { value: z })));
  const words = h('div', { dataset: { cronWords: 'true' }, style: { fontWeight: 600 } });
  const next = h('div.small', { dataset: { cronNext: 'true' } });
  const misfire = select([
    { value: 'run_once', label: 'run once now (missed while the server was down)' }, { value: 'skip', label: 'skip to the next fire time' },
  ], pipeline.misfire_policy || 'run_once', { disabled: readOnly });
  const overlap = select([
    { value: 'skip', label: 'skip (logged)' }, { value: 'queue', label: 'queue one more run' },
  ], pipeline.overlap_policy || 'skip', { disabled: readOnly });

  const presets = h('div.row', { style: { marginBottom: '.6rem' } }, CRON_PRESETS.map(p => h('button.button.small', {
    type: 'button', disabled: readOnly, title: p.cron,
    onclick: () => { cron.value = p.cron; update(); },
  }, p.label)));

  let asked = 0;
  const preview = debounce(async () => {
    const mine = ++asked;
    const expression = cron.value.trim();
    if (!onBox.checked || !expression) { replace(next); return; }
    replace(next, h('span.muted', 'Computing the next fire times…'));
    try {
      const answer = await api.get('schedule/preview', { cron: expression, timezone: timezone.value.trim() || null });
      if (mine !== asked) return;
      // each fire time in the schedule's zone, named: {at, zone} (older servers: a bare instant)
      const zone = timezone.value.trim() || 'UTC';
      const times = (answer.next || []).slice(0, 3).map(t => (typeof t === 'string' ? { at: t, zone: answer.zone || zone } : { zone: answer.zone || zone, ...t }));
      replace(next, times.length
        ? h('div', h('span.muted', 'Next fire times: '), h('ul', { style: { margin: '.2rem 0 0', paddingLeft: '1.2rem' } },
          times.map(t => h('li', { dataset: { fireTime: t.at } }, fmt.zonedTime(t.at, t.zone),
            h('span.muted', ` (${fmt.relative(t.at)}${fmt.dateTime(t.at) !== fmt.zonedTime(t.at, t.zone).slice(0, 16) ? `; your time ${fmt.dateTime(t.at).slice(0, 16)}` : ''})`)))))
        : h('span.muted', 'This expression never fires again.'));
    } catch (error) {
      if (mine !== asked) return;
      if (error instanceof ApiError && error.missingEndpoint) {
        replace(next, h('span.muted', { dataset: { unavailable: 'true' } }, 'Next fire times not available on this server yet.'));
      } else if (error instanceof ApiError && error.status === 400) {
        const message = (error.errors.find(e => e.field === 'cron' || e.field === 'timezone') || {}).message || error.detail;
        replace(next, h('span', { style: { color: 'var(--bad)', fontWeight: 600 } }, message));
      } else {
        replace(next, h('span.muted', `Next fire times unavailable: ${describeError(error)}`));
      }
    }
  }, 400);

  const details = h('div');
  const update = () => {
    details.hidden = !onBox.checked;
    const reading = describeCron(cron.value);
    const zone = timezone.value.trim() || 'UTC';
    replace(words, reading.text ? `${reading.text} (${zone})` : h('span.muted', reading.hint || 'A custom schedule: see the next fire times.'));
    preview();
  };
  [cron, timezone].forEach(input => input.addEventListener('input', update));
  onBox.addEventListener('change', update);

  replace(details,
    presets,
    h('div.fields-row',
      field({ label: 'Cron expression (Quartz, seconds first)', field: 'schedule.cron', input: cron, required: true,
        help: 'seconds minutes hours day-of-month month day-of-week, e.g. 0 30 2 * * ? is every day at 02:30' }),
      field({ label: 'Time zone', field: 'schedule.timezone', input: timezone, help: 'A region such as Europe/Berlin; empty is UTC.' })),
    zoneList,
    h('div.field', words, next),
    h('div.fields-row',
      field({ label: 'Missed fire times', field: 'misfire_policy', input: misfire }),
      field({ label: 'When the previous run is still going', field: 'overlap_policy', input: overlap })));
  update();

  return {
    element: h('div', h('div.field', { dataset: { field: 'schedule' } }, on, h('span.field-error', { role: 'alert', hidden: true })), details),
    read() {
      return {
        schedule: onBox.checked ? { cron: cron.value.trim(), ...(timezone.value.trim() ? { timezone: timezone.value.trim() } : {}) } : null,
        misfire_policy: misfire.value,
        overlap_policy: overlap.value,
      };
    },
  };
}
