import { inTransaction } from '../../db/transaction';
import { nextEscalation } from '../../domain/notifications';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';
import { notifyAlertEvent } from '../notifications/alert-notifications';
import { effectiveRules } from './rule-sets';

/**
 * Moves every alert nobody has acknowledged in time one level up (school → county → city), the time
 * being the region's setting counted from the raise or the last escalation. Each step is a guarded
 * UPDATE, so two instances running the job at once escalate an alert once.
 */
export async function escalateOverdueAlerts(ctx: AppContext): Promise<{ escalated: number[] }> {
  const now = ctx.now();
  const open = await ctx.db.selectFrom('alerts').select(['id', 'region_code', 'escalation_level', 'raised_at', 'escalated_at'])
    .where('status', '=', 'new').where('escalation_level', 'in', ['school', 'county']).orderBy('id').execute();
  const minutesOf = new Map<string, number>();
  const escalated: number[] = [];
  for (const a of open) {
    let minutes = minutesOf.get(a.region_code);
    if (minutes === undefined) minutesOf.set(a.region_code, (minutes = (await effectiveRules(ctx.db, a.region_code)).escalateAfterMinutes));
    const since = a.escalated_at ?? a.raised_at;
    if (since.getTime() + minutes * 60_000 > now.getTime()) continue;
    const to = nextEscalation(a.escalation_level);
    if (!to) continue;
    const done = await inTransaction(ctx.db, async (trx, afterCommit) => {
      const row = await trx.updateTable('alerts').set((eb) => ({ escalation_level: to, escalated_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', a.id).where('status', '=', 'new').where('escalation_level', '=', a.escalation_level).returning('id').executeTakeFirst();
      if (!row) return false;
      await trx.insertInto('alert_events').values({ alert_id: a.id, at: now, actor_id: null, action: 'escalated', from_status: null, to_status: null, note: null, detail: JSON.stringify({ from: a.escalation_level, to, afterMinutes: minutes }) }).execute();
      await writeAudit(trx, null, { action: 'alert.escalate', objectType: 'alert', objectId: a.id, detail: { from: a.escalation_level, to } });
      await notifyAlertEvent(trx, a.id, `escalated:${to}`, now, afterCommit);
      return true;
    });
    if (done) escalated.push(a.id);
  }
  return { escalated };
}
