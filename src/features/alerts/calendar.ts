import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { defaultCalendar, type SchoolCalendar } from '../../domain/calendar';

/**
 * The calendars of a county's schools for a scan, read in one statement: schools with the same terms
 * share one calendar object, schools without terms the default one (scan-streams.ts lists each
 * calendar's school days once).
 */
export async function countyCalendars(db: Kysely<Database>, county: string, date: string): Promise<(schoolId: number) => SchoolCalendar> {
  const rows = await db.selectFrom('school_terms').innerJoin('schools', 'schools.id', 'school_terms.school_id')
    .select(['school_terms.school_id', 'school_terms.start_date', 'school_terms.end_date', 'school_terms.name'])
    .where('schools.region_code', '=', county).orderBy('school_terms.school_id').orderBy('school_terms.start_date').execute();
  const termsOf = new Map<number, SchoolCalendar['terms']>();
  for (const r of rows) {
    const id = Number(r.school_id);
    let terms = termsOf.get(id);
    if (!terms) termsOf.set(id, (terms = []));
    terms.push({ name: r.name, start: r.start_date, end: r.end_date });
  }
  const shared = new Map<string, SchoolCalendar>();
  const bySchool = new Map<number, SchoolCalendar>();
  for (const [id, terms] of termsOf) {
    const key = JSON.stringify(terms);
    let cal = shared.get(key);
    if (!cal) shared.set(key, (cal = { terms }));
    bySchool.set(id, cal);
  }
  const fallback = defaultCalendarAround(date);
  return (schoolId) => bySchool.get(schoolId) ?? fallback;
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
