// Numbers, times and durations as people read them.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** @param {number|null|undefined} n @returns {string} '1,234,567' or '–' */
export function number(n) {
  return n === null || n === undefined || Number.isNaN(Number(n)) ? '–' : integer.format(Number(n));
}

/** @param {number|null|undefined} n @returns {string} '1.2M' */
export function compactNumber(n) {
  return n === null || n === undefined ? '–' : compact.format(Number(n));
}

/**
 * @param {string|number|Date|null} value an ISO instant, epoch milliseconds or a Date
 * @returns {string} local date and time '2026-05-01 14:03:12', or '–'
 */
export function dateTime(value) {
  if (value === null || value === undefined || value === '') return '–';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const pad = x => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * @param {string|number|Date|null} value
 * @param {number} [now] epoch milliseconds
 * @returns {string} '5 min ago', 'in 2 h', or '–'
 */
export function relative(value, now = Date.now()) {
  if (value === null || value === undefined || value === '') return '–';
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return String(value);
  const diff = (t - now) / 1000;
  const abs = Math.abs(diff);
  const say = (n, unit) => (diff < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`);
  if (abs < 45) return diff < 0 ? 'just now' : 'in a few seconds';
  if (abs < 3600) return say(Math.round(abs / 60), 'min');
  if (abs < 86400) return say(Math.round(abs / 3600), 'h');
  return say(Math.round(abs / 86400), abs < 172800 ? 'day' : 'days');
}

/**
 * @param {number|null|undefined} ms
 * @returns {string} '850 ms', '12.4 s', '3 min 05 s', '2 h 10 min'
 */
export function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * @param {{started_at?: string, created_at?: string, ended_at?: string}} run
 * @returns {number|null} milliseconds from start (or creation) to end (or now)
 */
export function runDuration(run) {
  const start = run.started_at || run.created_at;
  if (!start) return null;
  const end = run.ended_at ? new Date(run.ended_at).getTime() : Date.now();
  return end - new Date(start).getTime();
}

/** @param {number} bytes @returns {string} '1.5 MB' */
export function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Number(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/**
 * How far a change-capture stream is behind its source.
 * @param {number|null|undefined} seconds from the commit of the last change read to when it was read
 * @param {number|null|undefined} logBytes bytes of source log after what was read
 * @returns {string} '1.3 s · 3.2 GB', '0 s · 0 B' when caught up, '–' when both are unknown
 */
export function lag(seconds, logBytes) {
  const parts = [];
  if (seconds !== null && seconds !== undefined) parts.push(seconds === 0 ? '0 s' : duration(seconds * 1000));
  if (logBytes !== null && logBytes !== undefined) parts.push(bytes(logBytes));
  return parts.length ? parts.join(' · ') : '–';
}

/** @param {number|null|undefined} n per second @returns {string} '0.4', '12', '1,250' or '–' */
export function rate(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '–';
  return Number(n) > 0 && Number(n) < 10 ? Number(n).toFixed(1) : integer.format(Number(n));
}

/** @param {string} s @returns {string} 'run_failed' -> 'Run failed' */
export function humanize(s) {
  const text = String(s || '').replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A fire time in its schedule's zone, the zone named: '2026-05-01 02:30 Europe/Berlin (UTC+02:00)'.
 *
 * @param {string} at an ISO-8601 instant, with its offset
 * @param {string} [zone] an IANA zone; the offset in `at` (or UTC) when missing
 * @returns {string}
 */
export function zonedTime(at, zone) {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const offset = (String(at).match(/([+-]\d{2}:\d{2}|Z)$/) || [])[1];
  const name = zone || (offset && offset !== 'Z' ? `UTC${offset}` : 'UTC');
  try {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
      timeZone: zone || (offset && offset !== 'Z' ? undefined : 'UTC'), year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(d).map(p => [p.type, p.value]));
    const gmt = (parts.timeZoneName || '').replace('GMT', 'UTC');
    const local = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
    if (!zone && offset && offset !== 'Z') return `${String(at).slice(0, 10)} ${String(at).slice(11, 16)} ${name}`;
    return `${local} ${name}${gmt && name !== 'UTC' && gmt !== name && gmt !== 'UTC' ? ` (${gmt})` : ''}`;
  } catch (e) {
    return `${dateTime(d)} ${name}`;
  }
}
