import { Type } from 'typebox';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { MyNotices, NoticeDetail, NoticeList, NoticeListQuery, SendNoticeBody } from './schema';
import { acknowledge, listNotices, myNotices, noticeDetail, remind, sendNotice } from './service';

export function registerNoticeRoutes(app: App, ctx: AppContext) {
  const tags = ['notices'];
  app.post('/api/notices', { config: { access: 'notice.send' }, schema: { tags, body: SendNoticeBody, response: { 200: Type.Object({ id: Type.Number(), recipients: Type.Number(), notified: Type.Optional(Type.Number()), duplicate: Type.Boolean() }) } } }, (req) =>
    sendNotice(ctx, req.actor!, req.body, req.ip),
  );
  app.get('/api/notices', { config: { access: 'notice.read' }, schema: { tags, querystring: NoticeListQuery, response: { 200: NoticeList } } }, async (req) => ({
    items: await listNotices(ctx, req.actor!, req.query.limit),
    can: { send: can(req.actor, 'notice.send') },
  }));
  app.get('/api/notices/mine', { config: { access: 'notice.receive' }, schema: { tags, response: { 200: MyNotices } } }, (req) => myNotices(ctx, req.actor!));
  app.get('/api/notices/:id', { config: { access: 'notice.read' }, schema: { tags, params: IdParams, response: { 200: NoticeDetail } } }, (req) => noticeDetail(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/notices/:id/remind', { config: { access: 'notice.send' }, schema: { tags, params: IdParams, response: { 200: Type.Object({ reminded: Type.Number(), notified: Type.Number() }) } } }, (req) =>
    remind(ctx, req.actor!, req.params.id, req.ip),
  );
  app.post('/api/notices/:id/ack', { config: { access: 'notice.receive' }, schema: { tags, params: IdParams, response: { 200: Type.Object({ acknowledged: Type.Number(), already: Type.Number() }) } } }, (req) =>
    acknowledge(ctx, req.actor!, req.params.id, req.ip),
  );
}
