import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/tables';
import type { PresetStatus } from '../../domain/checks/counts';
import { activeStatusesForClass } from '../leave/class-status';
import { classKey, type RosterStatusProvider } from './roster-status';

/**
 * Approved leave covering the date and active isolation (src/features/leave/class-status.ts): such a
 * student is shown in the check form as on leave or isolated and counted without being entered again.
 * Staff checks (no class) get nothing from here: leave and isolation are recorded for students.
 */
export const leaveAndIsolationStatuses: RosterStatusProvider = async (db: Kysely<Database>, personIds: number[], date: string, classId: number | null) => {
  const out = new Map<number, PresetStatus>();
  if (classId == null) return out;
  const wanted = new Set(personIds);
  for (const s of await activeStatusesForClass(db, classId, date)) if (wanted.has(s.personId)) out.set(s.personId, s.status);
  return out;
};

/**
 * The same for a batch of class checks in one query. It must select exactly what activeStatusesForClass
 * selects (isolation active and started by the date; approved leave covering the date), with isolation
 * winning, for every person of the class (the caller keeps its roster's). The leave test in
 * test/features/checks-wiring.test.ts goes through this path; keep the two queries in step.
 */
leaveAndIsolationStatuses.forClasses = async (db, wants) => {
  const out = new Map<string, Map<number, PresetStatus>>();
  const rows = await sql<{ class_id: number; d: string; person_id: number; status: PresetStatus }>`${prepared}
    with w as (select * from unnest(${sql.val(wants.map((w) => w.classId))}::bigint[], ${sql.val(wants.map((w) => w.date))}::date[]) as w(class_id, d))
    select w.class_id, w.d::text as d, i.person_id, 'isolated' as status
    from w join persons p on p.class_id = w.class_id join isolations i on i.person_id = p.id
    where i.status = 'active' and i.starts_on <= w.d
    union all
    select w.class_id, w.d::text, l.person_id, 'on_leave'
    from w join persons p on p.class_id = w.class_id join leave_requests l on l.person_id = p.id
    where l.status = 'approved' and l.from_date <= w.d and l.to_date >= w.d`.execute(db);
  for (const r of rows.rows) {
    const key = classKey(Number(r.class_id), r.d);
    const id = Number(r.person_id);
    let m = out.get(key);
    if (!m) out.set(key, (m = new Map()));
    if (m.get(id) !== 'isolated') m.set(id, r.status);
  }
  return out;
};
