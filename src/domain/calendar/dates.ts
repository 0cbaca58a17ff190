// Civil dates as 'YYYY-MM-DD' strings (Asia/Shanghai calendar days). Arithmetic runs on day numbers
// (days since 1970-01-01) so no time zone or daylight-saving rule can shift a date.
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a valid 'YYYY-MM-DD' date, or null when the string is not a real calendar date. */
export function parseIsoDate(date: string): number | null {
  const m = ISO.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}

export function toDayNumber(date: IsoDate): number {
  const n = parseIsoDate(date);
  if (n === null) throw new RangeError(`invalid date "${date}" (expected YYYY-MM-DD)`);
  return n;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function weekdayOfDayNumber(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}
