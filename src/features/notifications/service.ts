import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';

type Row = { id: number; kind: string; title_zh: string; title_en: string; body_zh: string; body_en: string; link: string | null; alert_id: number | null; created_at: Date; read_at: Date | null };

export function toNotification(r: Row) {
  return {
    id: r.id, kind: r.kind, title: { zh: r.title_zh, en: r.title_en }, body: { zh: r.body_zh, en: r.body_en }, link: r.link, alertId: r.alert_id,
    createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
  };
}

const COLUMNS = ['id', 'kind', 'title_zh', 'title_en', 'body_zh', 'body_en', 'link', 'alert_id', 'created_at', 'read_at'] as const;

/** The caller's own notifications, newest first; only ever the caller's (the account id is the filter). */
export async function listNotifications(db: Kysely<Database>, actor: Actor, q: { unread?: boolean; limit?: number; before?: number }) {
  let query = db.selectFrom('notifications').select([...COLUMNS]).where('account_id', '=', actor.accountId);
  if (q.unread) query = query.where('read_at', 'is', null);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit ?? 50).execute();
  const unread = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', actor.accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return { items: rows.map(toNotification), unread: Number(unread.n) };
}

export async function newNotificationsSince(db: Kysely<Database>, accountId: number, afterId: number) {
  const rows = await db.selectFrom('notifications').select([...COLUMNS]).where('account_id', '=', accountId).where('id', '>', afterId).orderBy('id').limit(50).execute();
  return rows.map(toNotification);
}

export async function markRead(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.updateTable('notifications').set({ read_at: ctx.now() }).where('id', '=', id).where('account_id', '=', actor.accountId).where('read_at', 'is', null).returning('id').executeTakeFirst();
  if (!row) {
    const exists = await ctx.db.selectFrom('notifications').select('id').where('id', '=', id).where('account_id', '=', actor.accountId).executeTakeFirst();
    // Someone else's notification looks the same as a missing one: no hint that it exists.
    if (!exists) throw new AppError('error.not_found', 404);
  }
  return { ok: true };
}

export async function markAllRead(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db.updateTable('notifications').set({ read_at: ctx.now() }).where('account_id', '=', actor.accountId).where('read_at', 'is', null).returning('id').execute();
  return { updated: rows.length };
}
