import { addDays, isoWeekday } from '../calendar/dates';

/**
 * Who is due a test and who is overdue. A schedule (e.g. everyone in a county on Monday and
 * Thursday) asks for one test per scheduled day; a result sampled on or after the latest scheduled
 * day meets it. An isolation asks for a test on each of its test dates exactly (the release criteria
 * look for those dates).
 */
export interface Obligation {
  source: 'schedule' | 'isolation' | 'reentry';
  /** Schedule name, the isolation's id, or the re-entry decision's id. */
  ref: string;
  date: string;
  exact: boolean;
}

export type TestState = { status: 'due' | 'overdue'; since: string; missing: Obligation[] } | null;

/** The latest scheduled day on or before `today` within the schedule's dates, or null. */
export function lastScheduledDate(weekdays: number[], startsOn: string, endsOn: string | null, today: string): string | null {
  const last = endsOn && endsOn < today ? endsOn : today;
  for (let i = 0; i < 7; i++) {
    const d = addDays(last, -i);
    if (d < startsOn) return null;
    if (weekdays.includes(isoWeekday(d))) return d;
  }
  return null;
}

/** The isolation test dates up to today (day numbers count the start as day 1). */
export function isolationTestDates(startsOn: string, testDays: number[], today: string): string[] {
  return testDays.map((d) => addDays(startsOn, d - 1)).filter((d) => d <= today);
}

/**
 * One person's state: nothing missing → null; otherwise due (only today's obligations are open) or
 * overdue since the earliest missed day.
 */
export function testState(obligations: Obligation[], sampledDates: string[], today: string): TestState {
  const missing = obligations.filter((o) => (o.exact ? !sampledDates.includes(o.date) : !sampledDates.some((d) => d >= o.date)));
  if (!missing.length) return null;
  const since = missing.reduce((m, o) => (o.date < m ? o.date : m), missing[0].date);
  return { status: since < today ? 'overdue' : 'due', since, missing };
}

export type TestGroup = 'all' | 'students' | 'staff' | 'key_positions';

/** Whether a person belongs to a schedule's group (co-residents are tested through their own community, not the school). */
export function inGroup(group: TestGroup, person: { kind: string; keyPosition: string | null }): boolean {
  if (person.kind === 'co_resident') return false;
  if (group === 'all') return true;
  if (group === 'students') return person.kind === 'student';
  if (group === 'staff') return person.kind === 'staff';
  return person.kind === 'staff' && person.keyPosition != null;
}
