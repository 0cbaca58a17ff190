import { Type } from 'typebox';
import { DEFAULT_EMERGENCY } from '../../domain/footing/footing';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, Nullable, OkResponse, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { assertRegionInScope } from '../cases/school-date';
import { lit, RegionCode } from '../policies/schema';
import { assertSchoolInScope } from '../scope-guard';
import { footingForSchool, footingSettingsFor } from './queries';
import { decideProposal, saveFootingSettings, switchFooting } from './service';

const ScopeQuery = Strict({ regionCode: Type.Optional(RegionCode), schoolId: Type.Optional(Type.Integer({ minimum: 1 })) });
const SwitchBody = Strict({ regionCode: Type.Optional(RegionCode), schoolId: Type.Optional(Type.Integer({ minimum: 1 })), mode: lit(['normal', 'emergency']), reason: Type.String({ minLength: 2, maxLength: 300 }) });
const DecideBody = Strict({ accept: Type.Boolean(), reason: Type.String({ minLength: 2, maxLength: 300 }) });
const Adjustments = Strict({
  checkSessions: Type.Array(lit(['morning', 'noon', 'evening']), { minItems: 1, maxItems: 3 }),
  testsPerWeek: Type.Integer({ minimum: 0, maximum: 7 }),
  gateRules: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 }),
  reportingDeadlineHours: Type.Integer({ minimum: 1, maximum: 72 }),
});
const SettingsBody = Strict({ autoSwitch: Type.Boolean(), emergencyAdjustments: Adjustments, campaignTemplateId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) });
const RegionParams = Strict({ code: RegionCode });
const Loose = Type.Object({}, { additionalProperties: true });

export function registerFootingRoutes(app: App, ctx: AppContext) {
  const tags = ['footing'];
  /** The footing of a region or school, with its history and any switch a trigger proposed. */
  app.get('/api/footing', { config: { access: 'footing.read' }, schema: { tags, querystring: ScopeQuery, response: { 200: Loose } } }, async (req) => {
    const actor = req.actor!;
    let scopeType: 'region' | 'school';
    let scopeKey: string;
    let effective: unknown = null;
    if (req.query.schoolId) {
      await assertSchoolInScope(ctx, actor, req.query.schoolId);
      [scopeType, scopeKey] = ['school', String(req.query.schoolId)];
      effective = await footingForSchool(ctx.db, req.query.schoolId);
    } else {
      const region = req.query.regionCode ?? (actor.scope.kind === 'region' ? actor.scope.regionCode : actor.scope.kind === 'school' || actor.scope.kind === 'class' ? null : null);
      if (!region) throw new AppError('validation.required', 400, { field: 'regionCode' });
      await assertRegionInScope(ctx, actor, region);
      [scopeType, scopeKey] = ['region', region];
      effective = await footingSettingsFor(ctx.db, region);
    }
    const history = await ctx.db
      .selectFrom('footings as f')
      .leftJoin('accounts as a', 'a.id', 'f.decided_by')
      .select(['f.id', 'f.mode', 'f.status', 'f.trigger', 'f.reason', 'f.at', 'a.display_name'])
      .where('f.scope_type', '=', scopeType)
      .where('f.scope_key', '=', scopeKey)
      .orderBy('f.at', 'desc')
      .orderBy('f.id', 'desc')
      .execute();
    const current = history.find((h) => h.status === 'in_force');
    return {
      scopeType, scopeKey, mode: current?.mode ?? 'normal', effective,
      proposals: history.filter((h) => h.status === 'proposed').map((h) => ({ id: h.id, mode: h.mode, trigger: h.trigger, reason: h.reason, at: h.at.toISOString() })),
      history: history.filter((h) => h.status !== 'proposed').map((h) => ({ id: h.id, mode: h.mode, status: h.status, trigger: h.trigger, reason: h.reason, at: h.at.toISOString(), by: h.display_name })),
    };
  });
  app.post('/api/footing/switch', { config: { access: 'footing.manage' }, schema: { tags, body: SwitchBody, response: { 200: Type.Object({ id: Type.Number(), campaignId: Nullable(Type.Number()) }) } } }, async (req) => {
    const actor = req.actor!;
    const b = req.body;
    if (b.schoolId) {
      await assertSchoolInScope(ctx, actor, b.schoolId);
      return switchFooting(ctx, actor, { scopeType: 'school', scopeKey: String(b.schoolId), mode: b.mode, reason: b.reason }, req.ip);
    }
    if (!b.regionCode) throw new AppError('validation.required', 400, { field: 'regionCode' });
    if (actor.scope.kind !== 'region' && actor.scope.kind !== 'all') throw new AppError('error.out_of_scope', 403, { field: 'regionCode' });
    await assertRegionInScope(ctx, actor, b.regionCode);
    return switchFooting(ctx, actor, { scopeType: 'region', scopeKey: b.regionCode, mode: b.mode, reason: b.reason }, req.ip);
  });
  app.post('/api/footing/proposals/:id/decide', { config: { access: 'footing.configure' }, schema: { tags, params: IdParams, body: DecideBody, response: { 200: Type.Object({ id: Type.Number(), campaignId: Nullable(Type.Number()) }) } } }, async (req) => {
    const p = await ctx.db.selectFrom('footings').select(['scope_type', 'scope_key']).where('id', '=', req.params.id).executeTakeFirst();
    if (!p) throw new AppError('error.not_found', 404);
    if (p.scope_type === 'school') await assertSchoolInScope(ctx, req.actor!, Number(p.scope_key));
    else {
      if (req.actor!.scope.kind !== 'region' && req.actor!.scope.kind !== 'all') throw new AppError('error.out_of_scope', 403);
      await assertRegionInScope(ctx, req.actor!, p.scope_key);
    }
    return decideProposal(ctx, req.actor!, req.params.id, req.body.accept, req.body.reason, req.ip);
  });
  app.put('/api/footing/settings/:code', { config: { access: 'footing.configure' }, schema: { tags, params: RegionParams, body: SettingsBody, response: { 200: OkResponse } } }, async (req) => {
    if (req.actor!.scope.kind !== 'region' && req.actor!.scope.kind !== 'all') throw new AppError('error.out_of_scope', 403);
    await assertRegionInScope(ctx, req.actor!, req.params.code);
    return saveFootingSettings(ctx, req.actor!, req.params.code, { ...req.body, emergencyAdjustments: req.body.emergencyAdjustments ?? DEFAULT_EMERGENCY }, req.ip);
  });
}
