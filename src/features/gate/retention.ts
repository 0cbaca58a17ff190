import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';

/** The ledger is personal data: kept for the policy's period, never less than the audit minimum (184 days). */
export const MIN_LEDGER_DAYS = 184;

/**
 * Purges gate entries (with their doctor's notices) and visitor registrations older than `keepDays`,
 * in one transaction, and records the purge in the audit log. Run by the scheduled retention job.
 */
export async function purgeGateLedger(ctx: AppContext, keepDays: number) {
  if (!Number.isInteger(keepDays) || keepDays < MIN_LEDGER_DAYS) throw new RangeError(`keepDays must be a whole number ≥ ${MIN_LEDGER_DAYS}`);
  const cutoff = new Date(ctx.now().getTime() - keepDays * 86_400_000);
  return inTransaction(ctx.db, async (trx) => {
    await trx.deleteFrom('gate_doctor_notices').where('entry_id', 'in', (eb) => eb.selectFrom('gate_entries').select('id').where('at', '<', cutoff)).execute();
    const entries = await trx.deleteFrom('gate_entries').where('at', '<', cutoff).executeTakeFirst();
    const visitors = await trx
      .deleteFrom('visitors')
      .where('registered_at', '<', cutoff)
      .where(sql<boolean>`not exists (select 1 from gate_entries e where e.visitor_id = visitors.id)`)
      .executeTakeFirst();
    await trx.deleteFrom('gate_presence').where('subject', 'like', 'v:%').where(sql<boolean>`not exists (select 1 from visitors v where 'v:' || v.id = gate_presence.subject)`).execute();
    const result = { cutoff: cutoff.toISOString(), entries: Number(entries.numDeletedRows), visitors: Number(visitors.numDeletedRows) };
    await writeAudit(trx, null, { action: 'gate.ledger.purge', objectType: 'gate_entries', detail: result });
    return result;
  });
}
