import { type RawBuilder, sql } from 'kysely';
import type { Static } from 'typebox';
import { regionInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor, Scope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope, schoolDateOf } from '../governance-dashboard/shared';
import { assertSchoolInScope } from '../scope-guard';
import { assertVisible, placeColumns, placeVisible, resolvePlace, toPlace } from './place';
import type { CreateIncidentBody, CreateTeamBody, CreateVisitBody, PlaceQuery, RespondBody } from './schema';

/** Guidance teams (指导组) are a bureau's; a school sees the teams that have visited it. */
function teamVisible(scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all' || scope.kind === 'region') return regionInScope(scope, 't.region_code');
  if (scope.kind === 'school' || scope.kind === 'class') return sql<boolean>`exists (select 1 from guidance_visits gv where gv.team_id = t.id and gv.school_id = ${scope.schoolId})`;
  return sql<boolean>`false`;
}

function teamQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('guidance_teams as t')
    .innerJoin('regions as r', 'r.code', 't.region_code')
    .select([
      't.id', 't.region_code', 'r.name as region_name', 't.kind', 't.name', 't.area', 't.members',
      sql<number>`(select count(*) from guidance_visits v where v.team_id = t.id)`.as('visits'),
      sql<string | null>`(select to_char(max(v.visited_on), 'YYYY-MM-DD') from guidance_visits v where v.team_id = t.id)`.as('last_visit'),
    ]);
}
type TeamRow = Awaited<ReturnType<ReturnType<typeof teamQuery>['executeTakeFirstOrThrow']>>;
const toTeam = (r: TeamRow) => ({ id: r.id, regionCode: r.region_code, regionName: r.region_name, kind: r.kind, name: r.name, area: r.area, members: r.members, visits: Number(r.visits), lastVisitOn: r.last_visit });

export async function listTeams(ctx: AppContext, actor: Actor, q: Static<typeof PlaceQuery>) {
  let query = teamQuery(ctx).where(teamVisible(actor.scope));
  if (q.regionCode) query = query.where(sql<boolean>`t.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  return { items: (await query.orderBy('t.region_code').orderBy('t.name').limit(500).execute()).map(toTeam) };
}

async function visibleTeam(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.selectFrom('guidance_teams as t').select(['t.id', 't.region_code', sql<boolean>`${teamVisible(actor.scope)}`.as('visible')]).where('t.id', '=', id).executeTakeFirst();
  if (!row?.visible) {
    if (row) await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'guidance_team', objectId: id, result: 'denied' });
    throw new AppError('error.not_found', 404);
  }
  return row;
}

export async function createTeam(ctx: AppContext, actor: Actor, body: Static<typeof CreateTeamBody>, ip: string) {
  const region = await assertRegionInScope(ctx, actor, body.regionCode);
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('guidance_teams')
      .values({ region_code: region.code, kind: body.kind, name: body.name.trim(), area: body.area?.trim() ?? '', members: body.members.trim(), created_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'guidance.team_create', objectType: 'guidance_team', objectId: row.id, detail: { regionCode: region.code, kind: body.kind }, ip });
    return { id: row.id };
  });
}

export async function teamDetail(ctx: AppContext, actor: Actor, id: number) {
  await visibleTeam(ctx, actor, id);
  const team = await teamQuery(ctx).where('t.id', '=', id).executeTakeFirstOrThrow();
  let visits = ctx.db.selectFrom('guidance_visits as v').innerJoin('schools as s', 's.id', 'v.school_id').select(['v.id', 'v.school_id', 's.name', 'v.visited_on', 'v.summary']).where('v.team_id', '=', id);
  // A school reads only the visits to itself, not the team's notes on other schools.
  if (actor.scope.kind === 'school' || actor.scope.kind === 'class') visits = visits.where('v.school_id', '=', actor.scope.schoolId);
  const rows = await visits.orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').execute();
  return {
    team: toTeam(team),
    visits: rows.map((v) => ({ id: v.id, schoolId: v.school_id, schoolName: v.name, visitedOn: v.visited_on, summary: v.summary })),
    can: { manage: can(actor, 'guidance.manage') },
  };
}

export async function logVisit(ctx: AppContext, actor: Actor, id: number, body: Static<typeof CreateVisitBody>, ip: string) {
  const team = await visibleTeam(ctx, actor, id);
  await assertSchoolInScope(ctx, actor, body.schoolId);
  const inArea = await sql<{ ok: boolean }>`select exists (select 1 from schools s join region_closure rc on rc.code = s.region_code where s.id = ${body.schoolId} and rc.ancestor_code = ${team.region_code}) as ok`.execute(ctx.db);
  if (!inArea.rows[0].ok) throw new AppError('guidance.school_outside_area', 400, { field: 'schoolId' });
  if (body.visitedOn > schoolDateOf(ctx.now())) throw new AppError('drill.future_date', 400, { field: 'visitedOn' });
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx.insertInto('guidance_visits').values({ team_id: id, school_id: body.schoolId, visited_on: body.visitedOn, summary: body.summary.trim(), created_by: actor.accountId, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'guidance.visit', objectType: 'guidance_team', objectId: id, detail: { visitId: row.id, schoolId: body.schoolId }, ip });
    return { id: row.id };
  });
}

/** Public-opinion incidents (舆情) with the responses given, until closed. */
function incidentQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('opinion_incidents as o')
    .select(['o.id', ...placeColumns('o'), 'o.source', 'o.summary', 'o.severity', 'o.status', 'o.reported_at', sql<number>`(select count(*) from opinion_responses x where x.incident_id = o.id)`.as('responses')]);
}
type IncidentRow = Awaited<ReturnType<ReturnType<typeof incidentQuery>['executeTakeFirstOrThrow']>>;
const toIncident = (r: IncidentRow) => ({ id: r.id, ...toPlace(r), source: r.source, summary: r.summary, severity: r.severity, status: r.status, reportedAt: new Date(r.reported_at).toISOString(), responses: Number(r.responses) });

export async function listIncidents(ctx: AppContext, actor: Actor, q: Static<typeof PlaceQuery>) {
  let query = incidentQuery(ctx).where(placeVisible(actor.scope, 'o'));
  if (q.regionCode) query = query.where(sql<boolean>`o.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.schoolId) query = query.where('o.school_id', '=', q.schoolId);
  if (q.status) query = query.where('o.status', '=', q.status);
  return { items: (await query.orderBy('o.status', 'desc').orderBy('o.reported_at', 'desc').limit(500).execute()).map(toIncident) };
}

export async function reportIncident(ctx: AppContext, actor: Actor, body: Static<typeof CreateIncidentBody>, ip: string) {
  const place = await resolvePlace(ctx, actor, body);
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('opinion_incidents')
      .values({ region_code: place.regionCode, school_id: place.schoolId, source: body.source.trim(), summary: body.summary.trim(), severity: body.severity, reported_at: ctx.now(), created_by: actor.accountId, closed_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'opinion.report', objectType: 'opinion_incident', objectId: row.id, detail: { ...place, severity: body.severity }, ip });
    return { id: row.id };
  });
}

export async function incidentDetail(ctx: AppContext, actor: Actor, id: number) {
  await assertVisible(ctx, actor, 'opinion_incidents', id);
  const row = await incidentQuery(ctx).where('o.id', '=', id).executeTakeFirstOrThrow();
  const responses = await ctx.db.selectFrom('opinion_responses as x').leftJoin('accounts as a', 'a.id', 'x.account_id').select(['x.id', 'x.body', 'a.display_name', 'x.at']).where('x.incident_id', '=', id).orderBy('x.at').orderBy('x.id').execute();
  return {
    incident: toIncident(row),
    responses: responses.map((r) => ({ id: r.id, body: r.body, by: r.display_name, at: new Date(r.at).toISOString() })),
    can: { respond: can(actor, 'plan.manage') && row.status === 'open' },
  };
}

export async function respondToIncident(ctx: AppContext, actor: Actor, id: number, body: Static<typeof RespondBody>, ip: string) {
  await assertVisible(ctx, actor, 'opinion_incidents', id);
  return inTransaction(ctx.db, async (trx) => {
    const o = await trx.selectFrom('opinion_incidents').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (o.status === 'closed') throw new AppError('opinion.closed', 409);
    const now = ctx.now();
    const row = await trx.insertInto('opinion_responses').values({ incident_id: id, body: body.body.trim(), account_id: actor.accountId, at: now }).returning('id').executeTakeFirstOrThrow();
    if (body.close) await trx.updateTable('opinion_incidents').set({ status: 'closed', closed_at: now }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'opinion.respond', objectType: 'opinion_incident', objectId: id, detail: { responseId: row.id, closed: !!body.close }, ip });
    return { id: row.id };
  });
}
