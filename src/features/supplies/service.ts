import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import { regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction, type Trx } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { daysOfCover, isLow, SUPPLY_ITEMS, type SupplyItem } from '../../domain/supplies/cover';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { Nullable, Strict } from '../../http/schema';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';

const Item = Type.Union(SUPPLY_ITEMS.map((i) => Type.Literal(i)));
const Key = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const CreateStoreBody = Strict({ schoolId: Type.Optional(Type.Integer({ minimum: 1 })), regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })), name: Type.String({ minLength: 1, maxLength: 60 }) });
export const MovementBody = Strict({
  storeId: Type.Integer({ minimum: 1 }),
  item: Item,
  kind: Type.Union([Type.Literal('receipt'), Type.Literal('consumption'), Type.Literal('adjustment')]),
  /** Positive for receipts and consumption; an adjustment (stocktake) may be negative. */
  quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
  note: Type.Optional(Type.String({ maxLength: 200 })),
  idempotencyKey: Key,
});
export const DeliveryBody = Strict({ fromStoreId: Type.Integer({ minimum: 1 }), toStoreId: Type.Integer({ minimum: 1 }), item: Item, quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }), note: Type.Optional(Type.String({ maxLength: 200 })), idempotencyKey: Key });
export const StockQuery = Strict({ storeId: Type.Optional(Type.Integer({ minimum: 1 })), minDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 7 })), lowOnly: Type.Optional(Type.Boolean()) });
export const StockRow = Type.Object({ storeId: Type.Number(), storeName: Type.String(), item: Type.String(), stock: Type.Number(), usedLast14Days: Type.Number(), daysOfCover: Nullable(Type.Number()), low: Type.Boolean() });

const storeInScope = (actor: Actor) => sql<boolean>`(case when supply_stores.school_id is not null then ${schoolInScope(actor.scope, 'supply_stores.school_id')} else ${regionInScope(actor.scope, 'supply_stores.region_code')} end)`;

async function loadStore(ctx: AppContext | { db: Trx }, actor: Actor, id: number, field: string) {
  const s = await ctx.db.selectFrom('supply_stores').select(['id', 'name', storeInScope(actor).as('allowed')]).where('id', '=', id).executeTakeFirst();
  if (!s) throw new AppError('supply.store_unknown', 404, { field });
  if (!s.allowed) throw new AppError('error.out_of_scope', 403, { field });
  return s;
}

export async function createStore(ctx: AppContext, actor: Actor, body: Static<typeof CreateStoreBody>, ip: string) {
  if ((body.schoolId === undefined) === (body.regionCode === undefined)) throw new AppError('supply.store_place', 400, { field: 'schoolId' });
  if (body.schoolId) await assertSchoolInScope(ctx, actor, body.schoolId);
  else {
    const r = await ctx.db.selectFrom('regions').select([sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')]).where('code', '=', body.regionCode!).executeTakeFirst();
    if (!r) throw new AppError('supply.store_place', 400, { field: 'regionCode' });
    if (!r.allowed) throw new AppError('error.out_of_scope', 403, { field: 'regionCode' });
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx.insertInto('supply_stores').values({ school_id: body.schoolId ?? null, region_code: body.regionCode ?? null, name: body.name.trim(), created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'supply.store.create', objectType: 'supply_store', objectId: row.id, ip });
    return row;
  });
}

async function stockOf(trx: Trx, storeId: number, item: SupplyItem): Promise<number> {
  // Lock the store row: two movements at once cannot both spend the same stock.
  await trx.selectFrom('supply_stores').select('id').where('id', '=', storeId).forUpdate().execute();
  const r = await trx.selectFrom('supply_movements').select(sql<number>`coalesce(sum(quantity), 0)::int`.as('n')).where('store_id', '=', storeId).where('item', '=', item).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Receipt, consumption or stocktake adjustment at one store; the stock never goes below zero. */
export async function recordMovement(ctx: AppContext, actor: Actor, body: Static<typeof MovementBody>, ip: string) {
  await loadStore(ctx, actor, body.storeId, 'storeId');
  if (body.quantity === 0 || (body.kind !== 'adjustment' && body.quantity < 0)) throw new AppError('supply.quantity', 400, { field: 'quantity' });
  const signed = body.kind === 'consumption' ? -body.quantity : body.quantity;
  return inTransaction(ctx.db, async (trx) => {
    const again = await trx.selectFrom('supply_movements').select('id').where('store_id', '=', body.storeId).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (again) return { id: again.id, stock: await stockOf(trx, body.storeId, body.item), duplicate: true };
    const stock = await stockOf(trx, body.storeId, body.item);
    if (stock + signed < 0) throw new AppError('supply.insufficient_stock', 409, { field: 'quantity', stock });
    const row = await trx.insertInto('supply_movements').values({ store_id: body.storeId, item: body.item, kind: body.kind, quantity: signed, at: ctx.now(), note: body.note ?? '', recorded_by: actor.accountId, idempotency_key: body.idempotencyKey }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: `supply.${body.kind}`, objectType: 'supply_store', objectId: body.storeId, detail: { item: body.item, quantity: signed }, ip });
    return { id: row.id, stock: stock + signed, duplicate: false };
  });
}

/** A delivery from one store to another (a bureau store to a school): out and in commit together. */
export async function deliver(ctx: AppContext, actor: Actor, body: Static<typeof DeliveryBody>, ip: string) {
  if (body.fromStoreId === body.toStoreId) throw new AppError('supply.same_store', 400, { field: 'toStoreId' });
  await loadStore(ctx, actor, body.fromStoreId, 'fromStoreId');
  await loadStore(ctx, actor, body.toStoreId, 'toStoreId');
  return inTransaction(ctx.db, async (trx) => {
    const again = await trx.selectFrom('supply_movements').select('id').where('store_id', '=', body.fromStoreId).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (again) return { id: again.id, duplicate: true };
    const stock = await stockOf(trx, body.fromStoreId, body.item);
    if (stock < body.quantity) throw new AppError('supply.insufficient_stock', 409, { field: 'quantity', stock });
    const now = ctx.now();
    const base = { item: body.item, at: now, note: body.note ?? '', recorded_by: actor.accountId, idempotency_key: body.idempotencyKey };
    const out = await trx.insertInto('supply_movements').values({ ...base, store_id: body.fromStoreId, kind: 'delivery_out', quantity: -body.quantity, counterpart_id: body.toStoreId }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('supply_movements').values({ ...base, store_id: body.toStoreId, kind: 'delivery_in', quantity: body.quantity, counterpart_id: body.fromStoreId }).execute();
    await writeAudit(trx, actor, { action: 'supply.delivery', objectType: 'supply_store', objectId: body.fromStoreId, detail: { to: body.toStoreId, item: body.item, quantity: body.quantity }, ip });
    return { id: out.id, duplicate: false };
  });
}

/** Stock per store and item in scope, with days of cover at the last 14 days' consumption. */
export async function stock(ctx: AppContext, actor: Actor, q: Static<typeof StockQuery>) {
  const since = new Date(ctx.now().getTime() - 14 * 86_400_000);
  let query = ctx.db
    .selectFrom('supply_stores')
    .crossJoin(sql<{ item: SupplyItem }>`(select unnest(${sql.val([...SUPPLY_ITEMS])}::text[]) as item)`.as('i'))
    .select([
      'supply_stores.id', 'supply_stores.name', sql<SupplyItem>`i.item`.as('item'),
      sql<number>`(select coalesce(sum(m.quantity), 0)::int from supply_movements m where m.store_id = supply_stores.id and m.item = i.item)`.as('stock'),
      sql<number>`(select coalesce(-sum(m.quantity), 0)::int from supply_movements m where m.store_id = supply_stores.id and m.item = i.item and m.kind = 'consumption' and m.at >= ${since})`.as('used'),
    ])
    .where(storeInScope(actor))
    .orderBy('supply_stores.name')
    .orderBy(sql`i.item`);
  if (q.storeId) query = query.where('supply_stores.id', '=', q.storeId);
  const minDays = q.minDays ?? 7;
  const rows = (await query.limit(20_000).execute()).map((r) => {
    const cover = daysOfCover(Number(r.stock), Number(r.used));
    return { storeId: r.id, storeName: r.name, item: r.item, stock: Number(r.stock), usedLast14Days: Number(r.used), daysOfCover: cover, low: isLow(cover, Number(r.stock), minDays) };
  });
  return { minDays, items: q.lowOnly ? rows.filter((r) => r.low) : rows };
}

export async function listStores(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db.selectFrom('supply_stores').select(['id', 'name', 'school_id', 'region_code']).where(storeInScope(actor)).orderBy('name').limit(5000).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, schoolId: r.school_id, regionCode: r.region_code }));
}
