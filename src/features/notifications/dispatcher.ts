import { sql } from 'kysely';
import { type BackoffPolicy, DEFAULT_BACKOFF, nextAttemptDelay, type RobotMessage } from '../../domain/notifications';
import type { AppContext } from '../../http/context';
import { defaultTransports, type SendResult, type Transports } from './transports';

interface OutboxRow {
  id: number;
  channel: 'email' | 'dingtalk' | 'wecom';
  target: string;
  endpoint_id: number | null;
  payload: unknown;
  attempts: number;
}

/** How long a claimed message stays claimed; an instance that dies mid-send releases it after this. */
const CLAIM_MS = 120_000;

/**
 * Sends what the outbox holds and is due, recording every attempt. Rows are claimed with SKIP LOCKED,
 * so several instances (or overlapping runs) never send one row twice; a failure is retried on the
 * back-off schedule and given up ("dead") after the last attempt.
 */
export async function dispatchNotifications(ctx: AppContext, o: { transports?: Transports; backoff?: BackoffPolicy; limit?: number } = {}) {
  const transports = o.transports ?? defaultTransports;
  const now = ctx.now();
  const claimed = await sql<OutboxRow>`
    update notification_outbox set status = 'sending', locked_until = ${new Date(now.getTime() + CLAIM_MS)}, attempts = attempts + 1
    where id in (select id from notification_outbox
                 where (status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and locked_until < ${now})
                 order by id limit ${o.limit ?? 50} for update skip locked)
    returning id, channel, target, endpoint_id, payload, attempts`.execute(ctx.db);
  let sent = 0;
  let failed = 0;
  for (const row of claimed.rows) {
    const started = Date.now();
    const result = await send(ctx, transports, row, now);
    const at = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('notification_attempts').values({
        outbox_id: row.id, attempt: row.attempts, at, ok: result.ok, status_code: result.statusCode ?? null, error: result.ok ? null : (result.error ?? 'failed'), duration_ms: Date.now() - started,
      }).execute();
      if (result.ok) {
        await trx.updateTable('notification_outbox').set({ status: 'sent', sent_at: at, locked_until: null, last_error: null }).where('id', '=', row.id).execute();
      } else {
        const delay = nextAttemptDelay(row.attempts, o.backoff ?? DEFAULT_BACKOFF);
        await trx.updateTable('notification_outbox').set({
          status: delay == null ? 'dead' : 'pending', locked_until: null, last_error: result.error ?? 'failed', next_attempt_at: new Date(at.getTime() + (delay ?? 0)),
        }).where('id', '=', row.id).execute();
      }
    });
    if (result.ok) sent++;
    else failed++;
  }
  return { claimed: claimed.rows.length, sent, failed };
}

async function send(ctx: AppContext, transports: Transports, row: OutboxRow, now: Date): Promise<SendResult> {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
  if (row.channel === 'email') return transports.email(row.target, String(payload.subject), String(payload.text));
  const endpoint = row.endpoint_id == null ? null : await ctx.db.selectFrom('notification_endpoints').select(['url', 'secret', 'enabled']).where('id', '=', row.endpoint_id).executeTakeFirst();
  if (!endpoint?.enabled) return { ok: false, error: 'endpoint disabled or removed' };
  return transports.robot(row.channel, endpoint, payload as unknown as RobotMessage, now);
}
