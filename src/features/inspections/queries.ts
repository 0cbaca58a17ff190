import { type RawBuilder, sql } from 'kysely';
import type { Static } from 'typebox';
import { schoolInScope } from '../../db/scope';
import type { Scope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import type { InspectionListQuery } from './schema';

/**
 * Which inspections a scope sees. Bureaus see every inspection of their schools; the inspected school's
 * accounts do not see covert or unannounced ones until they are completed (the same rule as
 * `hiddenFromSchool` in the domain), so nothing about a planned visit can leak through any list.
 */
export function inspectionVisible(scope: Scope, alias = 'i'): RawBuilder<boolean> {
  const school = schoolInScope(scope, `${alias}.school_id`);
  if (scope.kind === 'region' || scope.kind === 'all') return school;
  const method = sql.ref(`${alias}.method`);
  const unannounced = sql.ref(`${alias}.unannounced`);
  const status = sql.ref(`${alias}.status`);
  return sql<boolean>`(${school} and (not (${method} = 'covert' or ${unannounced}) or ${status} = 'completed'))`;
}

export function inspectionQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('inspections as i')
    .innerJoin('schools as s', 's.id', 'i.school_id')
    .select([
      'i.id', 'i.school_id', 's.name as school_name', 'i.region_code', 'i.level', 'i.method', 'i.unannounced', 'i.status', 'i.scheduled_on', 'i.score', 'i.draw_id', 'i.summary', 'i.checklist_version_id',
      sql<{ id: number; name: string }[]>`coalesce((select json_agg(json_build_object('id', a.id, 'name', a.display_name) order by a.id) from inspection_inspectors ii join accounts a on a.id = ii.account_id where ii.inspection_id = i.id), '[]')`.as('inspectors'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof inspectionQuery>['executeTakeFirstOrThrow']>>;

export function toInspectionSummary(r: Row) {
  const inspectors = typeof r.inspectors === 'string' ? JSON.parse(r.inspectors) : r.inspectors;
  return {
    id: r.id, schoolId: r.school_id, schoolName: r.school_name, regionCode: r.region_code, level: r.level, method: r.method, unannounced: r.unannounced, status: r.status,
    scheduledOn: r.scheduled_on, score: r.score, drawId: r.draw_id, inspectors: inspectors.map((x: { id: number | string; name: string }) => ({ id: Number(x.id), name: x.name })),
  };
}

export async function listInspections(ctx: AppContext, scope: Scope, accountId: number, q: Static<typeof InspectionListQuery>) {
  let query = inspectionQuery(ctx).where(inspectionVisible(scope, 'i'));
  if (q.schoolId) query = query.where('i.school_id', '=', q.schoolId);
  if (q.regionCode) query = query.where(sql<boolean>`s.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.status) query = query.where('i.status', '=', q.status);
  if (q.mine) query = query.where(sql<boolean>`exists (select 1 from inspection_inspectors ii where ii.inspection_id = i.id and ii.account_id = ${accountId})`);
  if (q.from) query = query.where('i.scheduled_on', '>=', q.from);
  if (q.to) query = query.where('i.scheduled_on', '<=', q.to);
  const rows = await query.orderBy('i.scheduled_on', 'desc').orderBy('i.id', 'desc').limit(q.limit ?? 200).execute();
  return rows.map(toInspectionSummary);
}
