import { Type } from 'typebox';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { IdParams, Nullable, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { FILE_BODY_LIMIT, fileBody, registerFileRoutes } from '../rectification/file-upload';
import { listInspections } from './queries';
import { AnswersBody, CompleteBody, CreateInspectionBody, InspectionDetail, InspectionList, InspectionListQuery, PhotoParams, PhotoQuery } from './schema';
import { completeInspection, createInspection, inspectionDetail, inspectionPhoto, recordAnswers, uploadPhoto } from './service';

const OFFICERS = ['province_officer', 'city_officer', 'county_officer'];

export function registerInspectionRoutes(app: App, ctx: AppContext) {
  const tags = ['inspections'];
  app.get('/api/inspections', { config: { access: 'inspection.read' }, schema: { tags, querystring: InspectionListQuery, response: { 200: InspectionList } } }, async (req) => {
    const items = await listInspections(ctx, req.actor!.scope, req.actor!.accountId, req.query);
    return { items, can: { create: can(req.actor, 'inspection.conduct'), planBureauInspections: OFFICERS.includes(req.actor!.role) } };
  });
  app.post('/api/inspections', { config: { access: 'inspection.conduct' }, schema: { tags, body: CreateInspectionBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) => createInspection(ctx, req.actor!, req.body, req.ip));
  app.get('/api/inspections/:id', { config: { access: 'inspection.read' }, schema: { tags, params: IdParams, response: { 200: InspectionDetail } } }, (req) => inspectionDetail(ctx, req.actor!, req.params.id));
  app.put('/api/inspections/:id/answers', { config: { access: 'inspection.conduct' }, schema: { tags, params: IdParams, body: AnswersBody, response: { 200: OkResponse } } }, (req) => recordAnswers(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/inspections/:id/complete', { config: { access: 'inspection.conduct' }, schema: { tags, params: IdParams, body: CompleteBody, response: { 200: Type.Object({ id: Type.Number(), score: Nullable(Type.Number()), findingIds: Type.Array(Type.Number()) }) } } }, (req) =>
    completeInspection(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.get('/api/inspections/:id/photos/:photoId', { config: { access: 'inspection.read' }, schema: { tags, params: PhotoParams } }, async (req, reply) => {
    const photo = await inspectionPhoto(ctx, req.actor!, req.params.id, req.params.photoId);
    return reply.header('Content-Type', photo.content_type).header('Cache-Control', 'private, no-store').send(photo.data);
  });
  registerFileRoutes(app, (scope) => {
    scope.post('/api/inspections/:id/photos', { config: { access: 'inspection.conduct' }, bodyLimit: FILE_BODY_LIMIT, schema: { tags, params: IdParams, querystring: PhotoQuery, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
      uploadPhoto(ctx, req.actor!, req.params.id, fileBody(req.body), req.headers['content-type'], req.query.itemKey, req.ip),
    );
  });
}
