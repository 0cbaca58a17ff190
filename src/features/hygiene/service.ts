import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { type AreaType, type HygieneKind, overdueAreas } from '../../domain/hygiene/frequency';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { dayBounds, schoolDate } from '../gate/person-state';
import { assertSchoolInScope } from '../scope-guard';
import { footingOf } from './footing';
import type { CreateAreaBody, CreateLogBody } from './schema';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

function lastByKind(ctx: AppContext, schoolId: number) {
  return ctx.db
    .selectFrom('hygiene_areas')
    .select([
      'hygiene_areas.id', 'hygiene_areas.name', 'hygiene_areas.area_type', 'hygiene_areas.created_at',
      sql<Date | null>`(select max(l.done_at) from hygiene_logs l where l.area_id = hygiene_areas.id and l.kind = 'ventilation')`.as('ventilation'),
      sql<Date | null>`(select max(l.done_at) from hygiene_logs l where l.area_id = hygiene_areas.id and l.kind = 'disinfection')`.as('disinfection'),
      sql<Date | null>`(select max(l.done_at) from hygiene_logs l where l.area_id = hygiene_areas.id and l.kind = 'inspection')`.as('inspection'),
    ])
    .where('hygiene_areas.school_id', '=', schoolId)
    .where('hygiene_areas.active', '=', true)
    .orderBy('hygiene_areas.name')
    .execute();
}

export async function listAreas(ctx: AppContext, actor: Actor, schoolId: number) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const rows = await lastByKind(ctx, schoolId);
  return rows.map((r) => ({ id: r.id, name: r.name, areaType: r.area_type, lastVentilation: iso(r.ventilation), lastDisinfection: iso(r.disinfection), lastInspection: iso(r.inspection) }));
}

export async function createArea(ctx: AppContext, actor: Actor, body: Static<typeof CreateAreaBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, body.schoolId);
  return inTransaction(ctx.db, async (trx) => {
    const dup = await trx.selectFrom('hygiene_areas').select('id').where('school_id', '=', body.schoolId).where('name', '=', body.name.trim()).executeTakeFirst();
    if (dup) throw new AppError('hygiene.area_exists', 409, { field: 'name' });
    const row = await trx.insertInto('hygiene_areas').values({ school_id: body.schoolId, name: body.name.trim(), area_type: body.areaType as AreaType, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'hygiene.area.create', objectType: 'hygiene_area', objectId: row.id, ip });
    return row;
  });
}

/** One ventilation, disinfection or inspection record; a retried submission (same key) is recorded once. */
export async function recordLog(ctx: AppContext, actor: Actor, body: Static<typeof CreateLogBody>, ip: string) {
  const area = await ctx.db.selectFrom('hygiene_areas').select(['id', 'school_id']).where('id', '=', body.areaId).executeTakeFirst();
  if (!area) throw new AppError('hygiene.area_unknown', 404, { field: 'areaId' });
  await assertSchoolInScope(ctx, actor, area.school_id);
  if (body.kind === 'inspection' && !body.result) throw new AppError('hygiene.result_required', 400, { field: 'result' });
  const now = ctx.now();
  const doneAt = body.doneAt ? new Date(body.doneAt) : now;
  // A minute of grace for a phone whose clock runs a little ahead.
  if (doneAt.getTime() > now.getTime() + 60_000) throw new AppError('hygiene.in_future', 400, { field: 'doneAt' });
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('hygiene_logs')
      .values({
        school_id: area.school_id, area_id: area.id, kind: body.kind as HygieneKind, done_at: doneAt, method: body.method.trim(), agent: body.agent?.trim() ?? '',
        done_by: body.doneBy.trim(), result: body.kind === 'inspection' ? (body.result ?? null) : null, note: body.note?.trim() ?? '', recorded_by: actor.accountId,
        recorded_at: now, idempotency_key: body.idempotencyKey,
      })
      .onConflict((oc) => oc.columns(['school_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      const first = await trx.selectFrom('hygiene_logs').select(['id', 'area_id', 'kind']).where('school_id', '=', area.school_id).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirstOrThrow();
      if (first.area_id !== area.id || first.kind !== body.kind) throw new AppError('hygiene.key_reused', 409, { field: 'idempotencyKey' });
      return { id: first.id, duplicate: true };
    }
    await writeAudit(trx, actor, { action: 'hygiene.log', objectType: 'hygiene_log', objectId: row.id, detail: { area: area.id, kind: body.kind }, ip });
    return { id: row.id, duplicate: false };
  });
}

export async function listLogs(ctx: AppContext, actor: Actor, q: { schoolId: number; date?: string; areaId?: number }) {
  await assertSchoolInScope(ctx, actor, q.schoolId);
  const { from, to } = dayBounds(q.date ?? schoolDate(ctx.now()));
  let query = ctx.db
    .selectFrom('hygiene_logs')
    .innerJoin('hygiene_areas', 'hygiene_areas.id', 'hygiene_logs.area_id')
    .select(['hygiene_logs.id', 'hygiene_logs.area_id', 'hygiene_areas.name', 'hygiene_logs.kind', 'hygiene_logs.done_at', 'hygiene_logs.method', 'hygiene_logs.agent', 'hygiene_logs.done_by', 'hygiene_logs.result', 'hygiene_logs.note'])
    .where('hygiene_logs.school_id', '=', q.schoolId)
    .where('hygiene_logs.done_at', '>=', from)
    .where('hygiene_logs.done_at', '<', to);
  if (q.areaId) query = query.where('hygiene_logs.area_id', '=', q.areaId);
  const rows = await query.orderBy('hygiene_logs.done_at', 'desc').limit(2000).execute();
  return rows.map((r) => ({ id: r.id, areaId: r.area_id, areaName: r.name, kind: r.kind, doneAt: new Date(r.done_at).toISOString(), method: r.method, agent: r.agent, doneBy: r.done_by, result: r.result, note: r.note }));
}

/** Areas whose ventilation, disinfection or inspection is overdue for the footing in force. */
export async function overdueList(ctx: AppContext, actor: Actor, schoolId: number) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const [rows, footing] = await Promise.all([lastByKind(ctx, schoolId), footingOf(ctx.db, schoolId)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const list = overdueAreas(
    rows.map((r) => ({ areaId: r.id, areaType: r.area_type, since: new Date(r.created_at), last: { ...(r.ventilation ? { ventilation: new Date(r.ventilation) } : {}), ...(r.disinfection ? { disinfection: new Date(r.disinfection) } : {}), ...(r.inspection ? { inspection: new Date(r.inspection) } : {}) } })),
    footing,
    ctx.now(),
  );
  return {
    footing,
    items: list.map((o) => ({ areaId: o.areaId, areaName: byId.get(o.areaId)!.name, areaType: byId.get(o.areaId)!.area_type, kind: o.kind, requiredHours: o.requiredHours, lastAt: iso(o.lastAt), dueAt: o.dueAt.toISOString(), overdueHours: o.overdueHours })),
  };
}
