import { Type } from 'typebox';
import { personInScope } from '../../db/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope } from '../cases/school-date';
import { isolationCounts, isolationRowQuery, listSites, toIsolationRow } from './queries';
import { CheckinBody, CountsQuery, CreateIsolationBody, IsolateContactsBody, IsolationListQuery, LogisticsBody, ReleaseBody, SiteBody } from './schema';
import { checkin, createIsolation, isolateContacts, isolationDetail, release, updateLogistics } from './service';

const Loose = Type.Object({}, { additionalProperties: true });

export function registerIsolationRoutes(app: App, ctx: AppContext) {
  const tags = ['isolation'];
  app.get('/api/isolations', { config: { access: 'isolation.read' }, schema: { tags, querystring: IsolationListQuery, response: { 200: Type.Object({ items: Type.Array(Loose) }) } } }, async (req) => {
    const q = req.query;
    let query = isolationRowQuery(ctx.db).where(personInScope(req.actor!.scope, 'persons'));
    if (q.schoolId) query = query.where('i.school_id', '=', q.schoolId);
    if (q.classId) query = query.where('persons.class_id', '=', q.classId);
    if (q.siteId) query = query.where('i.site_id', '=', q.siteId);
    if (q.kind) query = query.where('i.kind', '=', q.kind);
    query = query.where('i.status', '=', q.status ?? 'active');
    const items = (await query.orderBy('i.starts_on', 'desc').orderBy('i.id', 'desc').limit(q.limit ?? 200).execute()).map(toIsolationRow);
    await writeAudit(ctx.db, req.actor, { action: 'isolation.list', objectType: 'isolation', detail: { filter: q, count: items.length }, ip: req.ip });
    return { items };
  });
  // The daily check-in desk: a parent's children in isolation (or, for school health staff, those
  // in scope), with their check-ins, for those who may check in but not read isolation orders.
  app.get('/api/isolations/checkins', { config: { access: 'isolation.checkin' }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(Loose) }) } } }, async (req) => {
    const rows = (await isolationRowQuery(ctx.db).where(personInScope(req.actor!.scope, 'persons')).where('i.status', '=', 'active').orderBy('i.starts_on', 'desc').orderBy('i.id', 'desc').limit(200).execute()).map(toIsolationRow);
    const checkins = rows.length
      ? await ctx.db.selectFrom('isolation_checkins').select(['isolation_id', 'day', 'temperature', 'note']).where('isolation_id', 'in', rows.map((r) => r.id)).orderBy('day', 'desc').execute()
      : [];
    await writeAudit(ctx.db, req.actor, { action: 'isolation.list', objectType: 'isolation', detail: { checkins: true, count: rows.length }, ip: req.ip });
    return {
      items: rows.map((r) => ({
        id: r.id, personId: r.personId, personName: r.personName, className: r.className, kind: r.kind, startsOn: r.startsOn, plannedEnd: r.plannedEnd, monitoringEnd: r.monitoringEnd,
        checkins: checkins.filter((c) => c.isolation_id === r.id).map((c) => ({ day: c.day, temperature: c.temperature == null ? null : Number(c.temperature), note: c.note })),
      })),
    };
  });
  app.get('/api/isolations/counts', { config: { access: 'isolation.read' }, schema: { tags, querystring: CountsQuery, response: { 200: Loose } } }, async (req) => {
    if (req.query.regionCode) await assertRegionInScope(ctx, req.actor!, req.query.regionCode);
    return isolationCounts(ctx.db, req.actor!.scope, req.query.regionCode ?? null);
  });
  app.post('/api/isolations', { config: { access: 'isolation.manage' }, schema: { tags, body: CreateIsolationBody, response: { 200: Loose } } }, (req) => createIsolation(ctx, req.actor!, req.body, req.ip));
  app.post('/api/cases/:id/isolations', { config: { access: 'isolation.manage' }, schema: { tags, params: IdParams, body: IsolateContactsBody, response: { 200: Loose } } }, (req) =>
    isolateContacts(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.get('/api/isolations/:id', { config: { access: 'isolation.read' }, schema: { tags, params: IdParams, response: { 200: Loose } } }, (req) => isolationDetail(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/isolations/:id/checkins', { config: { access: 'isolation.checkin' }, schema: { tags, params: IdParams, body: CheckinBody, response: { 200: OkResponse } } }, (req) => checkin(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/isolations/:id/release', { config: { access: 'isolation.manage' }, schema: { tags, params: IdParams, body: ReleaseBody, response: { 200: Type.Object({ ok: Type.Boolean(), criteriaMet: Type.Boolean() }) } } }, (req) =>
    release(ctx, req.actor!, req.params.id, req.body.overrideReason, req.ip),
  );
  app.patch('/api/isolations/:id/logistics', { config: { access: 'isolation.manage' }, schema: { tags, params: IdParams, body: LogisticsBody, response: { 200: OkResponse } } }, (req) =>
    updateLogistics(ctx, req.actor!, req.params.id, req.body.logistics, req.ip),
  );
  app.get('/api/isolation-sites', { config: { access: 'isolation.read' }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(Loose) }) } } }, async (req) => ({ items: await listSites(ctx.db, req.actor!.scope) }));
  app.post('/api/isolation-sites', { config: { access: 'isolation_site.manage' }, schema: { tags, body: SiteBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, async (req) => {
    await assertRegionInScope(ctx, req.actor!, req.body.regionCode);
    const dup = await ctx.db.selectFrom('isolation_sites').select('id').where('region_code', '=', req.body.regionCode).where('name', '=', req.body.name).executeTakeFirst();
    if (dup) throw new AppError('isolation.site_duplicate', 409, { field: 'name' });
    const row = await ctx.db.insertInto('isolation_sites').values({ region_code: req.body.regionCode, name: req.body.name, address: req.body.address ?? '', capacity: req.body.capacity }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(ctx.db, req.actor, { action: 'isolation_site.create', objectType: 'isolation_site', objectId: row.id, ip: req.ip });
    return { id: row.id };
  });
}
