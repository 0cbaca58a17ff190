// School-day calendar: weekends, public holidays and make-up working days (调休) from the State Council
// table, and the school's own term dates. A date in a year the holiday table does not cover is still
// answered (from weekends and terms), but flagged `covered: false`, and list functions refuse such
// dates unless the caller opts in, so a missing table never passes for a normal year.
import { fromDayNumber, type IsoDate, toDayNumber, weekdayOfDayNumber } from './dates';
import { FIRST_COVERED_YEAR, HOLIDAY_YEARS, type HolidayPeriod, LAST_COVERED_YEAR } from './holidays';

export interface Term {
  name?: string;
  /** Inclusive first and last day of teaching. */
  start: IsoDate;
  end: IsoDate;
}

export interface SchoolCalendar {
  terms: Term[];
  /** School-specific days without classes inside a term (sports day, sanitary closure …). */
  closures?: IsoDate[];
  /** School-specific extra teaching days (e.g. a Saturday the school itself schedules). */
  extraSchoolDays?: IsoDate[];
}

export type DayKind = 'school-day' | 'weekend' | 'holiday' | 'vacation' | 'closure';

export interface SchoolDayInfo {
  date: IsoDate;
  schoolDay: boolean;
  kind: DayKind;
  /** A weekend day that is an official working day (调休上班). */
  makeUpWorkday: boolean;
  holiday?: HolidayPeriod['name'];
  /** False when the holiday table does not cover the date's year: the answer ignores holidays. */
  covered: boolean;
}

export type Coverage = 'covered' | 'uncovered';

export class UncoveredDateError extends Error {
  constructor(readonly date: IsoDate) {
    super(`calendar.uncovered_year: no holiday data for ${date.slice(0, 4)} (covered ${FIRST_COVERED_YEAR}-${LAST_COVERED_YEAR})`);
    this.name = 'UncoveredDateError';
  }
}

// Day number → holiday name, or 'makeup' for a make-up working day. Built once; the table is small.
const officialDays = new Map<number, HolidayPeriod['name'] | 'makeup'>();
for (const y of HOLIDAY_YEARS) {
  for (const h of y.holidays) {
    for (let d = toDayNumber(h.from); d <= toDayNumber(h.to); d++) officialDays.set(d, h.name);
  }
  for (const m of y.makeUpWorkdays) officialDays.set(toDayNumber(m), 'makeup');
}

export function coverage(date: IsoDate): Coverage {
  const y = Number(date.slice(0, 4));
  return y >= FIRST_COVERED_YEAR && y <= LAST_COVERED_YEAR ? 'covered' : 'uncovered';
}

/** Compiled form of a calendar for fast repeated look-ups (benchmarks, scans). */
interface Compiled {
  terms: Array<[number, number]>;
  closures: Set<number>;
  extra: Set<number>;
}
const compiledCache = new WeakMap<SchoolCalendar, Compiled>();

function compile(cal: SchoolCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (!c) {
    c = {
      terms: cal.terms.map((t) => [toDayNumber(t.start), toDayNumber(t.end)] as [number, number]),
      closures: new Set((cal.closures ?? []).map(toDayNumber)),
      extra: new Set((cal.extraSchoolDays ?? []).map(toDayNumber)),
    };
    compiledCache.set(cal, c);
  }
  return c;
}

function infoOfDay(day: number, c: Compiled): SchoolDayInfo {
  const date = fromDayNumber(day);
  const covered = coverage(date) === 'covered';
  const official = officialDays.get(day);
  const weekday = weekdayOfDayNumber(day);
  const makeUpWorkday = official === 'makeup';
  const base = { date, makeUpWorkday, covered };
  if (c.extra.has(day)) return { ...base, schoolDay: true, kind: 'school-day' };
  const inTerm = c.terms.some(([s, e]) => day >= s && day <= e);
  if (!inTerm) return { ...base, schoolDay: false, kind: 'vacation' };
  if (official && official !== 'makeup') return { ...base, schoolDay: false, kind: 'holiday', holiday: official };
  if (weekday >= 6 && !makeUpWorkday) return { ...base, schoolDay: false, kind: 'weekend' };
  if (c.closures.has(day)) return { ...base, schoolDay: false, kind: 'closure' };
  return { ...base, schoolDay: true, kind: 'school-day' };
}

export function isSchoolDay(date: IsoDate, cal: SchoolCalendar): SchoolDayInfo {
  return infoOfDay(toDayNumber(date), compile(cal));
}

export interface ListOptions {
  /** Accept dates in years without holiday data (they are then treated as plain weekdays). */
  allowUncovered?: boolean;
}

function checkCovered(info: SchoolDayInfo, opts?: ListOptions): void {
  if (!info.covered && !opts?.allowUncovered) throw new UncoveredDateError(info.date);
}

/** School days from `from` to `to`, both inclusive, oldest first. */
export function schoolDaysBetween(from: IsoDate, to: IsoDate, cal: SchoolCalendar, opts?: ListOptions): IsoDate[] {
  const c = compile(cal);
  const out: IsoDate[] = [];
  for (let d = toDayNumber(from); d <= toDayNumber(to); d++) {
    const info = infoOfDay(d, c);
    checkCovered(info, opts);
    if (info.schoolDay) out.push(info.date);
  }
  return out;
}

// How far back or forward a search goes before giving up: two school years is more than any baseline.
const SEARCH_LIMIT_DAYS = 800;

/** The n school days strictly before `date`, oldest first; fewer when the calendar has fewer. */
export function previousSchoolDays(date: IsoDate, n: number, cal: SchoolCalendar, opts?: ListOptions): IsoDate[] {
  const c = compile(cal);
  const out: IsoDate[] = [];
  const start = toDayNumber(date);
  for (let d = start - 1; out.length < n && d >= start - SEARCH_LIMIT_DAYS; d--) {
    const info = infoOfDay(d, c);
    checkCovered(info, opts);
    if (info.schoolDay) out.push(info.date);
  }
  return out.reverse();
}

/** The n-th school day after `date` (n > 0) or before it (n < 0); n = 0 returns `date`. */
export function addSchoolDays(date: IsoDate, n: number, cal: SchoolCalendar, opts?: ListOptions): IsoDate {
  if (n === 0) return date;
  const c = compile(cal);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  const start = toDayNumber(date);
  for (let d = start + step; Math.abs(d - start) <= SEARCH_LIMIT_DAYS; d += step) {
    const info = infoOfDay(d, c);
    checkCovered(info, opts);
    if (info.schoolDay && --left === 0) return info.date;
  }
  throw new RangeError(`calendar.no_school_day: fewer than ${Math.abs(n)} school days within ${SEARCH_LIMIT_DAYS} days of ${date}`);
}
