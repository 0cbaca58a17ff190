import { sql } from 'kysely';
import { regionInScope } from '../../db/scope';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { registerPersonFileSection } from '../people/person-file-sections';
import { listAlerts, openAlertCounts } from './queries';
import { getRuleSet, putRuleSet } from './rule-sets';
import { runDailyScan } from './scan';
import { raiseManualAlert } from './raise-manual';
import { AlertCounts, AlertDetail, AlertList, AlertListQuery, ManualAlertBody, ManualAlertResponse, RegionParams, RuleSetBody, RuleSetResponse, ScanBody, ScanResponse, TransitionBody, TransitionResponse } from './schema';
import { alertDetail, alertsOfPerson, transitionAlert } from './service';

export function registerAlertRoutes(app: App, ctx: AppContext) {
  const tags = ['alerts'];
  registerPersonFileSection({ key: 'alerts', title: { zh: '预警', en: 'Alerts' }, readableWith: ['alert.read'], load: alertsOfPerson });

  app.get('/api/alerts', { config: { access: 'alert.read' }, schema: { tags, querystring: AlertListQuery, response: { 200: AlertList } } }, async (req) => {
    const result = await listAlerts(ctx.db, req.actor!.scope, req.query, ctx.now());
    return { ...result, can: { handle: can(req.actor, 'alert.handle'), scan: can(req.actor, 'alert.scan'), manageRules: can(req.actor, 'alert_rules.manage') } };
  });

  app.post('/api/alerts', { config: { access: 'alert.handle' }, schema: { tags, body: ManualAlertBody, response: { 200: ManualAlertResponse } } }, (req) =>
    raiseManualAlert(ctx, req.actor!, req.body, req.ip),
  );

  app.get('/api/alerts/counts', { config: { access: 'alert.read' }, schema: { tags, response: { 200: AlertCounts } } }, (req) => openAlertCounts(ctx.db, req.actor!.scope));

  app.get('/api/alerts/:id', { config: { access: 'alert.read' }, schema: { tags, params: IdParams, response: { 200: AlertDetail } } }, (req) =>
    alertDetail(ctx, req.actor!, req.params.id, req.ip),
  );

  app.post('/api/alerts/:id/transition', { config: { access: 'alert.handle' }, schema: { tags, params: IdParams, body: TransitionBody, response: { 200: TransitionResponse } } }, (req) =>
    transitionAlert(ctx, req.actor!, req.params.id, req.body, req.ip),
  );

  // On-demand scan of the caller's area (or a region inside it).
  app.post('/api/alerts/scan', { config: { access: 'alert.scan' }, schema: { tags, body: ScanBody, response: { 200: ScanResponse } } }, async (req) => {
    const scope = req.actor!.scope;
    const regionCode = req.body.regionCode ?? (scope.kind === 'region' ? scope.regionCode : undefined);
    if (regionCode) {
      const row = await ctx.db.selectFrom('regions').select(sql<boolean>`${regionInScope(scope, 'regions.code')}`.as('allowed')).where('code', '=', regionCode).executeTakeFirst();
      if (!row) throw new AppError('error.not_found', 404, { field: 'regionCode' });
      if (!row.allowed) throw new AppError('error.out_of_scope', 403, { field: 'regionCode' });
    }
    return runDailyScan(ctx, req.body.date, { regionCode });
  });

  app.get('/api/alert-rules/:regionCode', { config: { access: 'alert_rules.read' }, schema: { tags, params: RegionParams, response: { 200: RuleSetResponse } } }, (req) =>
    getRuleSet(ctx, req.actor!, req.params.regionCode),
  );

  app.put('/api/alert-rules/:regionCode', { config: { access: 'alert_rules.manage' }, schema: { tags, params: RegionParams, body: RuleSetBody, response: { 200: RuleSetResponse } } }, (req) =>
    putRuleSet(ctx, req.actor!, req.params.regionCode, req.body, req.ip),
  );
}
