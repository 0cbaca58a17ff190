import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { createEndpoint, disableEndpoint, listDeliveries, listEndpoints } from './endpoints';
import { DeliveryList, DeliveryQuery, EndpointBody, EndpointList, NotificationList, NotificationListQuery, StreamQuery } from './schema';
import { listNotifications, markAllRead, markRead } from './service';
import { notificationStream } from './stream';

export function registerNotificationRoutes(app: App, ctx: AppContext) {
  const tags = ['notifications'];

  app.get('/api/notifications', { config: { access: 'authenticated' }, schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationList } } }, (req) =>
    listNotifications(ctx.db, req.actor!, req.query),
  );
  app.get('/api/notifications/stream', { config: { access: 'authenticated' }, schema: { tags, querystring: StreamQuery } }, (req, reply) =>
    notificationStream(ctx, req, reply, req.actor!, req.query.maxMs ?? 1_800_000),
  );
  app.post('/api/notifications/:id/read', { config: { access: 'authenticated' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, (req) =>
    markRead(ctx, req.actor!, req.params.id),
  );
  app.post('/api/notifications/read-all', { config: { access: 'authenticated' }, schema: { tags, response: { 200: Type.Object({ updated: Type.Number() }) } } }, (req) =>
    markAllRead(ctx, req.actor!),
  );

  app.get('/api/notification-endpoints', { config: { access: 'notification_endpoint.manage' }, schema: { tags, response: { 200: EndpointList } } }, (req) => listEndpoints(ctx, req.actor!));
  app.post('/api/notification-endpoints', { config: { access: 'notification_endpoint.manage' }, schema: { tags, body: EndpointBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
    createEndpoint(ctx, req.actor!, req.body, req.ip),
  );
  app.post('/api/notification-endpoints/:id/disable', { config: { access: 'notification_endpoint.manage' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, (req) =>
    disableEndpoint(ctx, req.actor!, req.params.id, req.ip),
  );
  app.get('/api/notification-deliveries', { config: { access: 'notification_endpoint.manage' }, schema: { tags, querystring: DeliveryQuery, response: { 200: DeliveryList } } }, (req) =>
    listDeliveries(ctx, req.actor!, req.query),
  );
}
