import { inTransaction } from '../../db/transaction';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';
import { responsibilityChain } from '../rectification/escalate';

/**
 * Scheduled job: a self-report still pending at its deadline becomes "missing", and a report filed after
 * it ("late") is escalated too, once, to the first region up the grid (the county's responsible person).
 * Row locks and the unique escalation row make a second run, or a second instance, escalate nothing more.
 */
export async function escalateLateSelfReports(ctx: AppContext): Promise<{ escalated: number }> {
  const now = ctx.now();
  const due = await ctx.db
    .selectFrom('self_reports')
    .select('id')
    .where('escalated_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('due_at', '<', now)]), eb('status', '=', 'late')]))
    .orderBy('id')
    .execute();
  let escalated = 0;
  for (const { id } of due) {
    escalated += await inTransaction(ctx.db, async (trx) => {
      const r = await trx.selectFrom('self_reports').select(['id', 'school_id', 'status', 'due_at', 'escalated_at']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      const overdue = r.status === 'pending' && new Date(r.due_at).getTime() < now.getTime();
      if (r.escalated_at || !(overdue || r.status === 'late')) return 0;
      // The nearest region with a named person; with none named, the county itself is on record.
      const chain = await responsibilityChain(trx, r.school_id);
      const region = chain.find((l) => l.unit === 'region' && l.accountId) ?? chain.find((l) => l.unit === 'region')!;
      const inserted = await trx
        .insertInto('governance_escalations')
        .values({ object_type: 'self_report', object_id: r.id, school_id: r.school_id, level: 1, to_account: region.accountId, to_region: region.key, at: now })
        .onConflict((oc) => oc.columns(['object_type', 'object_id', 'level']).doNothing())
        .returning('id')
        .executeTakeFirst();
      await trx.updateTable('self_reports').set({ status: overdue ? 'missing' : r.status, escalated_at: now }).where('id', '=', r.id).execute();
      if (!inserted) return 0;
      await writeAudit(trx, null, { action: 'self_report.escalate', objectType: 'self_report', objectId: r.id, detail: { status: overdue ? 'missing' : r.status, toAccount: region.accountId, toRegion: region.key, dueAt: new Date(r.due_at).toISOString() } });
      return 1;
    });
  }
  return { escalated };
}
