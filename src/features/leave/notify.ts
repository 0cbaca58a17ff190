import type { AfterCommit, Trx } from '../../db/transaction';
import type { ApproverStep } from '../../domain/leave/chain';
import type { AppContext } from '../../http/context';
import { notifyResponse } from '../cases/notify';
import { enqueueNotification } from '../notifications/enqueue';

/**
 * Who hears about a leave request: the approver whose turn it is (a request waiting, in the same
 * transaction as the request or the previous step's decision), and, once the chain has decided, the
 * child's guardians and class teacher.
 */
export async function notifyApprover(ctx: AppContext, trx: Trx, afterCommit: AfterCommit, o: { leaveId: number; step: number; chain: ApproverStep[]; personName: string; from: string; to: string }) {
  const next = o.chain[o.step];
  if (!next) return;
  await enqueueNotification(trx, {
    kind: 'leave.pending', dedupeKey: `leave.pending:${o.leaveId}:${o.step}`, recipients: [next.accountId],
    title: { zh: `请假待审批：${o.personName}`, en: `Leave request to decide: ${o.personName}` },
    body: { zh: `${o.personName}申请请假（${o.from}至${o.to}），请审批。`, en: `${o.personName} asks for leave from ${o.from} to ${o.to}; please decide.` },
    link: '/leave',
  }, ctx.now(), afterCommit);
}

/** After the commit of a final decision. */
export function notifyDecision(ctx: AppContext, o: { schoolId: number; personId: number; status: 'approved' | 'rejected'; from: string; to: string; note: string | null }) {
  return notifyResponse(ctx.db, [{
    kind: 'leave_decided', schoolId: o.schoolId, personId: o.personId, audience: ['guardians', 'class_teacher'],
    payload: { decision: o.status === 'approved' ? 'approved' : 'refused', from: o.from, to: o.to, note: o.note ?? '' },
  }]);
}
