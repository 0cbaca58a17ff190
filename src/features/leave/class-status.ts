import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';

export interface ClassPersonStatus {
  personId: number;
  status: 'on_leave' | 'isolated';
  /** For isolation: home / on_campus / site; for leave: the destination. */
  detail: string;
  from: string;
  to: string;
}

/**
 * Who in a class is away on a school date because of the response capabilities: approved leave
 * covering the date (not yet returned) and active isolation orders. The daily class check calls
 * this so those persons show as on leave / isolated instead of absent. Isolation wins when both apply.
 */
export async function activeStatusesForClass(db: Kysely<Database>, classId: number, date: string): Promise<ClassPersonStatus[]> {
  const rows = await sql<{ person_id: number; status: 'on_leave' | 'isolated'; detail: string; from_date: string; to_date: string }>`
    select i.person_id, 'isolated' as status, i.kind as detail, i.starts_on::text as from_date, i.planned_end::text as to_date
    from isolations i join persons p on p.id = i.person_id
    where p.class_id = ${classId} and i.status = 'active' and i.starts_on <= ${date}::date
    union all
    select l.person_id, 'on_leave', l.destination, l.from_date::text, l.to_date::text
    from leave_requests l join persons p on p.id = l.person_id
    where p.class_id = ${classId} and l.status = 'approved' and l.from_date <= ${date}::date and l.to_date >= ${date}::date`.execute(db);
  const out = new Map<number, ClassPersonStatus>();
  for (const r of rows.rows) {
    const id = Number(r.person_id);
    if (out.get(id)?.status === 'isolated') continue;
    out.set(id, { personId: id, status: r.status, detail: r.detail, from: r.from_date, to: r.to_date });
  }
  return [...out.values()].sort((a, b) => a.personId - b.personId);
}
