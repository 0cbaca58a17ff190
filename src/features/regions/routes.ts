import { sql } from 'kysely';
import { Type } from 'typebox';
import { regionInScope, schoolInScope } from '../../db/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { Nullable, Strict } from '../../http/schema';
import type { App } from '../../http/types';

const RegionNode = Type.Object({
  code: Type.String(),
  parentCode: Nullable(Type.String()),
  level: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  schoolCount: Type.Number(),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
});

/** The region tree a bureau may see: its own region and everything below, with school counts. */
export function registerRegionRoutes(app: App, ctx: AppContext) {
  const tags = ['regions'];
  app.get('/api/regions', {
    config: { access: 'structure.read' },
    schema: { tags, querystring: Strict({ parentCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }), response: { 200: Type.Object({ items: Type.Array(RegionNode) }) } },
  }, async (req) => {
    const scope = req.actor!.scope;
    let q = ctx.db
      .selectFrom('regions as r')
      .select([
        'r.code', 'r.parent_code', 'r.level', 'r.name', 'r.name_en', 'r.lng', 'r.lat',
        sql<number>`(select count(*) from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = r.code and ${schoolInScope(scope, 's.id')})`.as('school_count'),
      ]);
    if (scope.kind === 'region' || scope.kind === 'all') q = q.where(regionInScope(scope, 'r.code'));
    else q = q.where(sql<boolean>`r.code in (select rc.ancestor_code from region_closure rc join schools s on s.region_code = rc.code where ${schoolInScope(scope, 's.id')})`);
    if (req.query.parentCode) q = q.where('r.parent_code', '=', req.query.parentCode);
    const rows = await q.orderBy('r.code').execute();
    return {
      items: rows.map((r) => ({ code: r.code, parentCode: r.parent_code, level: r.level, name: r.name, nameEn: r.name_en, schoolCount: r.school_count, lng: r.lng, lat: r.lat })),
    };
  });

  app.get('/api/regions/:code', {
    config: { access: 'structure.read' },
    schema: { tags, params: Strict({ code: Type.String({ pattern: '^\\d{6}$' }) }), response: { 200: Type.Object({ region: RegionNode, path: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) }) } },
  }, async (req) => {
    const scope = req.actor!.scope;
    const row = await ctx.db
      .selectFrom('regions as r')
      .select([
        'r.code', 'r.parent_code', 'r.level', 'r.name', 'r.name_en', 'r.lng', 'r.lat',
        sql<number>`(select count(*) from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = r.code and ${schoolInScope(scope, 's.id')})`.as('school_count'),
        sql<boolean>`${regionInScope(scope, 'r.code')}`.as('allowed'),
      ])
      .where('r.code', '=', req.params.code)
      .executeTakeFirst();
    if (!row) throw new AppError('error.not_found', 404);
    if (!row.allowed) throw new AppError('error.out_of_scope', 403);
    const path = await ctx.db
      .selectFrom('region_closure as rc')
      .innerJoin('regions', 'regions.code', 'rc.ancestor_code')
      .select(['regions.code', 'regions.name'])
      .where('rc.code', '=', row.code)
      .orderBy('rc.depth', 'desc')
      .execute();
    return {
      region: { code: row.code, parentCode: row.parent_code, level: row.level, name: row.name, nameEn: row.name_en, schoolCount: row.school_count, lng: row.lng, lat: row.lat },
      path,
    };
  });
}
