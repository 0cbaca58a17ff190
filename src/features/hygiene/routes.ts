import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { AreaRow, CreateAreaBody, CreateLogBody, LogQuery, LogRow, OverdueList, SchoolQuery } from './schema';
import { createArea, listAreas, listLogs, overdueList, recordLog } from './service';

export function registerHygieneRoutes(app: App, ctx: AppContext) {
  const tags = ['hygiene'];
  app.get('/api/hygiene/areas', { config: { access: 'hygiene.read' }, schema: { tags, querystring: SchoolQuery, response: { 200: Type.Object({ items: Type.Array(AreaRow) }) } } }, async (req) => ({
    items: await listAreas(ctx, req.actor!, req.query.schoolId),
  }));
  app.post('/api/hygiene/areas', { config: { access: 'hygiene.write' }, schema: { tags, body: CreateAreaBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
    createArea(ctx, req.actor!, req.body, req.ip),
  );
  app.post('/api/hygiene/logs', { config: { access: 'hygiene.write' }, schema: { tags, body: CreateLogBody, response: { 200: Type.Object({ id: Type.Number(), duplicate: Type.Boolean() }) } } }, (req) =>
    recordLog(ctx, req.actor!, req.body, req.ip),
  );
  app.get('/api/hygiene/logs', { config: { access: 'hygiene.read' }, schema: { tags, querystring: LogQuery, response: { 200: Type.Object({ items: Type.Array(LogRow) }) } } }, async (req) => ({
    items: await listLogs(ctx, req.actor!, req.query),
  }));
  app.get('/api/hygiene/overdue', { config: { access: 'hygiene.read' }, schema: { tags, querystring: SchoolQuery, response: { 200: OverdueList } } }, (req) =>
    overdueList(ctx, req.actor!, req.query.schoolId),
  );
}
