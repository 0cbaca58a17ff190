import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope, schoolToday } from '../cases/school-date';
import { notifyRiskChanges } from '../cases/service';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import { recomputeRisk } from './recompute';
import type { OverrideBody, RiskAreaBody, RiskListQuery, TravelBody } from './schema';

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** Yellow and red persons in scope, worst first, with the reasons. Audited (health data). */
/**
 * Why a person is red or yellow names cases, contacts and trips: only for those who may read them
 * (case investigators, and whoever records stays, a parent included). Others with risk.read, the gate
 * guard, get the colour the gate needs and nothing of why.
 */
const readsReasons = (actor: Actor) => can(actor, 'case.read') || can(actor, 'travel.record');

export async function listRisk(ctx: AppContext, actor: Actor, q: Static<typeof RiskListQuery>, ip: string) {
  let query = ctx.db
    .selectFrom('risk_statuses as rs')
    .innerJoin('persons', 'persons.id', 'rs.person_id')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .select(['rs.person_id', 'persons.name', 'persons.kind', 'persons.school_id', sql<string | null>`g.name || cl.name`.as('class_name'), 'rs.status', 'rs.computed_status', 'rs.reasons', 'rs.override_reason', 'rs.updated_at'])
    .where(personInScope(actor.scope, 'persons'))
    .where('rs.status', '<>', 'green');
  if (q.schoolId) query = query.where('persons.school_id', '=', q.schoolId);
  if (q.classId) query = query.where('persons.class_id', '=', q.classId);
  if (q.status) query = query.where('rs.status', '=', q.status);
  const rows = await query.orderBy(sql`case rs.status when 'red' then 0 else 1 end`).orderBy('rs.person_id').limit(q.limit ?? 200).execute();
  await writeAudit(ctx.db, actor, { action: 'risk.list', objectType: 'person', detail: { filter: q, count: rows.length }, ip });
  const detailed = readsReasons(actor);
  return {
    items: rows.map((r) => ({
      personId: r.person_id, name: r.name, kind: r.kind, schoolId: r.school_id, className: r.class_name, status: r.status, computedStatus: r.computed_status,
      reasons: detailed ? parse(r.reasons) : [], overridden: r.override_reason != null, updatedAt: r.updated_at.toISOString(),
    })),
  };
}

export async function personRisk(ctx: AppContext, actor: Actor, personId: number, ip: string) {
  await assertPersonInScope(ctx, actor, personId);
  const current = await ctx.db.selectFrom('risk_statuses').selectAll().where('person_id', '=', personId).executeTakeFirst();
  const history = await ctx.db
    .selectFrom('risk_status_history as h')
    .leftJoin('accounts as a', 'a.id', 'h.by_account')
    .select(['h.status', 'h.previous', 'h.reasons', 'h.manual', 'h.reason', 'h.at', 'a.display_name'])
    .where('h.person_id', '=', personId)
    .orderBy('h.at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  await writeAudit(ctx.db, actor, { action: 'risk.read', objectType: 'person', objectId: personId, ip });
  const detailed = readsReasons(actor);
  return {
    personId,
    status: current?.status ?? 'green',
    computedStatus: current?.computed_status ?? 'green',
    reasons: current && detailed ? parse(current.reasons) : [],
    override: current?.override_reason && detailed ? { reason: current.override_reason, by: current.override_by } : null,
    history: (detailed ? history : []).map((h) => ({ status: h.status, previous: h.previous, reasons: parse(h.reasons), manual: h.manual, reason: h.reason, at: h.at.toISOString(), by: h.display_name })),
  };
}

/** A manual colour with a reason; it holds until cleared, whatever the rules compute meanwhile. */
export async function overrideRisk(ctx: AppContext, actor: Actor, personId: number, body: Static<typeof OverrideBody>, ip: string) {
  const { schoolId } = await assertPersonInScope(ctx, actor, personId);
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    const prev = await trx.selectFrom('risk_statuses').select(['status', 'computed_status', 'reasons']).where('person_id', '=', personId).executeTakeFirst();
    const values = { status: body.status, override_reason: body.reason, override_by: actor.accountId, updated_at: now };
    await trx
      .insertInto('risk_statuses')
      .values({ person_id: personId, computed_status: prev?.computed_status ?? 'green', reasons: JSON.stringify(prev ? parse(prev.reasons) : []), ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .execute();
    await trx.insertInto('risk_status_history').values({ person_id: personId, status: body.status, previous: prev?.status ?? 'green', reasons: JSON.stringify([]), manual: true, reason: body.reason, by_account: actor.accountId, at: now }).execute();
    await writeAudit(trx, actor, { action: 'risk.override', objectType: 'person', objectId: personId, detail: { from: prev?.status ?? 'green', to: body.status, reason: body.reason }, ip });
    if ((prev?.status ?? 'green') !== body.status) afterCommit(() => notifyRiskChanges(ctx, [{ personId, schoolId, from: prev?.status ?? 'green', to: body.status, reasons: [{ code: 'manual', reason: body.reason }] }]));
  });
  return { ok: true };
}

export async function clearOverride(ctx: AppContext, actor: Actor, personId: number, reason: string, ip: string) {
  await assertPersonInScope(ctx, actor, personId);
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    const prev = await trx.selectFrom('risk_statuses').select(['status', 'computed_status', 'override_reason']).where('person_id', '=', personId).executeTakeFirst();
    if (!prev?.override_reason) throw new AppError('risk.no_override', 409, { field: 'personId' });
    await trx.updateTable('risk_statuses').set({ override_reason: null, override_by: null, status: prev.computed_status, updated_at: now }).where('person_id', '=', personId).execute();
    await trx.insertInto('risk_status_history').values({ person_id: personId, status: prev.computed_status, previous: prev.status, reasons: JSON.stringify([]), manual: true, reason, by_account: actor.accountId, at: now }).execute();
    await writeAudit(trx, actor, { action: 'risk.clear_override', objectType: 'person', objectId: personId, detail: { reason }, ip });
    const risk = await recomputeRisk(trx, { personIds: [personId] }, { now, today: schoolToday(ctx) });
    afterCommit(() => notifyRiskChanges(ctx, risk.changes));
  });
  return { ok: true };
}

export async function recomputeFor(ctx: AppContext, actor: Actor, body: { regionCode?: string; schoolId?: number }, ip: string) {
  let target: { regionCode: string } | { schoolId: number };
  if (body.schoolId) {
    await assertSchoolInScope(ctx, actor, body.schoolId);
    target = { schoolId: body.schoolId };
  } else {
    const region = body.regionCode ?? (actor.scope.kind === 'region' ? actor.scope.regionCode : null);
    if (!region) throw new AppError('validation.required', 400, { field: 'regionCode' });
    await assertRegionInScope(ctx, actor, region);
    target = { regionCode: region };
  }
  const result = await inTransaction(ctx.db, async (trx, afterCommit) => {
    const r = await recomputeRisk(trx, target, { now: ctx.now(), today: schoolToday(ctx) });
    await writeAudit(trx, actor, { action: 'risk.recompute', objectType: 'region', objectId: body.regionCode ?? body.schoolId ?? null, detail: { evaluated: r.evaluated, changed: r.changes.length }, ip });
    afterCommit(() => notifyRiskChanges(ctx, r.changes));
    return r;
  });
  return { evaluated: result.evaluated, changed: result.changes.length };
}

/** A bureau declares a lockdown or controlled zone; the status of everyone who stayed there is recomputed at once. */
export async function declareRiskArea(ctx: AppContext, actor: Actor, body: Static<typeof RiskAreaBody>, ip: string) {
  await assertRegionInScope(ctx, actor, body.regionCode);
  if (body.endsOn && body.endsOn < body.startsOn) throw new AppError('risk.area_dates', 400, { field: 'endsOn' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const row = await trx.insertInto('risk_areas').values({ region_code: body.regionCode, name: body.name, level: body.level, starts_on: body.startsOn, ends_on: body.endsOn ?? null, declared_by: actor.accountId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const travellers = await trx
      .selectFrom('travel_records as t')
      .innerJoin('region_closure as rc', 'rc.code', 't.region_code')
      .select('t.person_id')
      .distinct()
      .where('rc.ancestor_code', '=', body.regionCode)
      .execute();
    const r = await recomputeRisk(trx, { personIds: travellers.map((t) => t.person_id) }, { now, today: schoolToday(ctx) });
    await writeAudit(trx, actor, { action: 'risk_area.declare', objectType: 'risk_area', objectId: row.id, detail: { ...body, changed: r.changes.length }, ip });
    afterCommit(() => notifyRiskChanges(ctx, r.changes));
    return { id: row.id, changed: r.changes.length };
  });
}

export async function endRiskArea(ctx: AppContext, actor: Actor, id: number, endsOn: string, ip: string) {
  const area = await ctx.db.selectFrom('risk_areas').select(['region_code', 'starts_on']).where('id', '=', id).executeTakeFirst();
  if (!area) throw new AppError('error.not_found', 404);
  await assertRegionInScope(ctx, actor, area.region_code);
  if (endsOn < area.starts_on) throw new AppError('risk.area_dates', 400, { field: 'endsOn' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    await trx.updateTable('risk_areas').set({ ends_on: endsOn }).where('id', '=', id).execute();
    const travellers = await trx.selectFrom('travel_records as t').innerJoin('region_closure as rc', 'rc.code', 't.region_code').select('t.person_id').distinct().where('rc.ancestor_code', '=', area.region_code).execute();
    const r = await recomputeRisk(trx, { personIds: travellers.map((t) => t.person_id) }, { now, today: schoolToday(ctx) });
    await writeAudit(trx, actor, { action: 'risk_area.end', objectType: 'risk_area', objectId: id, detail: { endsOn }, ip });
    afterCommit(() => notifyRiskChanges(ctx, r.changes));
    return { ok: true };
  });
}

export async function listRiskAreas(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('risk_areas as a')
    .innerJoin('regions as r', 'r.code', 'a.region_code')
    .select(['a.id', 'a.region_code', 'r.name as region_name', 'a.name', 'a.level', 'a.starts_on', 'a.ends_on'])
    .orderBy('a.starts_on', 'desc')
    .execute();
  void actor;
  return { items: rows.map((r) => ({ id: r.id, regionCode: r.region_code, regionName: r.region_name, name: r.name, level: r.level, startsOn: r.starts_on, endsOn: r.ends_on })) };
}

/** A stay somewhere (or residence), entered by hand; the person's status is recomputed against the risk areas. */
export async function recordTravel(ctx: AppContext, actor: Actor, personId: number, body: Static<typeof TravelBody>, ip: string) {
  await assertPersonInScope(ctx, actor, personId);
  const today = schoolToday(ctx);
  if (body.fromDate > body.toDate) throw new AppError('risk.travel_dates', 400, { field: 'fromDate' });
  if (body.fromDate > today) throw new AppError('risk.travel_future', 400, { field: 'fromDate' });
  const region = await ctx.db.selectFrom('regions').select('code').where('code', '=', body.regionCode).executeTakeFirst();
  if (!region) throw new AppError('response.region_unknown', 400, { field: 'regionCode' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const row = await trx.insertInto('travel_records').values({ person_id: personId, region_code: body.regionCode, place: body.place, from_date: body.fromDate, to_date: body.toDate, residence: body.residence ?? false, source: 'manual', created_at: now }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'travel.record', objectType: 'person', objectId: personId, detail: { regionCode: body.regionCode }, ip });
    const r = await recomputeRisk(trx, { personIds: [personId] }, { now, today });
    afterCommit(() => notifyRiskChanges(ctx, r.changes));
    return { id: row.id, status: r.changes[0]?.to ?? null };
  });
}
