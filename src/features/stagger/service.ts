import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { PHASES, type Phase, scheduleStaggered, StaggerError, type StaggerRequest } from '../../domain/stagger';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { type Locale, t } from '../../i18n';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import type { CreateScheduleBody } from './schema';

/** The school's classes with their current size; grades numbered 1… from the youngest (latest entry year). */
async function schoolClasses(ctx: AppContext, schoolId: number) {
  return ctx.db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id', sql<string>`grades.name || classes.name`.as('name'),
      sql<number>`dense_rank() over (order by grades.entry_year desc, grades.sort_order, grades.id)`.as('grade'),
      sql<number>`(select count(*)::int from persons p where p.class_id = classes.id and p.kind = 'student' and p.active)`.as('size'),
    ])
    .where('classes.school_id', '=', schoolId)
    .orderBy('grades.entry_year', 'desc')
    .orderBy('classes.sort_order')
    .orderBy('classes.id')
    .execute();
}

/**
 * The solver's refusal in the caller's language: the domain gives a reason code with parameters, worded
 * here (phase and resource names too), and its field path in the `/` form the request validation uses.
 */
function solverRefusal(err: StaggerError, locale: Locale): AppError {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err.params)) params[k] = Array.isArray(v) ? v.join(locale === 'en' ? ', ' : '、') : v;
  if (typeof err.params.phase === 'string') {
    params.phase = t(locale, `stagger.phase.${err.params.phase}`);
    params.resource = t(locale, err.params.phase === 'dining' ? 'stagger.resource.area' : 'stagger.resource.gate');
  }
  const field = err.field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/');
  return new AppError(err.code, 400, { field, detail: t(locale, `stagger.reason.${err.reason}`, params) }, err.details);
}

/**
 * Computes the school's staggered timetable from its classes as they are now and the gates, canteen
 * areas and windows given, and stores it as the one in force. A constraint that cannot be met is a
 * 400 naming it (from the solver), and nothing is stored; no partial timetable is kept.
 */
export async function createSchedule(ctx: AppContext, actor: Actor, body: Static<typeof CreateScheduleBody>, locale: Locale, ip: string) {
  await assertSchoolInScope(ctx, actor, body.schoolId);
  const classes = (await schoolClasses(ctx, body.schoolId)).filter((c) => Number(c.size) > 0);
  if (!classes.length) throw new AppError('stagger.no_classes', 400, { field: 'schoolId' });
  const known = new Set(classes.map((c) => c.id));
  for (const [i, pair] of (body.siblingLinks ?? []).entries()) {
    if (!known.has(pair[0]) || !known.has(pair[1])) throw new AppError('stagger.link_not_in_school', 400, { field: `siblingLinks/${i}` });
  }
  const request: StaggerRequest = {
    classes: classes.map((c) => ({ id: String(c.id), name: c.name, grade: Number(c.grade), size: Number(c.size) })),
    siblingLinks: (body.siblingLinks ?? []).map(([a, b]) => [String(a), String(b)] as [string, string]),
    gates: body.gates,
    canteenAreas: body.canteenAreas,
    windows: body.windows,
    rules: body.rules,
  };
  let schedule: ReturnType<typeof scheduleStaggered>;
  try {
    schedule = scheduleStaggered(request);
  } catch (err) {
    if (err instanceof StaggerError) throw solverRefusal(err, locale);
    throw err;
  }
  const names = new Map<string, string>([...body.gates.map((g) => [`gate:${g.id}`, g.name ?? g.id] as const), ...body.canteenAreas.map((a) => [`area:${a.id}`, a.name ?? a.id] as const)]);
  const resourceName = (phase: Phase, id: string) => names.get(`${phase === 'dining' ? 'area' : 'gate'}:${id}`) ?? id;
  return inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('stagger_schedules').set({ active: false }).where('school_id', '=', body.schoolId).where('active', '=', true).execute();
    const row = await trx
      .insertInto('stagger_schedules')
      .values({ school_id: body.schoolId, request: JSON.stringify(request), report: JSON.stringify(schedule.phases), created_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = schedule.classes.flatMap((c) =>
      PHASES.map((phase) => ({
        schedule_id: row.id, school_id: body.schoolId, class_id: Number(c.classId), phase, slot: c[phase].slot, resource_id: c[phase].resourceId,
        resource_name: resourceName(phase, c[phase].resourceId), starts_at: c[phase].from, ends_at: c[phase].to,
      })),
    );
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('stagger_assignments').values(rows.slice(i, i + 1000)).execute();
    await writeAudit(trx, actor, { action: 'stagger.schedule', objectType: 'school', objectId: body.schoolId, detail: { schedule: row.id, classes: classes.length }, ip });
    return row.id;
  }).then((id) => currentSchedule(ctx, actor, body.schoolId, id));
}

export async function currentSchedule(ctx: AppContext, actor: Actor, schoolId: number, id?: number) {
  await assertSchoolInScope(ctx, actor, schoolId);
  let q = ctx.db.selectFrom('stagger_schedules').select(['id', 'school_id', 'report', 'created_at']).where('school_id', '=', schoolId);
  q = id ? q.where('id', '=', id) : q.where('active', '=', true);
  const s = await q.executeTakeFirst();
  if (!s) throw new AppError('stagger.no_schedule', 404, { field: 'schoolId' });
  const rows = await ctx.db
    .selectFrom('stagger_assignments as a')
    .innerJoin('classes as c', 'c.id', 'a.class_id')
    .innerJoin('grades as g', 'g.id', 'c.grade_id')
    .select(['a.class_id', sql<string>`g.name || c.name`.as('class_name'), 'a.phase', 'a.slot', 'a.resource_id', 'a.resource_name', 'a.starts_at', 'a.ends_at',
      sql<number>`(select count(*)::int from persons p where p.class_id = a.class_id and p.kind = 'student' and p.active)`.as('size')])
    .where('a.schedule_id', '=', s.id)
    .orderBy('g.entry_year', 'desc')
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .execute();
  const byClass = new Map<number, { classId: number; className: string; size: number } & Partial<Record<Phase, { slot: number; resourceId: string; resourceName: string; from: string; to: string }>>>();
  for (const r of rows) {
    let c = byClass.get(r.class_id);
    if (!c) byClass.set(r.class_id, (c = { classId: r.class_id, className: r.class_name, size: Number(r.size) }));
    c[r.phase] = { slot: r.slot, resourceId: r.resource_id, resourceName: r.resource_name, from: r.starts_at, to: r.ends_at };
  }
  return {
    id: s.id, schoolId: s.school_id, createdAt: new Date(s.created_at).toISOString(),
    classes: [...byClass.values()] as { classId: number; className: string; size: number; arrival: never; departure: never; dining: never }[],
    phases: s.report,
  };
}
