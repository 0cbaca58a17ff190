import { type RawBuilder, sql } from 'kysely';
import type { Static } from 'typebox';
import { regionInScope } from '../../db/scope';
import type { Actor, Scope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';
import { schoolDateOf, shanghaiInstant } from '../governance-dashboard/shared';
import type { DutyQuery, TaskForceListQuery } from './schema';

/**
 * Which task forces a scope sees: a bureau every task force of its regions (school ones included), a
 * school account only its own school's. Rosters carry names and phones, so nothing wider.
 */
export function taskForceVisible(scope: Scope, alias = 'tf'): RawBuilder<boolean> {
  const school = sql.ref(`${alias}.school_id`);
  switch (scope.kind) {
    case 'all':
    case 'region':
      return regionInScope(scope, `${alias}.region_code`);
    case 'school':
    case 'class':
      return sql<boolean>`${school} = ${scope.schoolId}`;
    default:
      return sql<boolean>`false`;
  }
}

export function taskForceQuery(ctx: AppContext, now: Date) {
  return ctx.db
    .selectFrom('task_forces as tf')
    .innerJoin('regions as r', 'r.code', 'tf.region_code')
    .leftJoin('schools as s', 's.id', 'tf.school_id')
    .select([
      'tf.id', 'tf.region_code', 'r.name as region_name', 'tf.school_id', 's.name as school_name', 'tf.name', 'tf.remit', 'tf.discipline', 'tf.active',
      sql<number>`(select count(*) from task_force_members m where m.task_force_id = tf.id)`.as('member_count'),
      sql<number>`(select count(*) from duty_shifts d where d.task_force_id = tf.id and d.starts_at <= ${now} and d.ends_at > ${now})`.as('on_duty'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof taskForceQuery>['executeTakeFirstOrThrow']>>;

export function toTaskForceSummary(r: Row) {
  return {
    id: r.id, regionCode: r.region_code, regionName: r.region_name, schoolId: r.school_id, schoolName: r.school_name, name: r.name, remit: r.remit, active: r.active,
    memberCount: Number(r.member_count), onDutyNow: Number(r.on_duty),
  };
}

export async function listTaskForces(ctx: AppContext, scope: Scope, q: Static<typeof TaskForceListQuery>) {
  let query = taskForceQuery(ctx, ctx.now()).where(taskForceVisible(scope));
  if (q.regionCode) query = query.where(sql<boolean>`tf.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.schoolId) query = query.where('tf.school_id', '=', q.schoolId);
  const rows = await query.orderBy('tf.active', 'desc').orderBy('tf.region_code').orderBy('tf.name').limit(500).execute();
  return { items: rows.map(toTaskForceSummary) };
}

/** Everyone on duty at some time of a school date (Asia/Shanghai) in the caller's task forces; names and phones, so the read is audited. */
export async function dutyToday(ctx: AppContext, actor: Actor, q: Static<typeof DutyQuery>) {
  const scope = actor.scope;
  const now = ctx.now();
  const date = q.date ?? schoolDateOf(now);
  const from = shanghaiInstant(date, '00:00');
  const to = new Date(from.getTime() + 86_400_000);
  let query = ctx.db
    .selectFrom('duty_shifts as d')
    .innerJoin('task_forces as tf', 'tf.id', 'd.task_force_id')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'tf.id as task_force_id', 'tf.name as task_force', 'a.display_name as name', 'd.post', 'd.starts_at', 'd.ends_at',
      sql<string>`coalesce((select m.phone from task_force_members m where m.task_force_id = tf.id and m.account_id = d.account_id limit 1), '')`.as('phone'),
    ])
    .where(taskForceVisible(scope))
    .where('d.starts_at', '<', to)
    .where('d.ends_at', '>', from);
  if (q.regionCode) query = query.where(sql<boolean>`tf.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  const rows = await query.orderBy('d.starts_at').orderBy('tf.name').limit(500).execute();
  await writeAudit(ctx.db, actor, { action: 'duty.read', objectType: 'duty_roster', objectId: date, detail: { regionCode: q.regionCode ?? null, rows: rows.length } });
  return {
    date,
    items: rows.map((r) => ({
      taskForceId: r.task_force_id, taskForce: r.task_force, name: r.name, phone: r.phone, post: r.post, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(),
      onDutyNow: new Date(r.starts_at) <= now && new Date(r.ends_at) > now,
    })),
  };
}
