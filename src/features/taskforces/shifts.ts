import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { MAX_SHIFT_HOURS, overlappingShifts, type Shift } from '../../domain/rosters/overlap';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import type { AddShiftsBody } from './schema';
import { visibleTaskForce } from './service';

/**
 * Adds shifts to a task force's roster, all or none. One person cannot be in two places at once: a new
 * shift overlapping another of the same person (in any task force, or in the same request) is refused
 * with the field named. A retried request (the very same shifts already on this roster) adds nothing.
 */
export async function addShifts(ctx: AppContext, actor: Actor, id: number, body: Static<typeof AddShiftsBody>, ip: string) {
  const tf = await visibleTaskForce(ctx, actor, id);
  if (!tf.active) throw new AppError('taskforce.inactive', 409);
  const wanted = body.shifts.map((s, i) => {
    const startsAt = new Date(s.startsAt);
    const endsAt = new Date(s.endsAt);
    if (!(endsAt > startsAt)) throw new AppError('duty.shift_end_before_start', 400, { field: `shifts/${i}/endsAt` });
    if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * 3_600_000) throw new AppError('duty.shift_too_long', 400, { field: `shifts/${i}/endsAt`, hours: MAX_SHIFT_HOURS });
    return { accountId: s.accountId, startsAt, endsAt, post: s.post?.trim() ?? '' };
  });
  const members = new Set((await ctx.db.selectFrom('task_force_members').select('account_id').where('task_force_id', '=', id).where('account_id', 'is not', null).execute()).map((m) => Number(m.account_id)));
  wanted.forEach((s, i) => {
    if (!members.has(s.accountId)) throw new AppError('duty.shift_not_member', 400, { field: `shifts/${i}/accountId` });
  });
  const accounts = [...new Set(wanted.map((s) => s.accountId))].sort((a, b) => a - b);
  return inTransaction(ctx.db, async (trx) => {
    // One roster writer per person at a time (in id order, so two requests cannot deadlock).
    for (const a of accounts) await sql`select pg_advisory_xact_lock(hashtext(${`duty:${a}`}))`.execute(trx);
    const existing = await trx
      .selectFrom('duty_shifts as d')
      .innerJoin('task_forces as t', 't.id', 'd.task_force_id')
      .select(['d.id', 'd.task_force_id', 'd.account_id', 'd.starts_at', 'd.ends_at', 't.name'])
      .where('d.account_id', 'in', accounts)
      .where('d.starts_at', '<', new Date(Math.max(...wanted.map((s) => s.endsAt.getTime()))))
      .where('d.ends_at', '>', new Date(Math.min(...wanted.map((s) => s.startsAt.getTime()))))
      .execute();
    const same = (e: (typeof existing)[number], s: (typeof wanted)[number]) =>
      e.task_force_id === id && e.account_id === s.accountId && new Date(e.starts_at).getTime() === s.startsAt.getTime() && new Date(e.ends_at).getTime() === s.endsAt.getTime();
    const fresh = wanted.map((s, i) => ({ s, i })).filter(({ s }) => !existing.some((e) => same(e, s)));
    const all: Shift[] = [...existing.map((e) => ({ accountId: e.account_id, startsAt: new Date(e.starts_at), endsAt: new Date(e.ends_at) })), ...fresh.map(({ s }) => s)];
    const clash = overlappingShifts(all).find(([, j]) => j >= existing.length);
    if (clash) {
      const [a, b] = clash;
      const index = fresh[b - existing.length].i;
      const field = `shifts/${index}/startsAt`;
      if (a >= existing.length) throw new AppError('duty.shift_overlap_in_request', 409, { field, other: fresh[a - existing.length].i + 1 });
      const e = existing[a];
      throw new AppError('duty.shift_overlap', 409, { field, taskForce: e.name, ...beijingRange(new Date(e.starts_at), new Date(e.ends_at)) });
    }
    if (!fresh.length) return { added: 0, ids: [] as number[] };
    const rows = await trx
      .insertInto('duty_shifts')
      .values(fresh.map(({ s }) => ({ task_force_id: id, account_id: s.accountId, starts_at: s.startsAt, ends_at: s.endsAt, post: s.post, created_by: actor.accountId, created_at: ctx.now() })))
      .returning('id')
      .execute();
    await writeAudit(trx, actor, { action: 'duty.shifts_add', objectType: 'task_force', objectId: id, detail: { shifts: rows.map((r) => r.id) }, ip });
    return { added: rows.length, ids: rows.map((r) => r.id) };
  });
}

export async function removeShift(ctx: AppContext, actor: Actor, id: number, shiftId: number, ip: string) {
  await visibleTaskForce(ctx, actor, id);
  return inTransaction(ctx.db, async (trx) => {
    const gone = await trx.deleteFrom('duty_shifts').where('id', '=', shiftId).where('task_force_id', '=', id).returning(['account_id', 'starts_at']).executeTakeFirst();
    if (!gone) throw new AppError('error.not_found', 404);
    await writeAudit(trx, actor, { action: 'duty.shift_remove', objectType: 'task_force', objectId: id, detail: { shiftId, accountId: gone.account_id }, ip });
    return { ok: true };
  });
}

/** Times shown to users are Beijing time (UTC+8, no daylight saving), not the stored UTC instant. */
export function beijingRange(from: Date, to: Date): { from: string; to: string } {
  const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const a = local(from);
  const b = local(to);
  return { from: a, to: a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b };
}
