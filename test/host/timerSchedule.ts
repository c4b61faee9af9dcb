/** A parsed six-field NCRONTAB expression: `second minute hour day month day-of-week`. */
export interface TimerSchedule {
  readonly expression: string;
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday; 7 is read as Sunday too. */
  readonly daysOfWeek: ReadonlySet<number>;
}

interface FieldSpec { readonly label: string; readonly min: number; readonly max: number; readonly names?: readonly string[] }

const FIELDS: readonly FieldSpec[] = [
  { label: 'second', min: 0, max: 59 },
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { label: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function toNumber(text: string, spec: FieldSpec, expression: string): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + spec.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= spec.min && value <= spec.max)) {
    throw new Error(`Timer schedule "${expression}": ${spec.label} "${text}" is not in ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(field: string, spec: FieldSpec, expression: string): number[] {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`Timer schedule "${expression}": step "${stepText}" is not a positive integer`);
    let from: number;
    let to: number;
    if (range === '*') {
      [from, to] = [spec.min, spec.label === 'day-of-week' ? 6 : spec.max];
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [toNumber(a, spec, expression), toNumber(b, spec, expression)];
      if (from > to) throw new Error(`Timer schedule "${expression}": range "${range}" runs backwards`);
    } else {
      from = toNumber(range, spec, expression);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(spec.label === 'day-of-week' && v === 7 ? 0 : v);
  }
  return [...values].sort((x, y) => x - y);
}

/** Parses a six-field NCRONTAB expression (`*`, `*\/n`, lists, ranges, `a-b/n`, month and day names). */
export function parseTimerSchedule(expression: string): TimerSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(`Timer schedule "${expression}" must have six fields (second minute hour day month day-of-week), it has ${fields.length}`);
  }
  const [seconds, minutes, hours, days, months, daysOfWeek] = FIELDS.map((spec, i) => parseField(fields[i] ?? '', spec, expression));
  return {
    expression,
    seconds: seconds ?? [],
    minutes: minutes ?? [],
    hours: hours ?? [],
    days: new Set(days),
    months: new Set(months),
    daysOfWeek: new Set(daysOfWeek),
  };
}

const DAY_MS = 86_400_000;

/**
 * The first occurrence strictly after `after`, in UTC. NOTE: day and day-of-week must both match
 * (NCrontab's rule, unlike Vixie cron's "either"). Throws when none falls within five years (e.g. 30 Feb).
 */
export function nextOccurrence(schedule: TimerSchedule, after: Date): Date {
  const start = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  const firstDay = Math.floor(start / DAY_MS) * DAY_MS;
  for (let day = firstDay; day < firstDay + 5 * 366 * DAY_MS; day += DAY_MS) {
    const date = new Date(day);
    if (!schedule.months.has(date.getUTCMonth() + 1) || !schedule.days.has(date.getUTCDate()) || !schedule.daysOfWeek.has(date.getUTCDay())) continue;
    const fromSecond = day === firstDay ? (start - day) / 1000 : 0;
    for (const h of schedule.hours) {
      for (const m of schedule.minutes) {
        if (h * 3600 + m * 60 + 59 < fromSecond) continue;
        for (const s of schedule.seconds) {
          const second = h * 3600 + m * 60 + s;
          if (second >= fromSecond) return new Date(day + second * 1000);
        }
      }
    }
  }
  throw new Error(`Timer schedule "${schedule.expression}" never occurs`);
}
