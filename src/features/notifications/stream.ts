import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { notificationBus } from './bus';
import { newNotificationsSince } from './service';

const POLL_MS = 5_000;
const HEARTBEAT_MS = 20_000;
const SESSION_CHECK_MS = 60_000;

/**
 * Server-sent events of the caller's own notifications. Rows are read from the table (committed only,
 * the caller's account only), woken at once by this process's commits and otherwise every few seconds,
 * so a notification made on another instance arrives too. Resumes after `Last-Event-ID`. The stream
 * ends when the session is revoked or expires, and after `maxMs` (the browser reconnects).
 */
export async function notificationStream(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, actor: Actor, maxMs: number) {
  const header = req.headers['last-event-id'];
  let last = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : null;
  if (last == null) {
    const top = await ctx.db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('id')).where('account_id', '=', actor.accountId).executeTakeFirst();
    last = Number(top?.id ?? 0);
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  raw.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ lastId: last })}\n\n`);
  let closed = false;
  let busy = false;
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    if (closed) return;
    closed = true;
    for (const t of timers) clearInterval(t);
    notificationBus.off('committed', onCommit);
    raw.end();
  };
  const pump = async () => {
    if (closed || busy) return;
    busy = true;
    try {
      for (const n of await newNotificationsSince(ctx.db, actor.accountId, last!)) {
        if (closed) break;
        raw.write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
        last = n.id;
      }
    } catch {
      close();
    } finally {
      busy = false;
    }
  };
  const checkSession = async () => {
    if (!actor.sessionId) return;
    const s = await ctx.db.selectFrom('sessions').select(['revoked_at', 'expires_at']).where('id', '=', actor.sessionId).executeTakeFirst();
    if (!s || s.revoked_at || s.expires_at <= ctx.now()) close();
  };
  const onCommit = (ids: number[]) => {
    if (ids.includes(actor.accountId)) void pump();
  };
  notificationBus.on('committed', onCommit);
  req.raw.on('close', close);
  if (maxMs <= 0) {
    await pump();
    close();
    return;
  }
  timers.push(setInterval(() => void pump(), POLL_MS), setInterval(() => !closed && raw.write(': ping\n\n'), HEARTBEAT_MS), setInterval(() => void checkSession(), SESSION_CHECK_MS));
  timers.push(setTimeout(close, maxMs));
  await pump();
}
