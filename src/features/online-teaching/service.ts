import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import { schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { DateString, Strict } from '../../http/schema';
import { writeAudit } from '../audit/write-audit';
import { schoolDate } from '../gate/person-state';
import { assertClassInScope, assertSchoolInScope } from '../scope-guard';

export const StartBody = Strict({
  scopeType: Type.Union([Type.Literal('school'), Type.Literal('grade'), Type.Literal('class')]),
  scopeId: Type.Integer({ minimum: 1 }),
  fromDate: DateString,
  toDate: DateString,
  reason: Type.String({ minLength: 1, maxLength: 200 }),
  trigger: Type.Union([Type.Literal('alert'), Type.Literal('footing'), Type.Literal('decision')]),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});
export const CoverageQuery = Strict({ date: Type.Optional(DateString), schoolId: Type.Optional(Type.Integer({ minimum: 1 })) });

/** Which classes (alias c) a period covers. */
const covers = sql<boolean>`((p.scope_type = 'school' and c.school_id = p.scope_id) or (p.scope_type = 'grade' and c.grade_id = p.scope_id) or (p.scope_type = 'class' and c.id = p.scope_id))`;
const activeOn = (date: string) => sql<boolean>`(p.from_date <= ${date}::date and coalesce(least(p.ended_on - 1, p.to_date), p.to_date) >= ${date}::date)`;

async function schoolOfScope(ctx: AppContext, actor: Actor, type: 'school' | 'grade' | 'class', id: number): Promise<number> {
  if (type === 'school') {
    await assertSchoolInScope(ctx, actor, id);
    return id;
  }
  if (type === 'class') return (await assertClassInScope(ctx, actor, id)).schoolId;
  const grade = await ctx.db.selectFrom('grades').select('school_id').where('id', '=', id).executeTakeFirst();
  if (!grade) throw new AppError('error.not_found', 404, { field: 'scopeId' });
  await assertSchoolInScope(ctx, actor, grade.school_id);
  return grade.school_id;
}

/** Switches a class, grade or school to online teaching for a period; overlapping a period of the same scope is refused. */
export async function startOnline(ctx: AppContext, actor: Actor, body: Static<typeof StartBody>, ip: string) {
  if (body.toDate < body.fromDate) throw new AppError('online.dates', 400, { field: 'toDate' });
  const schoolId = await schoolOfScope(ctx, actor, body.scopeType, body.scopeId);
  return inTransaction(ctx.db, async (trx) => {
    const again = await trx.selectFrom('online_teaching_periods').select(['id', 'scope_id']).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (again) return { id: again.id, duplicate: true };
    const overlap = await trx
      .selectFrom('online_teaching_periods as p')
      .select('p.id')
      .where('p.scope_type', '=', body.scopeType)
      .where('p.scope_id', '=', body.scopeId)
      .where(sql<boolean>`p.from_date <= ${body.toDate}::date and coalesce(least(p.ended_on - 1, p.to_date), p.to_date) >= ${body.fromDate}::date`)
      .executeTakeFirst();
    if (overlap) throw new AppError('online.overlap', 409, { field: 'fromDate' });
    const row = await trx
      .insertInto('online_teaching_periods')
      .values({ school_id: schoolId, scope_type: body.scopeType, scope_id: body.scopeId, from_date: body.fromDate, to_date: body.toDate, reason: body.reason.trim(), trigger: body.trigger, created_by: actor.accountId, created_at: ctx.now(), idempotency_key: body.idempotencyKey })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'online.start', objectType: 'online_teaching', objectId: row.id, detail: { scope: body.scopeType, id: body.scopeId, from: body.fromDate, to: body.toDate }, ip });
    return { id: row.id, duplicate: false };
  });
}

/** Back to the classroom from today: the period stops counting from today on. */
export async function endOnline(ctx: AppContext, actor: Actor, id: number, ip: string) {
  const p = await ctx.db.selectFrom('online_teaching_periods').select(['school_id', 'from_date', 'ended_on']).where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('error.not_found', 404);
  await assertSchoolInScope(ctx, actor, p.school_id);
  if (p.ended_on) throw new AppError('online.ended', 409);
  const today = schoolDate(ctx.now());
  await inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('online_teaching_periods').set({ ended_on: today < p.from_date ? p.from_date : today }).where('id', '=', id).where('ended_on', 'is', null).execute();
    await writeAudit(trx, actor, { action: 'online.end', objectType: 'online_teaching', objectId: id, ip });
  });
}

/** Per school in scope on a date: classes online, students covered; for the bureau's overview. */
export async function coverage(ctx: AppContext, actor: Actor, q: Static<typeof CoverageQuery>) {
  const date = q.date ?? schoolDate(ctx.now());
  if (q.schoolId) await assertSchoolInScope(ctx, actor, q.schoolId);
  let query = ctx.db
    .selectFrom('schools as s')
    .innerJoin('classes as c', 'c.school_id', 's.id')
    .select([
      's.id', 's.name',
      sql<number>`count(distinct c.id)::int`.as('classes'),
      sql<number>`count(distinct c.id) filter (where exists (select 1 from online_teaching_periods p where p.school_id = s.id and ${activeOn(date)} and ${covers}))::int`.as('online'),
      sql<number>`coalesce(sum((select count(*) from persons st where st.class_id = c.id and st.kind = 'student' and st.active)) filter (where exists (select 1 from online_teaching_periods p where p.school_id = s.id and ${activeOn(date)} and ${covers})), 0)::int`.as('students'),
    ])
    .where(schoolInScope(actor.scope, 's.id'))
    .where(sql<boolean>`exists (select 1 from online_teaching_periods p where p.school_id = s.id and ${activeOn(date)})`)
    .groupBy(['s.id', 's.name'])
    .orderBy('s.name');
  if (q.schoolId) query = query.where('s.id', '=', q.schoolId);
  const rows = await query.execute();
  const schools = rows.map((r) => ({ schoolId: r.id, schoolName: r.name, classesTotal: Number(r.classes), classesOnline: Number(r.online), studentsCovered: Number(r.students) }));
  return { date, schools, totals: { schools: schools.length, classesOnline: schools.reduce((a, s) => a + s.classesOnline, 0), studentsCovered: schools.reduce((a, s) => a + s.studentsCovered, 0) } };
}

/** For the class check: is this class taught online on this date (then attendance is online attendance)? */
export async function classOnline(db: AppContext['db'], classId: number, date: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from classes c join online_teaching_periods p on p.school_id = c.school_id where c.id = ${classId} and ${activeOn(date)} and ${covers}`.execute(db);
  return Number(r.rows[0].n) > 0;
}

export const PeriodsQuery = Strict({ date: Type.Optional(DateString), schoolId: Type.Optional(Type.Integer({ minimum: 1 })), classId: Type.Optional(Type.Integer({ minimum: 1 })) });

/**
 * Periods in scope still running or yet to come on a date, with what they cover: the web page needs
 * their ids to end them, the bureau sees which classes are online, the class check shows online attendance.
 */
export async function listPeriods(ctx: AppContext, actor: Actor, q: Static<typeof PeriodsQuery>) {
  const date = q.date ?? schoolDate(ctx.now());
  if (q.schoolId) await assertSchoolInScope(ctx, actor, q.schoolId);
  if (q.classId) await assertClassInScope(ctx, actor, q.classId);
  const rows = await sql<{ id: number; school_id: number; school_name: string; scope_type: 'school' | 'grade' | 'class'; scope_id: number; scope_name: string | null; from_date: string; to_date: string; last_day: string; reason: string; trigger: string; classes: number; students: number }>`
    select p.id, p.school_id, s.name as school_name, p.scope_type, p.scope_id, p.from_date, p.to_date, p.reason, p.trigger,
      coalesce(least(p.ended_on - 1, p.to_date), p.to_date) as last_day,
      case p.scope_type when 'school' then s.name when 'grade' then (select g.name from grades g where g.id = p.scope_id)
        else (select g.name || c.name from classes c join grades g on g.id = c.grade_id where c.id = p.scope_id) end as scope_name,
      (select count(*) from classes c where ${covers})::int as classes,
      (select count(*) from classes c join persons st on st.class_id = c.id and st.kind = 'student' and st.active where ${covers})::int as students
    from online_teaching_periods p join schools s on s.id = p.school_id
    where ${schoolInScope(actor.scope, 'p.school_id')} and coalesce(least(p.ended_on - 1, p.to_date), p.to_date) >= ${date}::date
      and (${q.schoolId ?? null}::bigint is null or p.school_id = ${q.schoolId ?? null})
      and (${q.classId ?? null}::bigint is null or exists (select 1 from classes c where c.id = ${q.classId ?? null} and ${covers}))
    order by s.name, p.from_date, p.id limit 500`.execute(ctx.db);
  return {
    date,
    items: rows.rows.map((r) => ({
      id: r.id, schoolId: r.school_id, schoolName: r.school_name, scopeType: r.scope_type, scopeId: r.scope_id, scopeName: r.scope_name ?? '', fromDate: r.from_date, toDate: r.to_date,
      lastDay: r.last_day, activeOnDate: r.from_date <= date, reason: r.reason, trigger: r.trigger, classes: r.classes, students: r.students,
    })),
  };
}
