// Reads a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]) in plain words, for
// the common patterns. Anything else is "a custom schedule": the server's preview of the next fire times is the
// authority.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_KEYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const MONTH_KEYS = MONTHS.map(m => m.slice(0, 3).toUpperCase());

/** Presets offered next to the cron input. */
export const CRON_PRESETS = [
  { label: 'Every 15 minutes', cron: '0 0/15 * * * ?' },
  { label: 'Hourly', cron: '0 0 * * * ?' },
  { label: 'Daily at 02:00', cron: '0 0 2 * * ?' },
  { label: 'Weekdays at 06:00', cron: '0 0 6 ? * MON-FRI' },
  { label: 'Sundays at 03:00', cron: '0 0 3 ? * SUN' },
  { label: 'Monthly, 1st at 04:00', cron: '0 0 4 1 * ?' },
];

const isAll = f => f === '*' || f === '?';
const isNum = f => /^\d+$/.test(f);
const stepOf = f => {
  const m = /^(?:\*|0)\/(\d+)$/.exec(f);
  return m ? Number(m[1]) : null;
};
const pad = n => String(n).padStart(2, '0');
const plural = (n, unit) => (n === 1 ? unit : `${n} ${unit}s`);

function dayName(token) {
  const t = token.toUpperCase();
  if (isNum(t)) return DAYS[(Number(t) - 1 + 7) % 7];
  const i = DAY_KEYS.indexOf(t);
  return i >= 0 ? DAYS[i] : null;
}

function monthName(token) {
  const t = token.toUpperCase();
  if (isNum(t)) return MONTHS[Number(t) - 1] || null;
  const i = MONTH_KEYS.indexOf(t);
  return i >= 0 ? MONTHS[i] : null;
}

/** 'MON-FRI' -> 'Monday through Friday'; 'MON,WED' -> 'Monday and Wednesday'; null if not understood. */
function listOf(field, name) {
  const parts = field.split(',').map(part => {
    const range = part.split('-');
    if (range.length === 2) {
      const a = name(range[0]);
      const b = name(range[1]);
      return a && b ? `${a} through ${b}` : null;
    }
    return range.length === 1 ? name(part) : null;
  });
  if (parts.some(p => !p)) return null;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function ordinal(n) {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}

/** The days part: '' (every day), ' on Monday through Friday', ' on the 1st of the month'; null if not understood. */
function daysPart(dom, month, dow) {
  let text;
  if (isAll(dom) && isAll(dow)) text = '';
  else if (isAll(dom)) {
    const days = listOf(dow, dayName);
    if (!days) return null;
    text = ` on ${days}`;
  } else if (isAll(dow)) {
    if (dom === 'L') text = ' on the last day of the month';
    else if (isNum(dom)) text = ` on the ${ordinal(Number(dom))} of the month`;
    else {
      const days = listOf(dom, d => (isNum(d) ? ordinal(Number(d)) : null));
      if (!days) return null;
      text = ` on the ${days} of the month`;
    }
  } else {
    return null;
  }
  if (!isAll(month)) {
    const months = listOf(month, monthName);
    if (!months) return null;
    text += ` in ${months}`;
  }
  return text;
}

/**
 * Reads a Quartz cron expression in words.
 *
 * @param {string} expression e.g. '0 30 2 * * ?'
 * @returns {{text: string|null, hint: string|null}} text is null when the pattern is not a common one; hint says
 *   why an expression cannot be a Quartz one (e.g. five fields)
 */
export function describeCron(expression) {
  const fields = String(expression || '').trim().split(/\s+/).filter(Boolean);
  if (!fields.length) return { text: null, hint: null };
  if (fields.length === 5) {
    return { text: null, hint: 'Quartz expressions start with seconds: add a leading "0 " (six fields, e.g. 0 30 2 * * ?).' };
  }
  if (fields.length < 6 || fields.length > 7) {
    return { text: null, hint: 'A Quartz expression has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year].' };
  }
  const [sec, min, hour, dom, month, dow, year] = fields;
  if (year && year !== '*') return { text: null, hint: null };
  const days = daysPart(dom, month, dow);
  if (days === null) return { text: null, hint: null };

  let text = null;
  const secStep = stepOf(sec);
  const minStep = stepOf(min);
  const hourStep = stepOf(hour);
  const atSecond = isNum(sec) && Number(sec) !== 0 ? `:${pad(sec)}` : '';
  if (secStep && isAll(min) && isAll(hour)) {
    text = `every ${plural(secStep, 'second')}`;
  } else if (sec === '*' && isAll(min) && isAll(hour)) {
    text = 'every second';
  } else if (isNum(sec) && isAll(min) && isAll(hour)) {
    text = 'every minute';
  } else if (isNum(sec) && minStep && isAll(hour)) {
    text = `every ${plural(minStep, 'minute')}`;
  } else if (isNum(sec) && minStep && /^\d+-\d+$/.test(hour)) {
    const [a, b] = hour.split('-').map(Number);
    text = `every ${plural(minStep, 'minute')} between ${pad(a)}:00 and ${pad(b)}:59`;
  } else if (isNum(sec) && isNum(min) && isAll(hour)) {
    text = `every hour at minute ${Number(min)}${atSecond}`;
  } else if (isNum(sec) && isNum(min) && hourStep) {
    text = `every ${plural(hourStep, 'hour')} at minute ${Number(min)}`;
  } else if (isNum(sec) && isNum(min) && /^\d+(,\d+)*$/.test(hour)) {
    const times = hour.split(',').map(h_ => `${pad(h_)}:${pad(min)}${atSecond}`);
    text = `at ${times.length === 1 ? times[0] : times.slice(0, -1).join(', ') + ' and ' + times[times.length - 1]}`;
    if (!days) text = 'every day ' + text;
  }
  if (!text) return { text: null, hint: null };
  return { text: capitalize(text + days), hint: null };
}

function capitalize(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
