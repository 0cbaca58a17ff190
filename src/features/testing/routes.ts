import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import type { App } from '../../http/types';
import { MAX_UPLOAD_BYTES, XLSX_TYPE } from '../roster/routes';
import { dueList } from './due';
import { importResults } from './import';
import { DueQuery, DueResponse, ImportQuery, ImportResponse, ItemsResponse, ResultBody, ResultResponse, ResultsQuery, ScheduleBody } from './schema';
import { createSchedule, listResults, listSchedules, recordResult } from './service';

export function registerTestingRoutes(app: App, ctx: AppContext) {
  const tags = ['testing'];
  app.get('/api/test-schedules', { config: { access: 'test.read' }, schema: { tags, response: { 200: ItemsResponse } } }, (req) => listSchedules(ctx, req.actor!));
  app.post('/api/test-schedules', { config: { access: 'test_schedule.manage' }, schema: { tags, body: ScheduleBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) => createSchedule(ctx, req.actor!, req.body, req.ip));
  app.get('/api/testing/due', { config: { access: 'test.read' }, schema: { tags, querystring: DueQuery, response: { 200: DueResponse } } }, (req) => dueList(ctx, req.actor!, req.query, req.ip));
  app.get('/api/test-results', { config: { access: 'test.read' }, schema: { tags, querystring: ResultsQuery, response: { 200: ItemsResponse } } }, (req) => listResults(ctx, req.actor!, req.query, req.ip));
  app.post('/api/test-results', { config: { access: 'test.record' }, schema: { tags, body: ResultBody, response: { 200: ResultResponse } } }, (req) => recordResult(ctx, req.actor!, req.body, req.ip));
  // The lab's file is the raw body (as the roster upload); its parsers live in this scope only.
  app.register(async (child) => {
    const scope = child.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser([XLSX_TYPE, 'text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
    scope.post('/api/test-results/import', { config: { access: 'test.record' }, bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, querystring: ImportQuery, response: { 200: ImportResponse } } }, async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('roster.body_not_file', 415, { field: 'body' });
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      return importResults(ctx, req.actor!, { schoolId: req.query.schoolId, file: req.body, declared: type === XLSX_TYPE ? 'xlsx' : type === 'text/csv' ? 'csv' : undefined, locale: req.locale, ip: req.ip });
    });
  });
}
