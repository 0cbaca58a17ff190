import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { defaultCalendar, type SchoolCalendar } from '../../domain/calendar';

/** The school's calendar for rule windows and scan baselines: its own terms, else the default terms. */
export async function alertCalendar(db: Kysely<Database>, schoolId: number, date: string): Promise<SchoolCalendar> {
  const terms = await db.selectFrom('school_terms').select(['start_date', 'end_date', 'name']).where('school_id', '=', schoolId).execute();
  if (terms.length) return { terms: terms.map((t) => ({ name: t.name, start: t.start_date, end: t.end_date })) };
  return defaultCalendarAround(date);
}

const byYear = new Map<number, SchoolCalendar>();

/** Shared per year, so the calendar module's compiled form is reused. */
export function defaultCalendarAround(date: string): SchoolCalendar {
  const year = Number(date.slice(0, 4));
  let cal = byYear.get(year);
  if (!cal) byYear.set(year, (cal = defaultCalendar(year - 1, year + 1)));
  return cal;
}

/** The school date (Asia/Shanghai, no daylight saving) of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}
