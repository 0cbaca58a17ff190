import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { CoverageQuery, PeriodsQuery, StartBody, coverage, endOnline, listPeriods, startOnline } from './service';

const Coverage = Type.Object({
  date: Type.String(),
  schools: Type.Array(Type.Object({ schoolId: Type.Number(), schoolName: Type.String(), classesTotal: Type.Number(), classesOnline: Type.Number(), studentsCovered: Type.Number() })),
  totals: Type.Object({ schools: Type.Number(), classesOnline: Type.Number(), studentsCovered: Type.Number() }),
});

export function registerOnlineTeachingRoutes(app: App, ctx: AppContext) {
  const tags = ['online-teaching'];
  app.post('/api/online-teaching', { config: { access: 'online_teaching.manage' }, schema: { tags, body: StartBody, response: { 200: Type.Object({ id: Type.Number(), duplicate: Type.Boolean() }) } } }, (req) =>
    startOnline(ctx, req.actor!, req.body, req.ip),
  );
  app.post('/api/online-teaching/:id/end', { config: { access: 'online_teaching.manage' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, async (req) => {
    await endOnline(ctx, req.actor!, req.params.id, req.ip);
    return { ok: true };
  });
  app.get('/api/online-teaching/periods', { config: { access: 'online_teaching.read' }, schema: { tags, querystring: PeriodsQuery } }, (req) => listPeriods(ctx, req.actor!, req.query));
  app.get('/api/online-teaching/coverage', { config: { access: 'online_teaching.read' }, schema: { tags, querystring: CoverageQuery, response: { 200: Coverage } } }, (req) => coverage(ctx, req.actor!, req.query));
}
