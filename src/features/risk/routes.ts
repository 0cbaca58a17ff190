import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { ClearOverrideBody, EndRiskAreaBody, OverrideBody, RecomputeBody, RiskAreaBody, RiskListQuery, RiskRow, TravelBody } from './schema';
import { clearOverride, declareRiskArea, endRiskArea, listRisk, listRiskAreas, overrideRisk, personRisk, recomputeFor, recordTravel } from './service';

const Loose = Type.Object({}, { additionalProperties: true });

export function registerRiskRoutes(app: App, ctx: AppContext) {
  const tags = ['risk'];
  app.get('/api/risk', { config: { access: 'risk.read' }, schema: { tags, querystring: RiskListQuery, response: { 200: Type.Object({ items: Type.Array(RiskRow) }) } } }, (req) => listRisk(ctx, req.actor!, req.query, req.ip));
  app.get('/api/people/:id/risk', { config: { access: 'risk.read' }, schema: { tags, params: IdParams, response: { 200: Loose } } }, (req) => personRisk(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/people/:id/risk/override', { config: { access: 'risk.override' }, schema: { tags, params: IdParams, body: OverrideBody, response: { 200: OkResponse } } }, (req) =>
    overrideRisk(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.post('/api/people/:id/risk/clear-override', { config: { access: 'risk.override' }, schema: { tags, params: IdParams, body: ClearOverrideBody, response: { 200: OkResponse } } }, (req) =>
    clearOverride(ctx, req.actor!, req.params.id, req.body.reason, req.ip),
  );
  app.post('/api/people/:id/travel', { config: { access: 'travel.record' }, schema: { tags, params: IdParams, body: TravelBody, response: { 200: Loose } } }, (req) => recordTravel(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/risk/recompute', { config: { access: 'risk_area.manage' }, schema: { tags, body: RecomputeBody, response: { 200: Type.Object({ evaluated: Type.Number(), changed: Type.Number() }) } } }, (req) =>
    recomputeFor(ctx, req.actor!, req.body, req.ip),
  );
  app.get('/api/risk-areas', { config: { access: 'risk.read' }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(Loose) }) } } }, (req) => listRiskAreas(ctx, req.actor!));
  app.post('/api/risk-areas', { config: { access: 'risk_area.manage' }, schema: { tags, body: RiskAreaBody, response: { 200: Type.Object({ id: Type.Number(), changed: Type.Number() }) } } }, (req) => declareRiskArea(ctx, req.actor!, req.body, req.ip));
  app.post('/api/risk-areas/:id/end', { config: { access: 'risk_area.manage' }, schema: { tags, params: IdParams, body: EndRiskAreaBody, response: { 200: OkResponse } } }, (req) =>
    endRiskArea(ctx, req.actor!, req.params.id, req.body.endsOn, req.ip),
  );
}
