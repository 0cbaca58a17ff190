import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { listSelfReports } from './queries';
import { ReviewSelfReportBody, SelfReportDetail, SelfReportListQuery, SelfReportSummary, SubmitSelfReportBody } from './schema';
import { reviewSelfReport, selfReportDetail, submitSelfReport } from './service';

export function registerSelfReportRoutes(app: App, ctx: AppContext) {
  const tags = ['self-reports'];
  app.get('/api/self-reports', { config: { access: 'self_report.read' }, schema: { tags, querystring: SelfReportListQuery, response: { 200: Type.Object({ items: Type.Array(SelfReportSummary) }) } } }, (req) =>
    listSelfReports(ctx, req.actor!, req.query),
  );
  app.get('/api/self-reports/:id', { config: { access: 'self_report.read' }, schema: { tags, params: IdParams, response: { 200: SelfReportDetail } } }, (req) => selfReportDetail(ctx, req.actor!, req.params.id));
  app.put('/api/self-reports/:id', { config: { access: 'self_report.submit' }, schema: { tags, params: IdParams, body: SubmitSelfReportBody, response: { 200: Type.Object({ id: Type.Number(), status: Type.String(), duplicate: Type.Boolean() }) } } }, (req) =>
    submitSelfReport(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.post('/api/self-reports/:id/review', { config: { access: 'self_report.review' }, schema: { tags, params: IdParams, body: ReviewSelfReportBody, response: { 200: Type.Object({ id: Type.Number(), findingIds: Type.Array(Type.Number()) }) } } }, (req) =>
    reviewSelfReport(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
}
