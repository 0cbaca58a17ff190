import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { describeScope, type Actor } from '../../domain/access/scope';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string | number | null;
  result?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Appends one audit row. Call it inside the operation's transaction so the record and the change
 * commit together; the database chains the row's hash and refuses updates and deletes.
 */
export async function writeAudit(db: Kysely<Database>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor?.accountId ?? null,
      actor_name: actor?.username ?? null,
      actor_role: actor?.role ?? null,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId == null ? null : String(entry.objectId),
      scope: actor ? describeScope(actor.scope) : null,
      result: entry.result ?? 'ok',
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: entry.ip ?? actor?.ip ?? null,
    })
    .execute();
}
