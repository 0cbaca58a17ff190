import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { Nullable } from '../../http/schema';
import type { App } from '../../http/types';
import { CreateStoreBody, DeliveryBody, MovementBody, StockQuery, StockRow, createStore, deliver, listStores, recordMovement, stock } from './service';

export function registerSupplyRoutes(app: App, ctx: AppContext) {
  const tags = ['supplies'];
  const Store = Type.Object({ id: Type.Number(), name: Type.String(), schoolId: Nullable(Type.Number()), regionCode: Nullable(Type.String()) });
  app.get('/api/supplies/stores', { config: { access: 'supply.read' }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(Store) }) } } }, async (req) => ({ items: await listStores(ctx, req.actor!) }));
  app.post('/api/supplies/stores', { config: { access: 'supply.write' }, schema: { tags, body: CreateStoreBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) => createStore(ctx, req.actor!, req.body, req.ip));
  app.post('/api/supplies/movements', { config: { access: 'supply.write' }, schema: { tags, body: MovementBody, response: { 200: Type.Object({ id: Type.Number(), stock: Type.Number(), duplicate: Type.Boolean() }) } } }, (req) =>
    recordMovement(ctx, req.actor!, req.body, req.ip),
  );
  app.post('/api/supplies/deliveries', { config: { access: 'supply.write' }, schema: { tags, body: DeliveryBody, response: { 200: Type.Object({ id: Type.Number(), duplicate: Type.Boolean() }) } } }, (req) => deliver(ctx, req.actor!, req.body, req.ip));
  app.get('/api/supplies/stock', { config: { access: 'supply.read' }, schema: { tags, querystring: StockQuery, response: { 200: Type.Object({ minDays: Type.Number(), items: Type.Array(StockRow) }) } } }, (req) => stock(ctx, req.actor!, req.query));
}
