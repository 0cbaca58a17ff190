import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';

/**
 * Chains the committed audit rows that are not sealed yet (migrations/0003_audit_sealing.sql). Rows
 * are written unsealed so audited writes do not queue behind one lock through each other's commit;
 * this runs every few seconds (job audit.seal) and before each verification. Safe to run from several
 * instances at once: the database function takes the chain's lock.
 */
export async function sealAuditLog(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql<{ n: number }>`select audit_log_seal() as n`.execute(db);
    const n = Number(r.rows[0]?.n ?? 0);
    total += n;
    if (n < 50_000) return total;
  }
}

/** How often the job seals: the longest time an audit row stays outside the chain on a running server. */
export const AUDIT_SEAL_EVERY_MS = 2_000;
