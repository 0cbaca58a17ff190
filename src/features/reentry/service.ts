import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { notifyResponse } from '../cases/notify';
import { schoolToday } from '../cases/school-date';
import { notifyRiskChanges } from '../cases/service';
import { writeOrder } from '../isolation/service';
import { recomputeRisk } from '../risk/recompute';
import { listProposals } from './queries';
import type { DecideProposalBody, ProposalListQuery } from './schema';

/** Re-entry proposals follow the COVID-19 policy, as the return check and the screening answer that raise them do. */
const DISEASE = 'covid19';

export async function proposals(ctx: AppContext, actor: Actor, q: Static<typeof ProposalListQuery>, ip: string) {
  const items = await listProposals(ctx.db, actor, q);
  await writeAudit(ctx.db, actor, { action: 'reentry.list', objectType: 'person', detail: { filter: q, count: items.length }, ip });
  return { items };
}

/**
 * The school's decision on one proposal. "order" turns it into what it proposes: an isolation order
 * under the policy in force (with its test days), or tests the person then owes on the due list;
 * "dismiss" needs a reason. Each proposal is decided once: the decision row is written first under a
 * unique key, so two doctors deciding at once get one order and one 409, never two orders.
 */
export async function decideProposal(ctx: AppContext, actor: Actor, body: Static<typeof DecideProposalBody>, ip: string) {
  const [row] = await listProposals(ctx.db, actor, { status: 'all', only: { source: body.source, sourceRef: body.sourceRef, index: body.index }, limit: 1 });
  if (!row) throw new AppError('reentry.unknown', 404, { field: 'sourceRef' });
  if (row.decision) throw new AppError('reentry.already_decided', 409, { field: 'index' });
  const reason = body.reason?.trim() ?? '';
  if (body.decision === 'dismiss' && reason.length < 2) throw new AppError('reentry.reason_required', 400, { field: 'reason' });
  const today = schoolToday(ctx);
  const now = ctx.now();
  const p = row.proposal;
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const inserted = await trx
      .insertInto('reentry_decisions')
      .values({
        source: row.source, source_ref: row.sourceRef, proposal_index: row.index, proposal: JSON.stringify(p), person_id: row.personId, school_id: row.schoolId,
        decision: body.decision === 'order' ? 'ordered' : 'dismissed', isolation_id: null,
        test_dates: JSON.stringify(body.decision === 'order' && p.kind === 'tests' ? p.dates : []), reason, decided_by: actor.accountId, decided_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('reentry.already_decided', 409, { field: 'index' });
    let isolationId: number | null = null;
    if (body.decision === 'order' && p.kind === 'isolation') {
      // The plan counts from the day of return, as the policy does, not from the day of the decision.
      const startsOn = p.startsOn;
      const order = await writeOrder(ctx, trx, actor, {
        personId: row.personId, schoolId: row.schoolId, disease: DISEASE, role: p.role, kind: p.isolationKind, siteId: body.siteId, startsOn,
        reason: reason || (row.source === 'leave' ? '销假返校研判' : '返校排查研判'),
      });
      isolationId = order.id;
      await trx.updateTable('reentry_decisions').set({ isolation_id: order.id }).where('id', '=', inserted.id).execute();
      const risk = await recomputeRisk(trx, { personIds: [row.personId] }, { now, today });
      afterCommit(async () => {
        await notifyResponse(ctx.db, [{ kind: 'isolation_ordered', schoolId: row.schoolId, personId: row.personId, audience: ['class_teacher', 'guardians'], payload: order }]);
        await notifyRiskChanges(ctx, risk.changes);
      });
    }
    await writeAudit(trx, actor, {
      action: 'reentry.decide', objectType: 'person', objectId: row.personId,
      detail: { source: row.source, sourceRef: row.sourceRef, index: row.index, kind: p.kind, decision: body.decision, isolationId, reason }, ip,
    });
    return { id: inserted.id, decision: body.decision === 'order' ? 'ordered' : 'dismissed', isolationId, testDates: body.decision === 'order' && p.kind === 'tests' ? p.dates : [] };
  });
}
