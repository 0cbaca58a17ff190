import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { ClassTeachersBody, ExposureGroupBody } from './schema';
import { listExposureGroups, saveClassTeachers, saveExposureGroup } from './service';

/** The structure contacts are proposed from, beside classes and dorms: dining, bus, arrival slots and class teachers. */
export function registerExposureRoutes(app: App, ctx: AppContext) {
  const tags = ['contacts'];
  const Group = Type.Object({ id: Type.Number(), kind: Type.String(), name: Type.String(), members: Type.Number() });
  app.get('/api/schools/:id/exposure-groups', { config: { access: 'case.read' }, schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(Group) }) } } }, (req) =>
    listExposureGroups(ctx, req.actor!, req.params.id),
  );
  app.put('/api/schools/:id/exposure-groups', { config: { access: 'exposure.manage' }, schema: { tags, params: IdParams, body: ExposureGroupBody, response: { 200: Type.Object({ id: Type.Number(), members: Type.Number() }) } } }, (req) =>
    saveExposureGroup(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.put('/api/classes/:id/teachers', { config: { access: 'exposure.manage' }, schema: { tags, params: IdParams, body: ClassTeachersBody, response: { 200: OkResponse } } }, (req) =>
    saveClassTeachers(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
}
