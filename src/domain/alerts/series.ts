// Turns dated counts into the consecutive school-day series the detectors expect: weekends, holidays
// and vacations are dropped, days without a report count as zero, and counts dated on a non-school day
// (a weekend onset entered later) are moved to the next school day rather than lost.
import { type IsoDate, type ListOptions, type SchoolCalendar, schoolDaysBetween } from '../calendar';

export interface SchoolDaySeries {
  dates: IsoDate[];
  counts: Float64Array;
  /** Counts that fell after the last school day of the range and could not be placed. */
  dropped: number;
}

export function schoolDaySeries(
  counts: ReadonlyArray<{ date: IsoDate; count: number }>,
  from: IsoDate,
  to: IsoDate,
  calendar: SchoolCalendar,
  opts?: ListOptions,
): SchoolDaySeries {
  return seriesOnDates(counts, schoolDaysBetween(from, to, calendar, opts), from, to);
}

/**
 * The same series on school days already listed (`schoolDaysBetween(from, to, …)`): a scan over
 * thousands of units of one calendar lists its days once, not once per unit and stream.
 */
export function seriesOnDates(counts: ReadonlyArray<{ date: IsoDate; count: number }>, dates: IsoDate[], from: IsoDate, to: IsoDate): SchoolDaySeries {
  const out = new Float64Array(dates.length);
  let dropped = 0;
  const sorted = [...counts].filter((c) => c.date >= from && c.date <= to).sort((a, b) => (a.date < b.date ? -1 : 1));
  let i = 0;
  for (const c of sorted) {
    while (i < dates.length && dates[i] < c.date) i++;
    if (i < dates.length) out[i] += c.count;
    else dropped += c.count;
  }
  return { dates, counts: out, dropped };
}
