import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

let n = 0;
const key = () => `supply-key-${Date.now()}-${++n}`;

describe.each(databases())('supplies on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let county: TestSession;
  let doctor: TestSession;
  let bureauStore: number;
  let schoolStore: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
    bureauStore = (await county.post('/api/supplies/stores', { regionCode: '410105', name: '金水区教体局物资库' })).json().id;
    schoolStore = (await doctor.post('/api/supplies/stores', { schoolId, name: '校医室' })).json().id;
  });
  afterAll(() => env.close());

  it('receives, delivers to a school, consumes; days of cover and low stock follow; retries count once', async () => {
    const receipt = { storeId: bureauStore, item: 'mask', kind: 'receipt', quantity: 10_000, idempotencyKey: key() };
    expect((await county.post('/api/supplies/movements', receipt)).json()).toMatchObject({ stock: 10_000, duplicate: false });
    expect((await county.post('/api/supplies/movements', receipt)).json()).toMatchObject({ stock: 10_000, duplicate: true });
    const delivery = { fromStoreId: bureauStore, toStoreId: schoolStore, item: 'mask', quantity: 2000, idempotencyKey: key() };
    expect((await county.post('/api/supplies/deliveries', delivery)).json().duplicate).toBe(false);
    expect((await county.post('/api/supplies/deliveries', delivery)).json().duplicate).toBe(true);
    for (let d = 0; d < 2; d++) await doctor.post('/api/supplies/movements', { storeId: schoolStore, item: 'mask', kind: 'consumption', quantity: 700, idempotencyKey: key() });
    const stock = (await doctor.get(`/api/supplies/stock?storeId=${schoolStore}&minDays=7`)).json().items.find((i: { item: string }) => i.item === 'mask');
    // 600 left at 1,400 per 14 days (100 a day): 6 days of cover, below the 7 asked for.
    expect(stock).toMatchObject({ stock: 600, usedLast14Days: 1400, daysOfCover: 6, low: true });
    const low = (await county.get('/api/supplies/stock?lowOnly=true')).json().items;
    expect(low.some((i: { storeId: number; item: string }) => i.storeId === schoolStore && i.item === 'mask')).toBe(true);
    expect(low.some((i: { storeId: number; item: string }) => i.storeId === bureauStore && i.item === 'mask')).toBe(false);
  });

  it('refuses to spend stock that is not there, and writes nothing', async () => {
    const count = async () => Number((await env.ctx.db.selectFrom('supply_movements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const over = await doctor.post('/api/supplies/movements', { storeId: schoolStore, item: 'test_kit', kind: 'consumption', quantity: 5, idempotencyKey: key() });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'supply.insufficient_stock', field: 'quantity' });
    const back = await doctor.post('/api/supplies/deliveries', { fromStoreId: schoolStore, toStoreId: bureauStore, item: 'disinfectant', quantity: 1, idempotencyKey: key() });
    expect(back.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
