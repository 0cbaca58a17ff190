import { sql } from 'kysely';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { Nullable, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { buildWorkbook, sendXlsx } from '../../shared/excel';
import { verifyAuditChain } from './verify-chain';
import { writeAudit } from './write-audit';

const AuditQuery = Strict({
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  objectType: Type.Optional(Type.String({ maxLength: 32 })),
  objectId: Type.Optional(Type.String({ maxLength: 64 })),
  result: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

const AuditRow = Type.Object({
  id: Type.Number(), seq: Nullable(Type.Number()), at: Type.String(), actorName: Nullable(Type.String()), actorRole: Nullable(Type.String()), action: Type.String(),
  objectType: Nullable(Type.String()), objectId: Nullable(Type.String()), scope: Nullable(Type.String()), result: Type.String(), ip: Nullable(Type.String()), detail: Type.Unknown(),
});

type Query = Static<typeof AuditQuery>;

function filtered(ctx: AppContext, q: Query) {
  let query = ctx.db.selectFrom('audit_log');
  if (q.actor) query = query.where('actor_name', '=', q.actor);
  if (q.action) query = query.where('action', 'like', `${q.action}%`);
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.result) query = query.where('result', '=', q.result);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  return query;
}

/** Auditors browse, filter, export and verify the append-only log; their own reads are logged too. */
export function registerAuditRoutes(app: App, ctx: AppContext) {
  const tags = ['audit'];

  app.get('/api/audit', { config: { access: 'audit.read' }, schema: { tags, querystring: AuditQuery, response: { 200: Type.Object({ items: Type.Array(AuditRow), total: Type.Number() }) } } }, async (req) => {
    const q = filtered(ctx, req.query);
    const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('id', 'desc').limit(req.query.limit ?? 100).offset(req.query.offset ?? 0).execute();
    await writeAudit(ctx.db, req.actor, { action: 'audit.read', objectType: 'audit_log', detail: { filter: req.query }, ip: req.ip });
    return {
      total: total.n,
      items: rows.map((r) => ({
        id: r.id, seq: r.seq, at: new Date(r.at).toISOString(), actorName: r.actor_name, actorRole: r.actor_role, action: r.action,
        objectType: r.object_type, objectId: r.object_id, scope: r.scope, result: r.result, ip: r.ip, detail: r.detail,
      })),
    };
  });

  app.get('/api/audit/export', { config: { access: 'audit.read' }, schema: { tags, querystring: AuditQuery } }, async (req, reply) => {
    const rows = await filtered(ctx, req.query).selectAll().orderBy('id').limit(200_000).execute();
    await writeAudit(ctx.db, req.actor, { action: 'audit.export', objectType: 'audit_log', detail: { filter: req.query, count: rows.length }, ip: req.ip });
    const file = await buildWorkbook('审计日志', [
      { header: '序号', value: (r) => r.seq },
      { header: '时间', width: 24, value: (r) => new Date(r.at).toISOString() },
      { header: '操作人', value: (r) => r.actor_name },
      { header: '角色', value: (r) => r.actor_role },
      { header: '操作', width: 20, value: (r) => r.action },
      { header: '对象类型', value: (r) => r.object_type },
      { header: '对象', text: true, value: (r) => r.object_id },
      { header: '范围', value: (r) => r.scope },
      { header: '结果', value: (r) => r.result },
      { header: 'IP', value: (r) => r.ip },
      { header: '哈希', width: 66, value: (r) => r.hash },
    ], rows);
    return sendXlsx(reply, '审计日志.xlsx', file);
  });

  app.get('/api/audit/verify', { config: { access: 'audit.read' }, schema: { tags, response: { 200: Type.Object({ ok: Type.Boolean(), rows: Type.Number(), firstBrokenSeq: Nullable(Type.Number()) }) } } }, () =>
    verifyAuditChain(ctx.db),
  );
}
