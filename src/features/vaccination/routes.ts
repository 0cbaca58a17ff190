import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { immunisationSchedule } from './schedule';
import { CheckBody, CoverageQuery, coverage, DosesBody, FollowUpBody, followUp, recordDoses, runCheck } from './service';

const Missing = Type.Array(Type.Object({ code: Type.String(), required: Type.Number(), received: Type.Number(), missing: Type.Number() }));

export function registerVaccinationRoutes(app: App, ctx: AppContext) {
  const tags = ['vaccination'];
  app.get('/api/vaccination/schedule', { config: { access: 'vaccination.read' }, schema: { tags } }, () => immunisationSchedule());
  app.post('/api/vaccination/doses', { config: { access: 'vaccination.write' }, schema: { tags, body: DosesBody, response: { 200: Type.Object({ added: Type.Number(), alreadyRecorded: Type.Number() }) } } }, (req) =>
    recordDoses(ctx, req.actor!, req.body, req.ip),
  );
  app.post('/api/vaccination/checks', { config: { access: 'vaccination.write' }, schema: { tags, body: CheckBody, response: { 200: Type.Object({ id: Type.Number(), ageMonths: Type.Number(), complete: Type.Boolean(), missing: Missing }) } } }, (req) =>
    runCheck(ctx, req.actor!, req.body, req.ip),
  );
  app.post('/api/vaccination/checks/:id/follow-up', { config: { access: 'vaccination.write' }, schema: { tags, params: IdParams, body: FollowUpBody, response: { 200: OkResponse } } }, async (req) => {
    await followUp(ctx, req.actor!, req.params.id, req.body, req.ip);
    return { ok: true };
  });
  app.get('/api/vaccination/coverage', { config: { access: 'vaccination.read' }, schema: { tags, querystring: CoverageQuery } }, (req) => coverage(ctx, req.actor!, req.query.schoolId, req.ip));
}
