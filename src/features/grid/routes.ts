import { Type } from 'typebox';
import { regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, Nullable, OkResponse, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { writeAudit } from '../audit/write-audit';
import { gridCoverage } from './queries';
import { assignGrid, type UnitType as GridUnitType, gridCandidates, unitForActor } from './service';

const UnitType = Type.Union(['region', 'school', 'grade', 'class', 'student'].map((t) => Type.Literal(t)));
const Assignment = Type.Object({
  id: Type.Number(), unitType: Type.String(), unitKey: Type.String(), schoolId: Nullable(Type.Number()), regionCode: Nullable(Type.String()),
  accountId: Type.Number(), accountName: Type.String(), assignedAt: Type.String(),
});

export function registerGridRoutes(app: App, ctx: AppContext) {
  const tags = ['grid'];

  app.get('/api/grid/coverage', { config: { access: 'grid.read' }, schema: { tags, response: { 200: Type.Object({ levels: Type.Array(Type.Unknown()) }) } } }, async (req) => ({
    levels: await gridCoverage(ctx, req.actor!.scope),
  }));

  app.get('/api/grid', { config: { access: 'grid.read' }, schema: { tags, querystring: Strict({ schoolId: Type.Optional(Type.Integer({ minimum: 1 })) }), response: { 200: Type.Object({ items: Type.Array(Assignment) }) } } }, async (req) => {
    const scope = req.actor!.scope;
    let q = ctx.db
      .selectFrom('grid_responsibilities as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select(['g.id', 'g.unit_type', 'g.unit_key', 'g.school_id', 'g.region_code', 'g.account_id', 'a.display_name', 'g.assigned_at'])
      .where((eb) => eb.or([eb.and([eb('g.school_id', 'is not', null), schoolInScope(scope, 'g.school_id')]), eb.and([eb('g.region_code', 'is not', null), regionInScope(scope, 'g.region_code')])]));
    if (req.query.schoolId) q = q.where('g.school_id', '=', req.query.schoolId);
    const rows = await q.orderBy('g.unit_type').orderBy('g.id').limit(5000).execute();
    return {
      items: rows.map((r) => ({ id: r.id, unitType: r.unit_type, unitKey: r.unit_key, schoolId: r.school_id, regionCode: r.region_code, accountId: r.account_id, accountName: r.display_name, assignedAt: new Date(r.assigned_at).toISOString() })),
    };
  });

  // Who can be made responsible: active accounts bound inside the caller's scope (bureau, school or class
  // level); with unitType and unitKey, only those the assignment to that unit would accept.
  app.get(
    '/api/grid/candidates',
    {
      config: { access: 'grid.manage' },
      schema: {
        tags,
        querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 64 })), unitType: Type.Optional(UnitType), unitKey: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Number(), username: Type.String(), displayName: Type.String(), role: Type.String() })) }) },
      },
    },
    async (req) => {
      const { q, unitType, unitKey } = req.query;
      if ((unitType === undefined) !== (unitKey === undefined)) throw new AppError('validation.required', 400, { field: unitType === undefined ? 'unitType' : 'unitKey' });
      const unit = unitType !== undefined && unitKey !== undefined ? { unitType: unitType as GridUnitType, unitKey } : undefined;
      return { items: await gridCandidates(ctx, req.actor!, { q, unit }) };
    },
  );

  app.put('/api/grid', { config: { access: 'grid.manage' }, schema: { tags, body: Strict({ unitType: UnitType, unitKey: Type.String({ minLength: 1, maxLength: 20 }), accountId: Type.Integer({ minimum: 1 }) }), response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
    assignGrid(ctx, req.actor!, { ...req.body, unitType: req.body.unitType as GridUnitType }, req.ip),
  );

  app.delete('/api/grid/:id', { config: { access: 'grid.manage' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, async (req) => {
    const row = await ctx.db.selectFrom('grid_responsibilities').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!row) throw new AppError('error.not_found', 404);
    await unitForActor(ctx, req.actor!, row.unit_type, row.unit_key);
    await inTransaction(ctx.db, async (trx) => {
      await trx.deleteFrom('grid_responsibilities').where('id', '=', row.id).execute();
      await writeAudit(trx, req.actor, { action: 'grid.unassign', objectType: row.unit_type, objectId: row.unit_key, ip: req.ip });
    });
    return { ok: true };
  });
}
