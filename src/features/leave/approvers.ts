import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { PERMISSIONS } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { schoolApprovers } from './queries';
import type { ApproversBody } from './schema';

const APPROVER_ROLES = PERMISSIONS['leave.approve'];

/** The school's configured steps and the accounts that could fill them. */
export async function getApprovers(ctx: AppContext, actor: Actor, schoolId: number) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const candidates = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'role'])
    .where('school_id', '=', schoolId)
    .where('role', 'in', [...APPROVER_ROLES])
    .where('disabled_at', 'is', null)
    .orderBy('role')
    .orderBy('display_name')
    .execute();
  return { steps: await schoolApprovers(ctx.db, schoolId), candidates: candidates.map((c) => ({ accountId: c.id, name: c.display_name, role: c.role })) };
}

/**
 * Replaces the school's approval steps (e.g. 教务主任 always, 校长 above 3 days). Requests already
 * made keep the chain they were made with.
 */
export async function setApprovers(ctx: AppContext, actor: Actor, schoolId: number, body: Static<typeof ApproversBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const ids = body.steps.map((s) => s.accountId);
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dup >= 0) throw new AppError('leave.approver_repeated', 400, { field: `steps.${dup}.accountId` });
  const valid = ids.length
    ? new Set((await ctx.db.selectFrom('accounts').select('id').where('id', 'in', ids).where('school_id', '=', schoolId).where('role', 'in', [...APPROVER_ROLES]).where('disabled_at', 'is', null).execute()).map((r) => r.id))
    : new Set<number>();
  const bad = ids.findIndex((id) => !valid.has(id));
  if (bad >= 0) throw new AppError('leave.approver_invalid', 400, { field: `steps.${bad}.accountId` });
  await inTransaction(ctx.db, async (trx) => {
    await trx.deleteFrom('leave_approvers').where('school_id', '=', schoolId).execute();
    if (body.steps.length) {
      await trx.insertInto('leave_approvers').values(body.steps.map((s, i) => ({ school_id: schoolId, step: i + 1, account_id: s.accountId, label: s.label, more_than_days: s.moreThanDays }))).execute();
    }
    await writeAudit(trx, actor, { action: 'leave.approvers', objectType: 'school', objectId: schoolId, detail: { steps: body.steps }, ip });
  });
  return getApprovers(ctx, actor, schoolId);
}
