import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { schoolDateOf } from '../governance-dashboard/shared';
import { assertVisible, placeColumns, placeVisible, resolvePlace, toPlace } from './place';
import type { CreateDrillBody, CreatePlanBody, NewPlanVersionBody, PlaceQuery } from './schema';

/** Contingency plans (预案): versioned documents; a version is never edited, a change is a new version. */
function planQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('plans as p')
    .select([
      'p.id', ...placeColumns('p'), 'p.kind', 'p.title',
      sql<number>`(select max(v.version) from plan_versions v where v.plan_id = p.id)`.as('latest'),
      sql<Date>`(select max(v.created_at) from plan_versions v where v.plan_id = p.id)`.as('updated_at'),
    ]);
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirstOrThrow']>>;
const toPlan = (r: PlanRow) => ({ id: r.id, ...toPlace(r), kind: r.kind, title: r.title, latestVersion: Number(r.latest ?? 0), updatedAt: new Date(r.updated_at).toISOString() });

const inRegion = (col: string, code: string) => sql<boolean>`${sql.ref(col)} in (select code from region_closure where ancestor_code = ${code})`;

export async function listPlans(ctx: AppContext, actor: Actor, q: Static<typeof PlaceQuery>) {
  let query = planQuery(ctx).where(placeVisible(actor.scope, 'p'));
  if (q.regionCode) query = query.where(inRegion('p.region_code', q.regionCode));
  if (q.schoolId) query = query.where('p.school_id', '=', q.schoolId);
  if (q.kind) query = query.where('p.kind', '=', q.kind as 'other');
  return { items: (await query.orderBy('p.region_code').orderBy('p.school_id').orderBy('p.kind').orderBy('p.id').limit(500).execute()).map(toPlan) };
}

export async function createPlan(ctx: AppContext, actor: Actor, body: Static<typeof CreatePlanBody>, ip: string) {
  const place = await resolvePlace(ctx, actor, body);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.now();
    const p = await trx.insertInto('plans').values({ region_code: place.regionCode, school_id: place.schoolId, kind: body.kind, title: body.title.trim(), created_by: actor.accountId, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('plan_versions').values({ plan_id: p.id, version: 1, body: body.body, note: body.note?.trim() ?? '', created_by: actor.accountId, created_at: now }).execute();
    await writeAudit(trx, actor, { action: 'plan.create', objectType: 'plan', objectId: p.id, detail: { kind: body.kind, ...place }, ip });
    return { id: p.id, version: 1 };
  });
}

export async function addPlanVersion(ctx: AppContext, actor: Actor, id: number, body: Static<typeof NewPlanVersionBody>, ip: string) {
  await assertVisible(ctx, actor, 'plans', id);
  return inTransaction(ctx.db, async (trx) => {
    // Serialise writers of one plan so two editors cannot both take the same version number.
    await trx.selectFrom('plans').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const last = await trx.selectFrom('plan_versions').select((eb) => eb.fn.max('version').as('v')).where('plan_id', '=', id).executeTakeFirstOrThrow();
    const version = Number(last.v ?? 0) + 1;
    await trx.insertInto('plan_versions').values({ plan_id: id, version, body: body.body, note: body.note.trim(), created_by: actor.accountId, created_at: ctx.now() }).execute();
    await writeAudit(trx, actor, { action: 'plan.version', objectType: 'plan', objectId: id, detail: { version }, ip });
    return { id, version };
  });
}

export async function planDetail(ctx: AppContext, actor: Actor, id: number, wanted?: number) {
  await assertVisible(ctx, actor, 'plans', id);
  const plan = await planQuery(ctx).where('p.id', '=', id).executeTakeFirstOrThrow();
  const versions = await ctx.db.selectFrom('plan_versions as v').leftJoin('accounts as a', 'a.id', 'v.created_by').select(['v.version', 'v.body', 'v.note', 'a.display_name', 'v.created_at']).where('v.plan_id', '=', id).orderBy('v.version', 'desc').execute();
  const shown = wanted ? versions.find((v) => v.version === wanted) : versions[0];
  if (!shown) throw new AppError('plan.version_unknown', 404, { field: 'version' });
  const drills = await ctx.db.selectFrom('drills').select(['id', 'held_on', 'scenario', 'participants']).where('plan_id', '=', id).orderBy('held_on', 'desc').execute();
  return {
    plan: toPlan(plan),
    version: { version: shown.version, body: shown.body, note: shown.note, createdBy: shown.display_name, createdAt: new Date(shown.created_at).toISOString() },
    versions: versions.map((v) => ({ version: v.version, note: v.note, createdBy: v.display_name, createdAt: new Date(v.created_at).toISOString() })),
    drills: drills.map((d) => ({ id: d.id, heldOn: d.held_on, scenario: d.scenario, participants: d.participants })),
    can: { manage: can(actor, 'plan.manage') },
  };
}

/** Drills (演练) are recorded after they happen, against the plan they exercised when there is one. */
export async function recordDrill(ctx: AppContext, actor: Actor, body: Static<typeof CreateDrillBody>, ip: string) {
  const place = await resolvePlace(ctx, actor, body);
  if (body.heldOn > schoolDateOf(ctx.now())) throw new AppError('drill.future_date', 400, { field: 'heldOn' });
  if (body.planId) {
    const p = await ctx.db.selectFrom('plans').select(['region_code', 'school_id']).where('id', '=', body.planId).executeTakeFirst();
    // The plan must be this place's own, or its bureau's (a region containing the school).
    const fits = p && (p.school_id === place.schoolId || (p.school_id === null && (await ctx.db.selectFrom('region_closure').select('code').where('ancestor_code', '=', p.region_code).where('code', '=', place.regionCode).executeTakeFirst())));
    if (!fits) throw new AppError('plan.unknown', 400, { field: 'planId' });
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('drills')
      .values({ region_code: place.regionCode, school_id: place.schoolId, plan_id: body.planId ?? null, held_on: body.heldOn, scenario: body.scenario.trim(), participants: body.participants, summary: body.summary?.trim() ?? '', created_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'drill.record', objectType: 'drill', objectId: row.id, detail: { ...place, planId: body.planId ?? null }, ip });
    return { id: row.id };
  });
}

export async function listDrills(ctx: AppContext, actor: Actor, q: Static<typeof PlaceQuery>) {
  let query = ctx.db.selectFrom('drills as d').leftJoin('plans as p', 'p.id', 'd.plan_id').select(['d.id', ...placeColumns('d'), 'd.plan_id', 'p.title as plan_title', 'd.held_on', 'd.scenario', 'd.participants', 'd.summary']).where(placeVisible(actor.scope, 'd'));
  if (q.regionCode) query = query.where(inRegion('d.region_code', q.regionCode));
  if (q.schoolId) query = query.where('d.school_id', '=', q.schoolId);
  const rows = await query.orderBy('d.held_on', 'desc').orderBy('d.id', 'desc').limit(500).execute();
  return { items: rows.map((r) => ({ id: r.id, ...toPlace(r), planId: r.plan_id, planTitle: r.plan_title, heldOn: r.held_on, scenario: r.scenario, participants: r.participants, summary: r.summary })) };
}
