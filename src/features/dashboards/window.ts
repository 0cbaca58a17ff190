import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { fromDayNumber, isSchoolDay, toDayNumber } from '../../domain/calendar';
import { type CheckSession, sessionsOf } from '../../domain/checks/sessions';
import { calendarFromTerms } from '../checks/calendar-adapter';

/**
 * Completeness counts every school that should report a session on a school day, not only those that
 * did. A school that should have reported gets its zero day row (with the roster snapshot a first check
 * would take) for every school day of the window viewed, not only the date asked for: the roll-ups stay
 * the one source of every figure (a day is the sum of its school rows, as rebuildRollups checks), and
 * no view has to count rosters. Repeated views neither write nor probe per school: the region's schools
 * are read grouped by county, sessions and terms (a few rows), the schools expected per county and day
 * are counted with the school calendar (weekends, holidays, vacations; sessions the school runs), and
 * only county days whose row holds fewer schools are opened, in one statement.
 */
interface Group {
  region_code: string;
  boarding: boolean;
  sessions: string[];
  terms: Array<{ start_date: string; end_date: string; name: string }> | null;
  n: number;
  ids?: number[];
}

export interface Window {
  /** Dates of the window on which some school of the region is expected to report the session. */
  schoolDays: Set<string>;
  /** School rows created by this call. */
  opened: number;
}

/** The region's (or the given counties') schools grouped by what decides their school days and sessions. */
const groupsOf = (counties: RawBuilder<unknown>, ids: boolean) => sql`
  select s.region_code, s.boarding, coalesce(cs.sessions, '{}') as sessions, st.terms, count(*)::int as n${ids ? sql`, array_agg(s.id order by s.id) as ids` : sql``}
  from schools s
  left join (select school_id, array_agg(session order by session) as sessions from check_sessions group by school_id) cs on cs.school_id = s.id
  left join (select school_id, jsonb_agg(jsonb_build_object('start_date', start_date, 'end_date', end_date, 'name', name) order by start_date) as terms
    from school_terms group by school_id) st on st.school_id = s.id
  where s.region_code = any(${counties})
  group by s.region_code, s.boarding, cs.sessions, st.terms`;

/** The dates of the window on which a group's schools are expected to report the session. */
function expectedDates(g: Group, from: string, to: string, session: string): string[] {
  const runs = sessionsOf(g.sessions.map((s) => ({ session: s as CheckSession, deadline: '' })), g.boarding).some((r) => r.session === session);
  if (!runs) return [];
  const cal = calendarFromTerms(g.terms ?? [], to);
  const out: string[] = [];
  for (let d = toDayNumber(from); d <= toDayNumber(to); d++) {
    const date = fromDayNumber(d);
    if (isSchoolDay(date, cal).schoolDay) out.push(date);
  }
  return out;
}

/**
 * Windows found complete, per database handle: a bureau's dashboard is viewed again and again, and
 * grouping a city's schools with their sessions and terms took most of a view. A window stays trusted
 * for a minute while the region holds the same number of schools (a school added is opened at the
 * next view); a check opens its own school's rows anyway, and past days do not change their calendar.
 */
const TRUSTED_MS = 60_000;
const complete = new WeakMap<Kysely<Database>, Map<string, { schools: number; at: number; schoolDays: Set<string> }>>();

export async function openWindow(db: Kysely<Database>, regionCode: string, from: string, to: string, session: string): Promise<Window> {
  const schoolDays = new Set<string>();
  if (from > to) return { schoolDays, opened: 0 };
  const closure = sql`array(select code from region_closure where ancestor_code = ${regionCode})`;
  const key = `${regionCode}|${from}|${to}|${session}`;
  let memo = complete.get(db);
  if (!memo) complete.set(db, (memo = new Map()));
  const schools = Number((await sql<{ n: number }>`select count(*)::int as n from schools where region_code = any(${closure})`.execute(db)).rows[0].n);
  const known = memo.get(key);
  if (known && known.schools === schools && Date.now() - known.at < TRUSTED_MS) return { schoolDays: new Set(known.schoolDays), opened: 0 };
  const result = await checkWindow(db, closure, from, to, session, schoolDays);
  if (memo.size > 1000) memo.clear();
  memo.set(key, { schools, at: Date.now(), schoolDays: new Set(result.schoolDays) });
  return result;
}

async function checkWindow(db: Kysely<Database>, closure: RawBuilder<unknown>, from: string, to: string, session: string, schoolDays: Set<string>): Promise<Window> {
  // One round trip in the usual case, where nothing is missing: the groups and the county rows held.
  const read = await sql<{ groups: Group[]; held: Array<{ r: string; d: string; n: number }> }>`
    with g as (${groupsOf(closure, false)})
    select (select coalesce(json_agg(g), '[]') from g) as groups,
      (select coalesce(json_agg(json_build_object('r', region_code, 'd', check_date, 'n', schools)), '[]') from region_day_summary
        where region_code = any(${closure}) and check_date between ${from} and ${to} and session = ${session}) as held`.execute(db);
  const { groups, held } = read.rows[0];
  const expected = new Map<string, number>();
  for (const g of groups) {
    for (const date of expectedDates(g, from, to, session)) {
      schoolDays.add(date);
      expected.set(`${g.region_code}|${date}`, (expected.get(`${g.region_code}|${date}`) ?? 0) + g.n);
    }
  }
  const have = new Map(held.map((h) => [`${h.r}|${h.d}`, Number(h.n)]));
  const short = [...expected].filter(([key, n]) => (have.get(key) ?? 0) < n).map(([key]) => key);
  if (!short.length) return { schoolDays, opened: 0 };
  // Some county day lacks schools: list the ids of those counties' schools and open what is missing.
  const shortSet = new Set(short);
  const counties = [...new Set(short.map((key) => key.slice(0, key.indexOf('|'))))];
  const withIds = await sql<Group>`${groupsOf(sql`${sql.val(counties)}::text[]`, true)}`.execute(db);
  const ids: number[] = [];
  const dates: string[] = [];
  for (const g of withIds.rows) {
    for (const date of expectedDates(g, from, to, session)) {
      if (!shortSet.has(`${g.region_code}|${date}`)) continue;
      for (const id of g.ids ?? []) {
        ids.push(Number(id));
        dates.push(date);
      }
    }
  }
  return { schoolDays, opened: ids.length ? await openSchoolDays(db, session, ids, dates) : 0 };
}

/**
 * Creates the missing day rows of (school, date) pairs with the roster snapshot, and adds them to
 * their county rows. Idempotent. School rows then county rows, each in key order, as the checks'
 * writes lock them, so a concurrent check cannot deadlock with it.
 */
async function openSchoolDays(db: Kysely<Database>, session: string, ids: number[], dates: string[]): Promise<number> {
  const r = await sql<{ n: number }>`
    with want as (select * from unnest(${sql.val(ids)}::bigint[], ${sql.val(dates)}::date[]) as w(school_id, check_date)),
    roster as (
      select s.id, s.region_code,
        (select count(*) from persons p where p.school_id = s.id and p.kind = 'student' and p.active) as enrolled,
        (select count(*) from classes c where c.school_id = s.id) as classes
      from schools s where s.id = any(array(select distinct school_id from want))
    ), fresh as (
      insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected)
      select r.id, r.region_code, w.check_date, ${session}, r.enrolled, r.classes
      from want w join roster r on r.id = w.school_id
      where not exists (select 1 from school_day_summary x where x.school_id = w.school_id and x.check_date = w.check_date and x.session = ${session})
      order by w.school_id, w.check_date
      on conflict (school_id, check_date, session) do nothing
      returning region_code, check_date, enrolled, classes_expected
    ), agg as (
      insert into region_day_summary (region_code, check_date, session, schools, enrolled, classes_expected)
      select region_code, check_date, ${session}, count(*), sum(enrolled), sum(classes_expected) from fresh group by region_code, check_date order by region_code, check_date
      on conflict (region_code, check_date, session) do update set schools = region_day_summary.schools + excluded.schools,
        enrolled = region_day_summary.enrolled + excluded.enrolled, classes_expected = region_day_summary.classes_expected + excluded.classes_expected
      returning 1
    )
    select (select count(*) from fresh)::int as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
