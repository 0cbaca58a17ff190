import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineMeters } from '../../src/domain/pairing';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/** Every assignment of schools to hospitals within capacity, the cheapest total (brute force). */
function bruteForce(schools: { lng: number; lat: number }[], hospitals: { lng: number; lat: number; capacity: number }[]): number {
  let best = Number.POSITIVE_INFINITY;
  const load = hospitals.map(() => 0);
  const go = (i: number, total: number) => {
    if (total >= best) return;
    if (i === schools.length) {
      best = total;
      return;
    }
    hospitals.forEach((h, k) => {
      if (load[k] >= h.capacity) return;
      load[k]++;
      go(i + 1, total + Math.round(haversineMeters(schools[i].lng, schools[i].lat, h.lng, h.lat)));
      load[k]--;
    });
  };
  go(0, 0);
  return best;
}

describe.each(databases())('school–hospital pairing on %s', (kind) => {
  let env: TestEnv;
  let county: TestSession;
  const schools: { id: number; lng: number; lat: number }[] = [];
  const hospitals: { id: number; lng: number; lat: number; capacity: number }[] = [];
  beforeAll(async () => {
    env = await createTestEnv(kind);
    county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
    for (let i = 0; i < 6; i++) {
      const at = { lng: 113.6 + (i % 3) * 0.03, lat: 34.75 + Math.floor(i / 3) * 0.04 };
      schools.push({ id: (await makeSchool(env.ctx, { regionCode: '410105', ...at })).id, ...at });
    }
    for (const [i, at] of [{ lng: 113.6, lat: 34.75 }, { lng: 113.66, lat: 34.79 }, { lng: 113.63, lat: 34.77 }].entries()) {
      const res = await county.post('/api/hospitals', { name: `金水区第${i + 1}医院`, kind: 'hospital', regionCode: '410105', capacity: 2, ...at, contacts: [{ name: `联络人${i}`, phone: '13800000000' }] });
      expect(res.statusCode, res.body).toBe(200);
      hospitals.push({ id: res.json().id, capacity: 2, ...at });
    }
  });
  afterAll(() => env.close());

  it('refuses a pairing beyond capacity without an override reason, and records the reason when given', async () => {
    const h = hospitals[0].id;
    for (const s of schools.slice(0, 2)) expect((await county.request('PUT', `/api/pairings/${s.id}`, { hospitalId: h, schoolContactName: '张校医', schoolContactPhone: '13900000000' })).statusCode).toBe(200);
    const over = await county.request('PUT', `/api/pairings/${schools[2].id}`, { hospitalId: h, schoolContactName: '李校医', schoolContactPhone: '13900000001' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ code: 'pairing.over_capacity', field: 'overrideReason' });
    expect(await env.ctx.db.selectFrom('school_hospital_pairings').selectAll().where('school_id', '=', schools[2].id).executeTakeFirst()).toBeUndefined();
    const forced = await county.request('PUT', `/api/pairings/${schools[2].id}`, { hospitalId: h, schoolContactName: '李校医', schoolContactPhone: '13900000001', overrideReason: '临时：其他医院改建' });
    expect(forced.statusCode).toBe(200);
    const cov = (await county.get('/api/pairings/coverage?regionCode=410105')).json();
    expect(cov).toMatchObject({ schools: 6, paired: 3 });
    expect(cov.overCapacity).toEqual([expect.objectContaining({ id: h, load: 3, capacity: 2 })]);
    expect(cov.unpaired).toHaveLength(3);
  });

  it('proposes the optimal pairing (equal to brute force) and applies it', async () => {
    const res = await county.post('/api/pairings/proposals', { regionCode: '410105', marginMeters: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const proposal = res.json();
    expect(proposal.certified).toBe(true);
    expect(proposal.totalMeters).toBe(bruteForce(schools, hospitals));
    expect(proposal.pairs).toHaveLength(6);
    const applied = await county.post(`/api/pairings/proposals/${proposal.id}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    const rows = await env.ctx.db.selectFrom('school_hospital_pairings').select(['school_id', 'hospital_id']).execute();
    const now = new Map(rows.map((r) => [r.school_id, r.hospital_id]));
    for (const p of proposal.pairs) expect(now.get(p.schoolId)).toBe(p.hospitalId);
    const cov = (await county.get('/api/pairings/coverage?regionCode=410105')).json();
    expect(cov).toMatchObject({ paired: 6, overCapacity: [], unpaired: [] });
    expect((await county.post(`/api/pairings/proposals/${proposal.id}/apply`)).statusCode).toBe(409);
  });

  it('keeps current pairings under a generous margin and refuses a stale proposal', async () => {
    const keep = (await county.post('/api/pairings/proposals', { regionCode: '410105', marginMeters: 50_000 })).json();
    expect(keep.moved).toBe(0);
    await county.request('PUT', `/api/pairings/${schools[0].id}`, { hospitalId: hospitals[2].id, schoolContactName: '张校医', schoolContactPhone: '13900000000', overrideReason: '测试改动' });
    expect((await county.post(`/api/pairings/proposals/${keep.id}/apply`)).json().error.code).toBe('pairing.proposal_stale');
  });
});
