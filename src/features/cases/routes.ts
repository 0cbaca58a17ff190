import { Type } from 'typebox';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { writeAudit } from '../audit/write-audit';
import { addContact, decideContact, decideContacts, listContacts, outbreakGraph, proposeContacts } from '../contacts/service';
import { AddContactBody, ContactList, DecideContactBody, DecideManyBody } from '../contacts/schema';
import { listCases } from './queries';
import { CaseListQuery, CaseRow, CreateCaseBody, CreatedCase, UpdateCaseBody } from './schema';
import { caseDetail, createCase, updateCase } from './service';

const ProposeQuery = Strict({ aroundContactId: Type.Optional(Type.Integer({ minimum: 1 })) });
// `withheld`: nodes of persons outside the caller's scope, left out with their edges (a count, no names).
const Graph = Type.Object({ outbreakId: Type.Number(), nodes: Type.Array(Type.Unknown()), edges: Type.Array(Type.Unknown()), withheld: Type.Number() });

export function registerCaseRoutes(app: App, ctx: AppContext) {
  const tags = ['cases'];
  app.get('/api/cases', { config: { access: 'case.read' }, schema: { tags, querystring: CaseListQuery, response: { 200: Type.Object({ items: Type.Array(CaseRow), can: Type.Object({ manage: Type.Boolean() }) }) } } }, async (req) => {
    const items = await listCases(ctx.db, req.actor!.scope, req.query);
    await writeAudit(ctx.db, req.actor, { action: 'case.list', objectType: 'case', detail: { filter: req.query, count: items.length }, ip: req.ip });
    return { items, can: { manage: can(req.actor, 'case.manage') } };
  });
  app.post('/api/cases', { config: { access: 'case.manage' }, schema: { tags, body: CreateCaseBody, response: { 200: CreatedCase } } }, (req) => createCase(ctx, req.actor!, req.body, req.ip));
  app.get('/api/cases/:id', { config: { access: 'case.read' }, schema: { tags, params: IdParams, response: { 200: CaseRow } } }, (req) => caseDetail(ctx, req.actor!, req.params.id, req.ip));
  app.patch('/api/cases/:id', { config: { access: 'case.manage' }, schema: { tags, params: IdParams, body: UpdateCaseBody, response: { 200: OkResponse } } }, (req) => updateCase(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.get('/api/cases/:id/contacts', { config: { access: 'case.read' }, schema: { tags, params: IdParams, response: { 200: ContactList } } }, (req) => listContacts(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/cases/:id/contacts/propose', { config: { access: 'case.manage' }, schema: { tags, params: IdParams, querystring: ProposeQuery, response: { 200: ContactList } } }, (req) =>
    proposeContacts(ctx, req.actor!, req.params.id, req.query.aroundContactId ?? null, req.ip),
  );
  app.post('/api/cases/:id/contacts/decide', { config: { access: 'case.manage' }, schema: { tags, params: IdParams, body: DecideManyBody, response: { 200: Type.Object({ ok: Type.Boolean(), updated: Type.Number() }) } } }, (req) =>
    decideContacts(ctx, req.actor!, req.params.id, req.body.contactIds, req.body.decision, undefined, req.ip),
  );
  app.post('/api/cases/:id/contacts', { config: { access: 'case.manage' }, schema: { tags, params: IdParams, body: AddContactBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
    addContact(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.post('/api/contacts/:id/decision', { config: { access: 'case.manage' }, schema: { tags, params: IdParams, body: DecideContactBody, response: { 200: Type.Object({ ok: Type.Boolean(), updated: Type.Number() }) } } }, (req) =>
    decideContact(ctx, req.actor!, req.params.id, req.body.decision, req.body.note, req.ip),
  );
  app.get('/api/cases/:id/graph', { config: { access: 'case.read' }, schema: { tags, params: IdParams, response: { 200: Graph } } }, (req) => outbreakGraph(ctx, req.actor!, req.params.id, req.ip));
}
