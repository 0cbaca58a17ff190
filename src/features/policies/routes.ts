import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { DiseaseParams, PolicyVersion, PolicyView, RegionQuery, SavePolicyBody } from './schema';
import { listPolicies, policyDetail, savePolicy } from './service';

export function registerPolicyRoutes(app: App, ctx: AppContext) {
  const tags = ['policies'];
  app.get('/api/policies', { config: { access: 'policy.read' }, schema: { tags, querystring: RegionQuery, response: { 200: Type.Object({ items: Type.Array(PolicyView) }) } } }, (req) =>
    listPolicies(ctx, req.actor!, req.query.regionCode),
  );
  app.get('/api/policies/:disease', { config: { access: 'policy.read' }, schema: { tags, params: DiseaseParams, querystring: RegionQuery, response: { 200: Type.Object({ current: PolicyView, versions: Type.Array(PolicyVersion) }) } } }, (req) =>
    policyDetail(ctx, req.actor!, req.params.disease, req.query.regionCode),
  );
  app.put('/api/policies/:disease', { config: { access: 'policy.manage' }, schema: { tags, params: DiseaseParams, body: SavePolicyBody, response: { 200: Type.Object({ id: Type.Number(), version: Type.Number() }) } } }, (req) =>
    savePolicy(ctx, req.actor!, req.params.disease, req.body, req.ip),
  );
}
