import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, Nullable } from '../../http/schema';
import type { App } from '../../http/types';
import { ChecklistVersionView, CreateChecklistBody, NewVersionBody, VersionQuery } from './schema';
import { addChecklistVersion, checklistVersion, createChecklist, listChecklists } from './service';

const Summary = Type.Object({ id: Type.Number(), key: Type.String(), name: Type.String(), regionCode: Nullable(Type.String()), latestVersionId: Type.Number(), latestVersion: Type.Number(), itemCount: Type.Number(), updatedAt: Type.String() });
const Created = Type.Object({ id: Type.Number(), versionId: Type.Number(), version: Type.Number() });

export function registerChecklistRoutes(app: App, ctx: AppContext) {
  const tags = ['checklists'];
  app.get('/api/checklists', { config: { access: 'checklist.read' }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(Summary) }) } } }, () => listChecklists(ctx));
  app.get('/api/checklists/versions/:id', { config: { access: 'checklist.read' }, schema: { tags, params: IdParams, querystring: VersionQuery, response: { 200: ChecklistVersionView } } }, (req) =>
    checklistVersion(ctx, req.actor!, req.params.id, req.query.schoolId),
  );
  app.post('/api/checklists', { config: { access: 'checklist.manage' }, schema: { tags, body: CreateChecklistBody, response: { 200: Created } } }, (req) => createChecklist(ctx, req.actor!, req.body, req.ip));
  app.post('/api/checklists/:id/versions', { config: { access: 'checklist.manage' }, schema: { tags, params: IdParams, body: NewVersionBody, response: { 200: Created } } }, (req) =>
    addChecklistVersion(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
}
