import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction';
import { cutoffDate, DATA_CLASSES, retentionDays } from '../../domain/retention/policy';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';

export interface PurgeResult {
  key: string;
  keptFrom: string;
  purged: number;
}

/**
 * Purges the personal health data past each class's retention (see src/domain/retention/policy.ts),
 * one transaction per class with its own audit row, so a failure in one class purges nothing of it
 * and leaves the others done. Running it again the same day purges nothing more.
 */
export async function purgeExpiredData(ctx: AppContext, days: Map<string, number> = retentionDays(process.env)): Promise<PurgeResult[]> {
  const today = schoolToday(ctx);
  const out: PurgeResult[] = [];
  for (const c of DATA_CLASSES) {
    const keptFrom = cutoffDate(today, days.get(c.key) ?? c.defaultDays);
    // School dates compare as dates; instants from the start of that school day in Asia/Shanghai.
    const before = c.columnType === 'date' ? sql`${keptFrom}::date` : sql`(${keptFrom}::date::timestamp - interval '8 hours') at time zone 'UTC'`;
    const purged = await inTransaction(ctx.db, async (trx) => {
      const r = await sql`delete from ${sql.table(c.table)} where ${sql.ref(c.column)} < ${before}`.execute(trx);
      const n = Number(r.numAffectedRows ?? 0);
      if (n) await writeAudit(trx, null, { action: 'retention.purge', objectType: c.table, detail: { dataClass: c.key, keptFrom, purged: n } });
      return n;
    });
    out.push({ key: c.key, keptFrom, purged });
  }
  return out;
}
