import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { listAccountability, recordAccountability } from './accountability';
import { FILE_BODY_LIMIT, fileBody, registerFileRoutes } from './file-upload';
import { listFindings } from './queries';
import { AccountabilityBody, AccountabilityQuery, CreateFindingBody, EvidenceParams, EvidenceQuery, FindingDetail, FindingListQuery, FindingSummary, RecheckBody } from './schema';
import { createFinding, evidenceFile, findingDetail, recheckFinding, uploadEvidence } from './service';

const Created = Type.Object({ id: Type.Number() });

export function registerRectificationRoutes(app: App, ctx: AppContext) {
  const tags = ['rectification'];
  app.get('/api/findings', { config: { access: 'finding.read' }, schema: { tags, querystring: FindingListQuery, response: { 200: Type.Object({ items: Type.Array(FindingSummary) }) } } }, (req) => listFindings(ctx, req.actor!, req.query));
  app.post('/api/findings', { config: { access: 'finding.manage' }, schema: { tags, body: CreateFindingBody, response: { 200: Created } } }, (req) => createFinding(ctx, req.actor!, req.body, req.ip));
  app.get('/api/findings/:id', { config: { access: 'finding.read' }, schema: { tags, params: IdParams, response: { 200: FindingDetail } } }, (req) => findingDetail(ctx, req.actor!, req.params.id));
  app.post('/api/findings/:id/recheck', { config: { access: 'finding.manage' }, schema: { tags, params: IdParams, body: RecheckBody, response: { 200: OkResponse } } }, (req) =>
    recheckFinding(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.get('/api/findings/:id/evidence/:evidenceId', { config: { access: 'finding.read' }, schema: { tags, params: EvidenceParams } }, async (req, reply) => {
    const file = await evidenceFile(ctx, req.actor!, req.params.id, req.params.evidenceId, req.ip);
    return reply.header('Content-Type', file.content_type).header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.file_name)}`).header('Cache-Control', 'private, no-store').send(file.data);
  });
  registerFileRoutes(app, (scope) => {
    scope.post('/api/findings/:id/evidence', { config: { access: 'finding.evidence' }, bodyLimit: FILE_BODY_LIMIT, schema: { tags, params: IdParams, querystring: EvidenceQuery, response: { 200: Type.Object({ id: Type.Number(), duplicate: Type.Boolean() }) } } }, (req) =>
      uploadEvidence(ctx, req.actor!, req.params.id, fileBody(req.body), req.headers['content-type'], req.query, req.ip),
    );
  });
  app.get('/api/accountability', { config: { access: 'accountability.read' }, schema: { tags, querystring: AccountabilityQuery } }, (req) => listAccountability(ctx, req.actor!, req.query));
  app.post('/api/accountability', { config: { access: 'accountability.manage' }, schema: { tags, body: AccountabilityBody, response: { 200: Created } } }, (req) => recordAccountability(ctx, req.actor!, req.body, req.ip));
}
