import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { Trx } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { type ApproverStep, leaveDays } from '../../domain/leave/chain';
import type { RiskAreaHit } from '../../domain/leave/return-check';

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export function leaveRowQuery(db: Kysely<Database>) {
  return db
    .selectFrom('leave_requests as l')
    .innerJoin('persons', 'persons.id', 'l.person_id')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .select([
      'l.id', 'l.person_id', 'persons.name as person_name', 'persons.kind as person_kind', 'l.school_id', sql<string | null>`g.name || cl.name`.as('class_name'), 'l.from_date', 'l.to_date',
      'l.reason', 'l.destination', 'l.destination_region_code', 'l.status', 'l.chain', 'l.step', 'l.returned_on', 'l.return_check', 'l.requested_at', 'l.requested_by',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof leaveRowQuery>['executeTakeFirstOrThrow']>>;

/** The row as the API shows it, with what this caller may do next (the UI shows only those actions). */
export function toLeaveView(r: Raw, actor: Actor) {
  const chain = parse(r.chain) as ApproverStep[];
  const next = r.status === 'pending' ? (chain[r.step] ?? null) : null;
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, personKind: r.person_kind, schoolId: r.school_id, className: r.class_name, fromDate: r.from_date, toDate: r.to_date,
    days: leaveDays(r.from_date, r.to_date), reason: r.reason, destination: r.destination, destinationRegionCode: r.destination_region_code, status: r.status, chain, nextApprover: next,
    returnedOn: r.returned_on, returnCheck: r.return_check == null ? null : parse(r.return_check), requestedAt: r.requested_at.toISOString(),
    can: { decide: next?.accountId === actor.accountId, return: r.status === 'approved' },
  };
}

/** The class teacher account of a student's class (the first one when a class has several). */
export async function classTeacherOf(db: Kysely<Database>, classId: number | null) {
  if (!classId) return null;
  const row = await db.selectFrom('accounts').select(['id', 'display_name']).where('role', '=', 'class_teacher').where('class_id', '=', classId).where('disabled_at', 'is', null).orderBy('id').executeTakeFirst();
  return row ? { accountId: row.id, name: row.display_name } : null;
}

export async function schoolApprovers(db: Kysely<Database>, schoolId: number) {
  const rows = await db
    .selectFrom('leave_approvers as la')
    .innerJoin('accounts as a', 'a.id', 'la.account_id')
    .select(['la.step', 'la.account_id', 'a.display_name', 'la.label', 'la.more_than_days'])
    .where('la.school_id', '=', schoolId)
    .where('a.disabled_at', 'is', null)
    .orderBy('la.step')
    .execute();
  return rows.map((r) => ({ step: r.step, accountId: r.account_id, name: r.display_name, label: r.label, moreThanDays: r.more_than_days }));
}

/**
 * Risk areas a person's recorded stays of one leave touched: the same match the risk rules use (the
 * area's region contains the stay's region, the dates overlap, and the area is the whole region or
 * named in the place).
 */
export async function riskAreasOfLeave(trx: Trx, leaveId: number): Promise<RiskAreaHit[]> {
  const rows = await sql<{ id: number; name: string; level: 'lockdown' | 'controlled' }>`
    select distinct a.id, a.name, a.level
    from travel_records t
    join region_closure rc on rc.code = t.region_code
    join risk_areas a on a.region_code = rc.ancestor_code
    join regions ar on ar.code = a.region_code
    where t.leave_id = ${leaveId} and t.from_date <= coalesce(a.ends_on, t.to_date) and t.to_date >= a.starts_on
      and (a.name = ar.name or position(a.name in t.place) > 0)
    order by a.id`.execute(trx);
  return rows.rows.map((r) => ({ areaId: Number(r.id), name: r.name, level: r.level }));
}

/** Whether any stay of the leave lies outside the city of the person's school. */
export async function leftTheCity(trx: Trx, leaveId: number, schoolId: number): Promise<boolean> {
  const row = await sql<{ n: number }>`
    select count(*)::int as n from travel_records t
    where t.leave_id = ${leaveId} and t.region_code is not null and not exists (
      select 1 from schools s
      join region_closure up on up.code = s.region_code
      join regions city on city.code = up.ancestor_code and city.level = 'city'
      join region_closure down on down.ancestor_code = city.code
      where s.id = ${schoolId} and down.code = t.region_code)`.execute(trx);
  return Number(row.rows[0]?.n ?? 0) > 0;
}
