import { Type } from 'typebox';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { drawDetail, listDraws, publicDrawRecord } from './queries';
import { CreateDrawBody, DrawDetail, DrawListQuery, DrawRecord, DrawSummary, PerformDrawBody, PublicIdParams } from './schema';
import { createDraw, performDraw } from './service';

const Created = Type.Object({ id: Type.Number(), publicId: Type.String() });
const Performed = Type.Object({ id: Type.Number(), publicId: Type.String(), selected: Type.Array(Type.Object({ schoolId: Type.Number(), rank: Type.Number() })) });

export function registerDrawRoutes(app: App, ctx: AppContext) {
  const tags = ['draws'];

  app.get('/api/draws', { config: { access: 'draw.read' }, schema: { tags, querystring: DrawListQuery, response: { 200: Type.Object({ items: Type.Array(DrawSummary) }) } } }, (req) =>
    listDraws(ctx, req.actor!, req.query),
  );

  app.post('/api/draws', { config: { access: 'draw.manage' }, schema: { tags, body: CreateDrawBody, response: { 200: Created } } }, (req) =>
    createDraw(ctx, req.actor!, req.body, req.ip),
  );

  app.get('/api/draws/:id', { config: { access: 'draw.read' }, schema: { tags, params: IdParams, response: { 200: DrawDetail } } }, async (req) => {
    const detail = await drawDetail(ctx, req.actor!, req.params.id);
    return { ...detail, can: { perform: can(req.actor, 'draw.manage') && detail.draw.status === 'committed' } };
  });

  app.post('/api/draws/:id/perform', { config: { access: 'draw.manage' }, schema: { tags, params: IdParams, body: PerformDrawBody, response: { 200: Performed } } }, (req) =>
    performDraw(ctx, req.actor!, req.params.id, req.body ?? {}, req.ip),
  );

  // Anyone may fetch the record and re-run the draw with `campusguard verify-draw`.
  app.get('/api/public/draws/:publicId', { config: { access: 'public' }, schema: { tags, params: PublicIdParams, response: { 200: DrawRecord } } }, (req) =>
    publicDrawRecord(ctx, req.params.publicId),
  );
}
