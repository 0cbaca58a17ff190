import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { linkAnswer, linkView } from './public';
import { AnswerBody, CampaignBody, CoverageQuery, ItemsResponse, LinksQuery, Loose, TokenParams } from './schema';
import { answerAuthenticated, campaignInScope, classLinks, coverage, createCampaign, listCampaigns, summary } from './service';
import { campaignView } from './population';

export function registerScreeningRoutes(app: App, ctx: AppContext) {
  const tags = ['screening'];
  app.get('/api/screening/campaigns', { config: { access: 'screening.read' }, schema: { tags, response: { 200: ItemsResponse } } }, (req) => listCampaigns(ctx, req.actor!));
  app.post('/api/screening/campaigns', { config: { access: 'screening.manage' }, schema: { tags, body: CampaignBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) => createCampaign(ctx, req.actor!, req.body, req.ip));
  app.get('/api/screening/campaigns/:id', { config: { access: 'screening.read' }, schema: { tags, params: IdParams, response: { 200: Loose } } }, async (req) => campaignView(await campaignInScope(ctx, req.actor!, req.params.id)));
  app.get('/api/screening/campaigns/:id/coverage', { config: { access: 'screening.read' }, schema: { tags, params: IdParams, querystring: CoverageQuery, response: { 200: Loose } } }, (req) =>
    coverage(ctx, req.actor!, req.params.id, req.query),
  );
  app.get('/api/screening/campaigns/:id/summary', { config: { access: 'screening.read' }, schema: { tags, params: IdParams, response: { 200: Loose } } }, (req) => summary(ctx, req.actor!, req.params.id));
  app.post('/api/screening/campaigns/:id/answers', { config: { access: 'screening.answer' }, schema: { tags, params: IdParams, body: AnswerBody, response: { 200: Loose } } }, (req) =>
    answerAuthenticated(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.get('/api/screening/campaigns/:id/links', { config: { access: 'screening.links' }, schema: { tags, params: IdParams, querystring: LinksQuery, response: { 200: ItemsResponse } } }, (req) =>
    classLinks(ctx, req.actor!, req.params.id, req.query.classId, req.ip),
  );
  app.get('/api/public/screening/:token', { config: { access: 'public' }, schema: { tags, params: TokenParams, response: { 200: Loose } } }, (req) => linkView(ctx, req.params.token, req.ip));
  app.post('/api/public/screening/:token', { config: { access: 'public' }, schema: { tags, params: TokenParams, body: AnswerBody, response: { 200: Loose } } }, (req) => linkAnswer(ctx, req.params.token, req.body, req.ip));
}
