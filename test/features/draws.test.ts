import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as verifyDraw } from '../../src/cli/commands/verify-draw';
import { makeCommitment } from '../../src/domain/draws';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const dir = mkdtempSync(path.join(tmpdir(), 'draws-test-'));

async function count(env: TestEnv, table: 'draws' | 'draw_selections' | 'inspections' | 'self_reports') {
  return Number((await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describe.each(databases())('random draws on %s', (kind) => {
  let env: TestEnv;
  let county: TestSession;
  let city: TestSession;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    const types = ['primary', 'junior', 'senior', 'kindergarten'] as const;
    for (let i = 0; i < 12; i++) await makeSchool(env.ctx, { regionCode: i % 3 === 0 ? '410102' : '410105', type: types[i % 4] });
    await makeSchool(env.ctx, { regionCode: '410108' });
    county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
    city = await login(env, (await makeAccount(env.ctx, { role: 'city_officer', regionCode: '410100' })).username);
  });
  afterAll(() => env.close());

  it('publishes the commitment and input hash first, reveals the seed after, and verify-draw reproduces the result', async () => {
    const made = await city.post('/api/draws', { regionCode: '410100', kind: 'weekly_spot_check', count: 6 });
    expect(made.statusCode, made.body).toBe(200);
    const { id, publicId } = made.json();
    const before = await env.app.inject({ method: 'GET', url: `/api/public/draws/${publicId}` });
    expect(before.statusCode).toBe(200);
    expect(before.json().seed).toBeUndefined();
    expect(before.json().result).toBeUndefined();
    expect(before.json().schools).toHaveLength(13);
    const commitment = before.json().commitment;

    const performed = await city.post(`/api/draws/${id}/perform`);
    expect(performed.statusCode, performed.body).toBe(200);
    expect(performed.json().selected).toHaveLength(6);
    const record = (await env.app.inject({ method: 'GET', url: `/api/public/draws/${publicId}` })).json();
    expect(Object.keys(record).sort()).toEqual(['commitment', 'format', 'inputHash', 'params', 'result', 'schools', 'seed']);
    expect(record.commitment).toBe(commitment);
    expect(makeCommitment(record.seed)).toBe(commitment);
    expect(record.inputHash).toBe(before.json().inputHash);

    const file = path.join(dir, `${publicId}.json`);
    writeFileSync(file, JSON.stringify(record));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await verifyDraw([file])).toBe(0);
    expect(log.mock.calls[0][0]).toMatch(/^OK draw /);
    writeFileSync(file, JSON.stringify({ ...record, result: { selected: [...record.result.selected].reverse() } }));
    expect(await verifyDraw([file])).toBe(1);
    log.mockRestore();

    // The weekly spot check gives each drawn school an unannounced random inspection.
    const inspections = await env.ctx.db.selectFrom('inspections').selectAll().where('draw_id', '=', id).execute();
    expect(inspections).toHaveLength(6);
    expect(inspections.every((i) => i.unannounced && i.method === 'random_spot_check' && i.level === 'city')).toBe(true);
    expect((await city.post(`/api/draws/${id}/perform`)).statusCode).toBe(409);
  });

  it('refuses a silent repeat: a second draw for the period needs a reason, and both stay visible', async () => {
    const drawsBefore = await count(env, 'draws');
    const again = await city.post('/api/draws', { regionCode: '410100', kind: 'weekly_spot_check', count: 6 });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'draw.repeat_needs_reason', field: 'reason' });
    expect(await count(env, 'draws')).toBe(drawsBefore);
    const withReason = await city.post('/api/draws', { regionCode: '410100', kind: 'weekly_spot_check', count: 6, reason: '第一次抽中的学校停课，重新抽取' });
    expect(withReason.statusCode).toBe(200);
    const list = (await city.get('/api/draws?regionCode=410100')).json().items as { attempt: number; reason: string | null; period: string }[];
    const weekly = list.filter((d) => d.period === list[0].period);
    expect(weekly.map((d) => d.attempt).sort()).toEqual([1, 2]);
    expect(weekly.find((d) => d.attempt === 2)!.reason).toContain('停课');
    const detail = (await city.get(`/api/draws/${withReason.json().id}`)).json();
    expect(detail.samePeriod).toHaveLength(2);
  });

  it('refuses a draw with fewer eligible schools than requested, naming the field, writing nothing', async () => {
    const before = await count(env, 'draws');
    const res = await city.post('/api/draws', { regionCode: '410108', kind: 'daily_self_report', count: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'draw.too_few_eligible', field: 'count' });
    expect(res.json().error.message).toContain('1');
    expect(await count(env, 'draws')).toBe(before);
    const range = await county.post('/api/draws', { regionCode: '410105', kind: 'weekly_spot_check', count: 11 });
    expect(range.json().error).toMatchObject({ code: 'draw.count_out_of_range', field: 'count' });
    // A daily draw takes exactly five schools: the message says so rather than "5–5".
    const daily = await county.post('/api/draws', { regionCode: '410105', kind: 'daily_self_report', count: 6 });
    expect(daily.json().error).toMatchObject({ code: 'draw.count_exact', field: 'count', message: '抽取数量须为 5 所：抽取数量' });
  });

  it('with a bureau-held seed, a revealed seed that does not open the commitment is refused and nothing is drawn', async () => {
    const seed = 'ab'.repeat(32);
    const made = await county.post('/api/draws', { regionCode: '410105', kind: 'daily_self_report', count: 5, commitment: makeCommitment(seed) });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().id;
    const [sel, reports] = [await count(env, 'draw_selections'), await count(env, 'self_reports')];
    const wrong = await county.post(`/api/draws/${id}/perform`, { seed: 'cd'.repeat(32) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'draw.seed_commitment_mismatch', field: 'seed' });
    expect(await count(env, 'draw_selections')).toBe(sel);
    expect((await county.post(`/api/draws/${id}/perform`, {})).json().error).toMatchObject({ code: 'draw.seed_required', field: 'seed' });
    const ok = await county.post(`/api/draws/${id}/perform`, { seed });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await count(env, 'self_reports')).toBe(reports + 5);
    const record = (await env.app.inject({ method: 'GET', url: `/api/public/draws/${made.json().publicId}` })).json();
    expect(record.seed).toBe(seed);
  });

  it('keeps a county officer to the own county', async () => {
    const res = await county.post('/api/draws', { regionCode: '411627', kind: 'weekly_spot_check', count: 6 });
    expect(res.statusCode).toBe(403);
    const list = (await county.get('/api/draws')).json().items as { regionCode: string }[];
    expect(list.every((d) => d.regionCode === '410105')).toBe(true);
  });
});
