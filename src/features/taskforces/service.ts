import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope, schoolDateOf, shanghaiInstant } from '../governance-dashboard/shared';
import { assertSchoolInScope } from '../scope-guard';
import { taskForceQuery, taskForceVisible, toTaskForceSummary } from './queries';
import type { AddMemberBody, CreateTaskForceBody, ShiftsQuery, UpdateTaskForceBody } from './schema';

/** Visible to the caller or 404; a task force of another area answers like one that does not exist. */
export async function visibleTaskForce(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.selectFrom('task_forces as tf').select(['tf.id', 'tf.region_code', 'tf.school_id', 'tf.active', sql<boolean>`${taskForceVisible(actor.scope)}`.as('visible')]).where('tf.id', '=', id).executeTakeFirst();
  if (!row?.visible) {
    if (row) await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'task_force', objectId: id, result: 'denied' });
    throw new AppError('error.not_found', 404);
  }
  return row;
}

export async function createTaskForce(ctx: AppContext, actor: Actor, body: Static<typeof CreateTaskForceBody>, ip: string) {
  if (!!body.regionCode === !!body.schoolId) throw new AppError('taskforce.place_required', 400, { field: body.regionCode ? 'schoolId' : 'regionCode' });
  let regionCode: string;
  if (body.schoolId) {
    await assertSchoolInScope(ctx, actor, body.schoolId);
    regionCode = (await ctx.db.selectFrom('schools').select('region_code').where('id', '=', body.schoolId).executeTakeFirstOrThrow()).region_code;
  } else {
    // School accounts keep task forces of their own school; a region-wide one is a bureau's.
    if (actor.scope.kind !== 'region' && actor.scope.kind !== 'all') throw new AppError('taskforce.place_required', 400, { field: 'schoolId' });
    regionCode = (await assertRegionInScope(ctx, actor, body.regionCode!)).code;
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('task_forces')
      .values({ region_code: regionCode, school_id: body.schoolId ?? null, name: body.name.trim(), remit: body.remit.trim(), discipline: body.discipline?.trim() ?? '', created_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'taskforce.create', objectType: 'task_force', objectId: row.id, detail: { regionCode, schoolId: body.schoolId ?? null }, ip });
    return { id: row.id };
  });
}

export async function updateTaskForce(ctx: AppContext, actor: Actor, id: number, body: Static<typeof UpdateTaskForceBody>, ip: string) {
  await visibleTaskForce(ctx, actor, id);
  const set = Object.fromEntries(Object.entries({ name: body.name?.trim(), remit: body.remit?.trim(), discipline: body.discipline?.trim(), active: body.active }).filter(([, v]) => v !== undefined));
  // A body without any field changes nothing (an UPDATE with an empty SET is not SQL: it answered 500).
  if (!Object.keys(set).length) return { ok: true };
  return inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('task_forces').set(set).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'taskforce.update', objectType: 'task_force', objectId: id, detail: { fields: Object.keys(body) }, ip });
    return { ok: true };
  });
}

/**
 * Members are people with an account (so they can hold shifts) or named outsiders (a hospital contact,
 * a police liaison). An account must belong to the task force's area: its school or region lies within it.
 */
export async function addMember(ctx: AppContext, actor: Actor, id: number, body: Static<typeof AddMemberBody>, ip: string) {
  const tf = await visibleTaskForce(ctx, actor, id);
  let name = body.name?.trim() ?? '';
  if (body.accountId) {
    const a = await sql<{ display_name: string; ok: boolean }>`
      select a.display_name, (a.disabled_at is null and (
        a.school_id in (select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${tf.region_code})
        or a.region_code in (select code from region_closure where ancestor_code = ${tf.region_code})
        or a.region_code in (select ancestor_code from region_closure where code = ${tf.region_code}))) as ok
      from accounts a where a.id = ${body.accountId}`.execute(ctx.db);
    if (!a.rows[0]?.ok) throw new AppError('taskforce.member_account_invalid', 400, { field: 'accountId' });
    name ||= a.rows[0].display_name;
  }
  if (!name) throw new AppError('validation.required', 400, { field: 'name' });
  return inTransaction(ctx.db, async (trx) => {
    if (body.accountId) {
      const dup = await trx.selectFrom('task_force_members').select('id').where('task_force_id', '=', id).where('account_id', '=', body.accountId).executeTakeFirst();
      if (dup) throw new AppError('taskforce.member_duplicate', 409, { field: 'accountId' });
    }
    const row = await trx.insertInto('task_force_members').values({ task_force_id: id, account_id: body.accountId ?? null, name, duty: body.duty.trim(), phone: body.phone?.trim() ?? '' }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'taskforce.member_add', objectType: 'task_force', objectId: id, detail: { memberId: row.id, accountId: body.accountId ?? null }, ip });
    return { id: row.id };
  });
}

export async function removeMember(ctx: AppContext, actor: Actor, id: number, memberId: number, ip: string) {
  await visibleTaskForce(ctx, actor, id);
  return inTransaction(ctx.db, async (trx) => {
    const gone = await trx.deleteFrom('task_force_members').where('id', '=', memberId).where('task_force_id', '=', id).returning('id').executeTakeFirst();
    if (!gone) throw new AppError('error.not_found', 404);
    await writeAudit(trx, actor, { action: 'taskforce.member_remove', objectType: 'task_force', objectId: id, detail: { memberId }, ip });
    return { ok: true };
  });
}

export async function taskForceDetail(ctx: AppContext, actor: Actor, id: number, q: Static<typeof ShiftsQuery>) {
  await visibleTaskForce(ctx, actor, id);
  const now = ctx.now();
  const row = await taskForceQuery(ctx, now).where('tf.id', '=', id).executeTakeFirstOrThrow();
  const members = await ctx.db.selectFrom('task_force_members').select(['id', 'account_id', 'name', 'duty', 'phone']).where('task_force_id', '=', id).orderBy('id').execute();
  const from = shanghaiInstant(q.from ?? schoolDateOf(now), '00:00');
  const to = new Date(from.getTime() + (q.days ?? 14) * 86_400_000);
  const shifts = await ctx.db
    .selectFrom('duty_shifts as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select(['d.id', 'd.account_id', 'a.display_name', 'd.post', 'd.starts_at', 'd.ends_at'])
    .where('d.task_force_id', '=', id)
    .where('d.ends_at', '>', from)
    .where('d.starts_at', '<', to)
    .orderBy('d.starts_at')
    .orderBy('d.id')
    .execute();
  await writeAudit(ctx.db, actor, { action: 'taskforce.read', objectType: 'task_force', objectId: id });
  return {
    taskForce: toTaskForceSummary(row),
    discipline: row.discipline,
    members: members.map((m) => ({ id: m.id, accountId: m.account_id, name: m.name, duty: m.duty, phone: m.phone })),
    shifts: shifts.map((s) => ({ id: s.id, accountId: s.account_id, name: s.display_name, post: s.post, startsAt: new Date(s.starts_at).toISOString(), endsAt: new Date(s.ends_at).toISOString() })),
    can: { manage: can(actor, 'taskforce.manage') },
  };
}
