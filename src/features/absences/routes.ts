import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { registerPersonFileSection } from '../people/person-file-sections';
import { personEpisodesSection } from './person-file';
import { listPolicies, setPolicy } from './policies';
import { Episode, EpisodeDetail, EpisodeListQuery, FollowUpBody, PolicyBody, PolicyParams, PolicyQuery, QueueQuery, ReturnBody, ReturnResponse } from './schema';
import { episodeDetail, followUpQueue, listEpisodes, recordReturn, updateFollowUp } from './service';

export function registerAbsenceRoutes(app: App, ctx: AppContext) {
  const tags = ['absences'];
  registerPersonFileSection(personEpisodesSection);

  app.get('/api/absences/episodes', { config: { access: 'absence.read' }, schema: { tags, querystring: EpisodeListQuery, response: { 200: Type.Object({ items: Type.Array(Episode) }) } } }, (req) =>
    listEpisodes(ctx, req.actor!, req.query),
  );
  app.get('/api/absences/queue', { config: { access: 'absence.read' }, schema: { tags, querystring: QueueQuery } }, (req) => followUpQueue(ctx, req.actor!, req.query));
  app.get('/api/absences/episodes/:id', { config: { access: 'absence.read' }, schema: { tags, params: IdParams, response: { 200: EpisodeDetail } } }, (req) =>
    episodeDetail(ctx, req.actor!, req.params.id, req.locale),
  );
  app.patch('/api/absences/episodes/:id', { config: { access: 'absence.followup' }, schema: { tags, params: IdParams, body: FollowUpBody, response: { 200: Type.Object({ ok: Type.Boolean(), version: Type.Number() }) } } }, (req) =>
    updateFollowUp(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.post('/api/absences/episodes/:id/returns', { config: { access: 'absence.followup' }, schema: { tags, params: IdParams, body: ReturnBody, response: { 200: ReturnResponse } } }, (req) =>
    recordReturn(ctx, req.actor!, req.params.id, req.body, req.locale, req.ip),
  );
  app.get('/api/absences/policies', { config: { access: 'absence.read' }, schema: { tags, querystring: PolicyQuery } }, (req) => listPolicies(ctx, req.actor!, req.query.regionCode));
  app.put('/api/absences/policies/:regionCode/:diseaseCode', { config: { access: 'return_policy.manage' }, schema: { tags, params: PolicyParams, body: PolicyBody, response: { 200: OkResponse } } }, (req) =>
    setPolicy(ctx, req.actor!, req.params.regionCode, req.params.diseaseCode, req.body, req.ip),
  );
}
