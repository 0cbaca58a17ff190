import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { sealAuditLog } from './seal';

/**
 * Seals pending rows, then recomputes the hash chain in the database (the same expression as the insert trigger) and
 * reports the first row whose stored hash or link does not match.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<{ ok: boolean; rows: number; firstBrokenSeq: number | null }> {
  // Rows are chained after commit; seal what has committed so the answer covers every row.
  await sealAuditLog(db);
  const result = await sql<{ rows: number; first_broken: number | null }>`
    with chain as (
      select seq, hash, prev_hash,
        lag(hash) over (order by seq) as previous,
        encode(sha256(convert_to(concat_ws('|', prev_hash, seq, at, actor_id, action, object_type, object_id, scope, result, detail::text), 'UTF8')), 'hex') as recomputed
      from audit_log where seq is not null
    )
    select count(*) as rows,
      min(seq) filter (where hash <> recomputed or prev_hash <> coalesce(previous, '')) as first_broken
    from chain`.execute(db);
  const row = result.rows[0];
  return { ok: row.first_broken == null, rows: Number(row.rows), firstBrokenSeq: row.first_broken == null ? null : Number(row.first_broken) };
}
