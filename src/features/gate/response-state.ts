import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { PersonGateState } from '../../domain/gate/decide';
import type { InlineStateSource, PersonStateSource } from './person-state';

/**
 * Reads the response capability's records (migration 0300) for the gate: current risk status, an
 * active isolation, approved leave not yet returned, and a scheduled test missed. Tables are looked
 * up once per database, so the gate works (with "no record") on a database without them.
 */
const present = new WeakMap<object, Promise<Set<string>>>();
const WANTED = ['risk_statuses', 'isolations', 'leave_requests', 'test_schedules', 'test_results'];

function tablesOf(db: Kysely<Database>): Promise<Set<string>> {
  let known = present.get(db);
  if (!known) {
    known = sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_name = any(${sql.val(WANTED)}::text[])`
      .execute(db)
      .then((r) => new Set(r.rows.map((x) => x.table_name)));
    present.set(db, known);
  }
  return known;
}

type Row = { risk: 'green' | 'yellow' | 'red' | null; isolated: boolean; away: boolean; overdue: boolean };

/** The four answers as SQL over a `persons` row aliased `p`, for the tables that exist. */
function fragments(tables: Set<string>, today: string) {
  const day = sql`${today}::date`;
  return {
    risk: tables.has('risk_statuses') ? sql`(select r.status from risk_statuses r where r.person_id = p.id)` : sql`null::text`,
    isolated: tables.has('isolations') ? sql`exists (select 1 from isolations i where i.person_id = p.id and i.status = 'active' and i.starts_on <= ${day})` : sql`false`,
    // Approved leave that has begun with no return (销假) recorded: the person must report back first.
    away: tables.has('leave_requests') ? sql`exists (select 1 from leave_requests l where l.person_id = p.id and l.status = 'approved' and l.from_date <= ${day})` : sql`false`,
    overdue: tables.has('test_schedules') && tables.has('test_results') ? overdueTest(day) : sql`false`,
  };
}

const toState = (x: Row): Partial<PersonGateState> => ({ ...(x.risk ? { riskStatus: x.risk } : {}), isolated: x.isolated, leaveUnreturned: x.away, testOverdue: x.overdue });

/**
 * One statement for all four answers: the gate is on the morning rush's hot path, and on the embedded
 * database every round trip costs as much as the query itself.
 */
export const responseStateSource: PersonStateSource = async (db, personIds, { today }) => {
  const out = new Map<number, Partial<PersonGateState>>();
  if (!personIds.length) return out;
  const tables = await tablesOf(db);
  if (!tables.size) return out;
  const f = fragments(tables, today);
  const r = await sql<Row & { id: number }>`
    select p.id, ${f.risk} as risk, ${f.isolated} as isolated, ${f.away} as away, ${f.overdue} as overdue
    from persons p where p.id = any(${sql.val(personIds)}::bigint[])`.execute(db);
  for (const x of r.rows) out.set(Number(x.id), toState(x));
  return out;
};

/**
 * The same answers as one column of the query that finds the person at the gate (correlated on
 * `persons.id`), which saves the gate a round trip per entry. Null when there are no response tables.
 */
export const responseStateInline: InlineStateSource = async (db, { today }) => {
  const tables = await tablesOf(db);
  if (!tables.size) return null;
  const f = fragments(tables, today);
  return {
    column: sql<unknown>`(select json_build_object('risk', ${f.risk}, 'isolated', ${f.isolated}, 'away', ${f.away}, 'overdue', ${f.overdue}) from persons p where p.id = persons.id)`,
    read: (value) => toState((typeof value === 'string' ? JSON.parse(value) : value) as Row),
  };
};

/**
 * A person is overdue when the last scheduled test day of a schedule covering them (weekdays as ISO
 * 1 = Monday … 7 = Sunday, within the schedule's dates, in the week before today) has no result
 * sampled on or after it. Today itself is not overdue: the test may still be taken.
 */
function overdueTest(day: ReturnType<typeof sql>) {
  return sql`exists (
    select 1
    from test_schedules ts
    cross join lateral (
      select max(d)::date as due from generate_series(greatest(ts.starts_on, ${day} - 7), least(coalesce(ts.ends_on, ${day} - 1), ${day} - 1), interval '1 day') d
      where extract(isodow from d)::int = any(ts.weekdays)
    ) last
    where (ts.school_id = p.school_id or ts.region_code in (select rc.ancestor_code from region_closure rc join schools s on rc.code = s.region_code where s.id = p.school_id))
      and last.due is not null
      and (ts.test_group = 'all' or (ts.test_group = 'students' and p.kind = 'student') or (ts.test_group = 'staff' and p.kind = 'staff')
           or (ts.test_group = 'key_positions' and p.key_position is not null))
      and not exists (select 1 from test_results tr where tr.person_id = p.id and tr.sampled_on >= last.due))`;
}
