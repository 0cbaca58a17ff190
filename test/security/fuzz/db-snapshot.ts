import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/db/tables';

/**
 * Row count and the newest row version of every table, in one statement, to prove that a refused
 * request wrote nothing: a committed insert or update gives a row a newer xmin (the writing transaction's
 * id) and a delete lowers the count, while a rolled-back write leaves no visible trace. `nextXid` is the
 * next transaction id: while it stays put no transaction has written anything, and the table scan (the
 * expensive part, hundreds of times per run) is skipped.
 */
export interface Snapshot {
  nextXid: string;
  tables: Record<string, string>;
}

// Tables whose content changes on every request by design, not by what the request asked for: the
// session row records when it was last seen. Their row counts are still compared.
const COUNT_ONLY = new Set(['sessions']);
// A refused attempt is recorded on purpose (a wrong password counts towards throttling, a denied access
// is audited): those rows are the record of the refusal, not a partial write. Every other row counts.
const ONLY_ROWS: Record<string, string> = { audit_log: `result not in ('denied', 'fail', 'failed')`, login_attempts: 'success' };

export async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  return rows.rows.map((r) => r.name);
}

const nextXid = async (db: Kysely<Database>) => (await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(db)).rows[0].x;

export async function snapshot(db: Kysely<Database>, tables: string[]): Promise<Snapshot> {
  const xid = await nextXid(db);
  const parts = tables.map((t) =>
    COUNT_ONLY.has(t)
      ? `select '${t}' as t, count(*)::text as v from "${t}"`
      : `select '${t}' as t, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as v from "${t}"${ONLY_ROWS[t] ? ` where ${ONLY_ROWS[t]}` : ''}`,
  );
  const rows = await sql<{ t: string; v: string }>`${sql.raw(parts.join(' union all '))}`.execute(db);
  return { nextXid: xid, tables: Object.fromEntries(rows.rows.map((r) => [r.t, r.v])) };
}

/** The tables whose count or newest row differ from `before`, e.g. `checks: 3:812 → 4:815`; the scan only when a transaction wrote. */
export async function changesSince(db: Kysely<Database>, tables: string[], before: Snapshot): Promise<{ changed: string[]; now: Snapshot }> {
  if ((await nextXid(db)) === before.nextXid) return { changed: [], now: before };
  const now = await snapshot(db, tables);
  const changed = Object.keys(now.tables)
    .filter((t) => before.tables[t] !== now.tables[t])
    .map((t) => `${t}: ${before.tables[t]} → ${now.tables[t]}`);
  return { changed, now };
}
