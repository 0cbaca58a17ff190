import { type RawBuilder, sql } from 'kysely';
import { regionInScope } from '../../db/scope';
import type { Actor, Scope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope } from '../governance-dashboard/shared';
import { assertSchoolInScope } from '../scope-guard';

/**
 * Plans, drills and opinion incidents belong to a bureau (a region) or to a school. A bureau sees every
 * object of its regions, schools' included; a school account only its own school's.
 */
export function placeVisible(scope: Scope, alias: string): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
    case 'region':
      return regionInScope(scope, `${alias}.region_code`);
    case 'school':
    case 'class':
      return sql<boolean>`${sql.ref(`${alias}.school_id`)} = ${scope.schoolId}`;
    default:
      return sql<boolean>`false`;
  }
}

/** Checks the place an object is created for; school accounts can only name their own school. */
export async function resolvePlace(ctx: AppContext, actor: Actor, place: { regionCode?: string; schoolId?: number }, code = 'plan.place_required') {
  if (!!place.regionCode === !!place.schoolId) throw new AppError(code, 400, { field: place.regionCode ? 'schoolId' : 'regionCode' });
  if (place.schoolId) {
    await assertSchoolInScope(ctx, actor, place.schoolId);
    const s = await ctx.db.selectFrom('schools').select('region_code').where('id', '=', place.schoolId).executeTakeFirstOrThrow();
    return { regionCode: s.region_code, schoolId: place.schoolId };
  }
  if (actor.scope.kind !== 'region' && actor.scope.kind !== 'all') throw new AppError(code, 400, { field: 'schoolId' });
  return { regionCode: (await assertRegionInScope(ctx, actor, place.regionCode!)).code, schoolId: null };
}

/** Visible or 404 (audited when it exists elsewhere): an object of another area answers like a missing one. */
export async function assertVisible(ctx: AppContext, actor: Actor, table: 'plans' | 'drills' | 'opinion_incidents', id: number) {
  const row = await ctx.db.selectFrom(`${table} as o` as 'plans as o').select(['o.id', 'o.region_code', 'o.school_id', sql<boolean>`${placeVisible(actor.scope, 'o')}`.as('visible')]).where('o.id', '=', id).executeTakeFirst();
  if (!row?.visible) {
    if (row) await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: table, objectId: id, result: 'denied' });
    throw new AppError('error.not_found', 404);
  }
  return row;
}

export const placeColumns = (alias: string) => [sql.ref(`${alias}.region_code`).as('region_code'), sql<string>`(select r.name from regions r where r.code = ${sql.ref(`${alias}.region_code`)})`.as('region_name'), sql.ref(`${alias}.school_id`).as('school_id'), sql<string | null>`(select s.name from schools s where s.id = ${sql.ref(`${alias}.school_id`)})`.as('school_name')] as const;

export const toPlace = (r: { region_code: unknown; region_name: unknown; school_id: unknown; school_name: unknown }) => ({
  regionCode: String(r.region_code), regionName: String(r.region_name ?? ''), schoolId: r.school_id == null ? null : Number(r.school_id), schoolName: (r.school_name as string | null) ?? null,
});
