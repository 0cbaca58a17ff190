import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { defaultCalendar, isSchoolDay, type SchoolCalendar, type SchoolDayInfo } from '../../domain/calendar';

/**
 * The school's calendar: its own term dates when it has entered them, otherwise the default terms,
 * with public holidays and make-up working days from src/domain/calendar.
 */
export async function schoolCalendar(db: Kysely<Database>, schoolId: number, date: string): Promise<SchoolCalendar> {
  const terms = await db.selectFrom('school_terms').select(['start_date', 'end_date', 'name']).where('school_id', '=', schoolId).execute();
  return calendarFromTerms(terms, date);
}

/** The same decision from term rows already read (the submission reads them with the target in one query). */
export function calendarFromTerms(terms: Array<{ start_date: string; end_date: string; name: string }>, date: string): SchoolCalendar {
  if (terms.length) return { terms: terms.map((t) => ({ name: t.name, start: t.start_date, end: t.end_date })) };
  const year = Number(date.slice(0, 4));
  // One shared object per year, so the calendar module's compiled form is reused across requests.
  let cal = defaults.get(year);
  if (!cal) defaults.set(year, (cal = defaultCalendar(year - 1, year + 1)));
  return cal;
}

const defaults = new Map<number, SchoolCalendar>();

export async function schoolDayInfo(db: Kysely<Database>, schoolId: number, date: string): Promise<SchoolDayInfo> {
  return isSchoolDay(date, await schoolCalendar(db, schoolId, date));
}
