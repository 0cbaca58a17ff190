import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { PersonGateState } from '../../domain/gate/decide';
import type { PersonStateSource } from './person-state';

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

export const responseStateSource: PersonStateSource = async (db, personIds, { today }) => {
  const out = new Map<number, Partial<PersonGateState>>();
  if (!personIds.length) return out;
  const tables = await tablesOf(db);
  const ids = sql.val(personIds);
  const part = (id: number) => {
    let p = out.get(id);
    if (!p) out.set(id, (p = {}));
    return p;
  };
  const queries: Promise<void>[] = [];
  if (tables.has('risk_statuses')) {
    queries.push(
      sql<{ person_id: number; status: 'green' | 'yellow' | 'red' }>`select person_id, status from risk_statuses where person_id = any(${ids}::bigint[])`
        .execute(db)
        .then((r) => r.rows.forEach((x) => (part(Number(x.person_id)).riskStatus = x.status))),
    );
  }
  if (tables.has('isolations')) {
    queries.push(
      sql<{ person_id: number }>`select person_id from isolations where person_id = any(${ids}::bigint[]) and status = 'active' and starts_on <= ${today}::date`
        .execute(db)
        .then((r) => r.rows.forEach((x) => (part(Number(x.person_id)).isolated = true))),
    );
  }
  if (tables.has('leave_requests')) {
    // Approved leave that has begun and has no return (销假) recorded: the person must report back first.
    queries.push(
      sql<{ person_id: number }>`select person_id from leave_requests where person_id = any(${ids}::bigint[]) and status = 'approved' and from_date <= ${today}::date`
        .execute(db)
        .then((r) => r.rows.forEach((x) => (part(Number(x.person_id)).leaveUnreturned = true))),
    );
  }
  if (tables.has('test_schedules') && tables.has('test_results')) {
    queries.push(
      overdueTests(db, personIds, today).then((overdue) => {
        for (const id of overdue) part(id).testOverdue = true;
      }),
    );
  }
  await Promise.all(queries);
  return out;
};

/**
 * A person is overdue when the last scheduled test day of a schedule covering them (weekdays as ISO
 * 1 = Monday … 7 = Sunday, within the schedule's dates, before today) has no result sampled on or
 * after it. Today itself is not overdue: the test may still be taken.
 */
async function overdueTests(db: Kysely<Database>, personIds: number[], today: string): Promise<number[]> {
  const r = await sql<{ id: number }>`
    select p.id
    from persons p
    join schools s on s.id = p.school_id
    join test_schedules ts on (ts.school_id = p.school_id or ts.region_code in (select rc.ancestor_code from region_closure rc where rc.code = s.region_code))
    cross join lateral (
      select max(d)::date as due from generate_series(greatest(ts.starts_on, ${today}::date - 7), least(coalesce(ts.ends_on, ${today}::date - 1), ${today}::date - 1), interval '1 day') d
      where extract(isodow from d)::int = any(ts.weekdays)
    ) last
    where p.id = any(${sql.val(personIds)}::bigint[])
      and last.due is not null
      and (ts.test_group = 'all' or (ts.test_group = 'students' and p.kind = 'student') or (ts.test_group = 'staff' and p.kind = 'staff')
           or (ts.test_group = 'key_positions' and p.key_position is not null))
      and not exists (select 1 from test_results tr where tr.person_id = p.id and tr.sampled_on >= last.due)
    group by p.id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
