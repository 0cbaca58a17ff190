import { sql } from 'kysely';
import { regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import type { WebhookKind } from '../alerts/tables';

/** The robot URL carries its access token: lists show where it points, never the token. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}

function endpointFilter(actor: Actor) {
  return sql<boolean>`((school_id is not null and ${schoolInScope(actor.scope, 'school_id')}) or (region_code is not null and ${regionInScope(actor.scope, 'region_code')}))`;
}

export async function listEndpoints(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db.selectFrom('notification_endpoints').selectAll().where(endpointFilter(actor)).orderBy('id').execute();
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, urlMasked: maskUrl(r.url), signed: !!r.secret, regionCode: r.region_code, schoolId: r.school_id, enabled: r.enabled, createdAt: r.created_at.toISOString() })),
  };
}

export interface EndpointInput {
  kind: WebhookKind;
  name: string;
  url: string;
  secret?: string | null;
  regionCode?: string;
  schoolId?: number;
}

export async function createEndpoint(ctx: AppContext, actor: Actor, b: EndpointInput, ip?: string) {
  if ((b.regionCode == null) === (b.schoolId == null)) throw new AppError('notification.endpoint_one_owner', 400, { field: b.regionCode ? 'schoolId' : 'regionCode' });
  let url: URL;
  try {
    url = new URL(b.url);
  } catch {
    throw new AppError('notification.endpoint_url_invalid', 400, { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('notification.endpoint_url_invalid', 400, { field: 'url' });
  if (b.schoolId != null) {
    const row = await ctx.db.selectFrom('schools').select(sql<boolean>`${schoolInScope(actor.scope, 'schools.id')}`.as('allowed')).where('id', '=', b.schoolId).executeTakeFirst();
    if (!row) throw new AppError('error.not_found', 404, { field: 'schoolId' });
    if (!row.allowed) throw new AppError('error.out_of_scope', 403, { field: 'schoolId' });
  } else {
    const row = await ctx.db.selectFrom('regions').select(sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')).where('code', '=', b.regionCode!).executeTakeFirst();
    if (!row) throw new AppError('error.not_found', 404, { field: 'regionCode' });
    if (!row.allowed) throw new AppError('error.out_of_scope', 403, { field: 'regionCode' });
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx.insertInto('notification_endpoints').values({
      kind: b.kind, name: b.name.trim(), url: url.toString(), secret: b.secret || null, region_code: b.regionCode ?? null, school_id: b.schoolId ?? null, enabled: true, created_by: actor.accountId, created_at: ctx.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'notification_endpoint.create', objectType: 'notification_endpoint', objectId: row.id, detail: { kind: b.kind, url: maskUrl(b.url), schoolId: b.schoolId ?? null, regionCode: b.regionCode ?? null }, ip });
    return { id: row.id };
  });
}

/** Disables an endpoint (kept, because the delivery records point to it). */
export async function disableEndpoint(ctx: AppContext, actor: Actor, id: number, ip?: string) {
  const row = await ctx.db.selectFrom('notification_endpoints').select(['id', endpointFilter(actor).as('allowed')]).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) throw new AppError('error.out_of_scope', 403);
  await inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('notification_endpoints').set({ enabled: false }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'notification_endpoint.disable', objectType: 'notification_endpoint', objectId: id, ip });
  });
  return { ok: true };
}

/** Delivery records of the endpoints and accounts in the caller's reach, newest first. */
export async function listDeliveries(ctx: AppContext, actor: Actor, q: { limit?: number; status?: string }) {
  let query = ctx.db.selectFrom('notification_outbox').leftJoin('notification_endpoints', 'notification_endpoints.id', 'notification_outbox.endpoint_id')
    .select(['notification_outbox.id', 'notification_outbox.channel', 'notification_outbox.target', 'notification_outbox.dedupe_key', 'notification_outbox.status', 'notification_outbox.attempts',
      'notification_outbox.last_error', 'notification_outbox.created_at', 'notification_outbox.sent_at', 'notification_outbox.next_attempt_at', 'notification_endpoints.name as endpoint_name'])
    .where(sql<boolean>`(notification_outbox.endpoint_id is not null and ${endpointFilter(actor)})`);
  if (q.status) query = query.where('notification_outbox.status', '=', q.status as 'sent');
  const rows = await query.orderBy('notification_outbox.id', 'desc').limit(q.limit ?? 100).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, channel: r.channel, target: r.endpoint_name ?? r.target, event: r.dedupe_key, status: r.status, attempts: r.attempts, lastError: r.last_error,
      createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null, nextAttemptAt: r.next_attempt_at.toISOString(),
    })),
  };
}
