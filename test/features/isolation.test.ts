import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

describe.each(databases())('isolation life cycle, policies, risk areas and footing on %s', (kind) => {
  let env: TestEnv;
  let doctor: TestSession;
  let county: TestSession;
  let city: TestSession;
  let schoolId: number;
  let classId: number;
  let site: number;
  const ids: number[] = [];
  const names: string[] = [];
  /** Moving the clock days ahead ends the sessions (idle limit): log in again. */
  async function at(iso: string) {
    env.clock.set(iso);
    [doctor, county, city] = await Promise.all(names.map((n) => login(env, n)));
  }
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2022-05-03T01:00:00Z');
    schoolId = (await makeSchool(env.ctx, { regionCode: '419001' })).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    for (let i = 0; i < 4; i++) ids.push((await makeStudent(env.ctx, { classId })).id);
    names.push((await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
    names.push((await makeAccount(env.ctx, { role: 'county_officer', regionCode: '419001' })).username);
    names.push((await makeAccount(env.ctx, { role: 'province_officer', regionCode: '410000' })).username);
    await at('2022-05-03T01:00:00Z');
    const s = await county.post('/api/isolation-sites', { regionCode: '419001', name: '沁园隔离点', capacity: 2 });
    expect(s.statusCode, s.body).toBe(200);
    site = s.json().id;
  }, 60_000);
  afterAll(() => env.close());

  it('orders centralised isolation from the policy, refuses overlaps and a full site, and releases only when the criteria are met', async () => {
    const order = await doctor.post('/api/isolations', { personId: ids[0], disease: 'covid19', role: 'close_contact', siteId: site, startsOn: '2022-05-03', reason: '密接', logistics: '三餐送达' });
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json()).toMatchObject({ kind: 'site', plannedEnd: '2022-05-09', monitoringEnd: '2022-05-12', testDates: ['2022-05-03', '2022-05-04', '2022-05-05', '2022-05-07', '2022-05-09'] });
    const id = order.json().id;
    const overlap = await doctor.post('/api/isolations', { personId: ids[0], disease: 'covid19', role: 'returning_household', startsOn: '2022-05-04', reason: '返乡' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.field).toBe('startsOn');
    expect((await doctor.post('/api/isolations', { personId: ids[1], disease: 'covid19', role: 'close_contact', siteId: site, startsOn: '2022-05-03', reason: '密接' })).statusCode).toBe(200);
    const full = await doctor.post('/api/isolations', { personId: ids[2], disease: 'covid19', role: 'close_contact', siteId: site, startsOn: '2022-05-03', reason: '密接' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.field).toBe('siteId');
    // home isolation for a family member returning from elsewhere: 7 days, 3 tests
    const home = await doctor.post('/api/isolations', { personId: ids[2], disease: 'covid19', role: 'returning_household', startsOn: '2022-05-03', reason: '外地返回' });
    expect(home.json()).toMatchObject({ kind: 'home', plannedEnd: '2022-05-09', testDates: ['2022-05-03', '2022-05-06', '2022-05-09'] });
    const counts = (await county.get('/api/isolations/counts?regionCode=419001')).json();
    expect(counts).toMatchObject({ homeOrOnCampus: 1, byKind: { site: 2, home: 1 } });
    expect(counts.bySite).toEqual([{ siteId: site, name: '沁园隔离点', capacity: 2, occupied: 2 }]);
    expect((await doctor.get(`/api/people/${ids[0]}/risk`)).json().status).toBe('yellow');

    // check-ins: a retry of the same day counts once; a future day is refused
    for (let i = 0; i < 2; i++) expect((await doctor.post(`/api/isolations/${id}/checkins`, { day: '2022-05-03', temperature: 36.5 })).statusCode).toBe(200);
    expect((await doctor.post(`/api/isolations/${id}/checkins`, { day: '2022-05-04', temperature: 36.5 })).json().error.field).toBe('day');
    const rows = await env.ctx.db.selectFrom('isolation_checkins').select('day').where('isolation_id', '=', id).execute();
    expect(rows).toHaveLength(1);

    const early = await doctor.post(`/api/isolations/${id}/release`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.field).toBe('overrideReason');
    expect((await env.ctx.db.selectFrom('isolations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('active');

    await at('2022-05-10T01:00:00Z');
    const missing = await doctor.post(`/api/isolations/${id}/release`, {});
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.details.problems.map((p: { code: string }) => p.code)).toEqual(['test_missing', 'test_missing', 'test_missing', 'test_missing', 'test_missing']);
    for (const d of ['2022-05-03', '2022-05-04', '2022-05-05', '2022-05-07', '2022-05-09']) {
      await env.ctx.db.insertInto('test_results').values({ person_id: ids[0], school_id: schoolId, test_kind: 'pcr', sampled_on: d, result: 'negative', source: 'manual', entered_by: null, created_at: env.ctx.now() }).execute();
    }
    const detail = (await doctor.get(`/api/isolations/${id}`)).json();
    expect(detail.release.met).toBe(true);
    expect(detail.policyVersion).toBe(1);
    const ok = await doctor.post(`/api/isolations/${id}/release`, {});
    expect(ok.json()).toEqual({ ok: true, criteriaMet: true });
    // an override needs a reason and is on record
    const over = await doctor.post(`/api/isolations/${home.json().id}/release`, { overrideReason: '经疾控评估提前解除' });
    expect(over.json()).toEqual({ ok: true, criteriaMet: false });
    expect((await doctor.get(`/api/people/${ids[0]}/risk`)).json().status).toBe('green');
  });

  it('keeps policy versions per region and decides with the version in force', async () => {
    await at('2022-05-10T01:00:00Z');
    const current = (await city.get('/api/policies/covid19?regionCode=410000')).json().current;
    const rules = { ...current.rules, isolation: { ...current.rules.isolation, close_contact: { kind: 'site', days: 10, monitoringDays: 0, testDays: [1, 4, 7, 10] } } };
    const bad = await city.request('PUT', '/api/policies/covid19', { regionCode: '410000', note: 'typo', rules: { ...rules, isolation: { close_contact: { kind: 'site', days: 5, monitoringDays: 0, testDays: [1, 9] } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('rules/isolation/close_contact/testDays/1');
    expect((await county.request('PUT', '/api/policies/covid19', { regionCode: '419001', note: 'x', rules })).statusCode).toBe(403);
    const saved = await city.request('PUT', '/api/policies/covid19', { regionCode: '410000', note: '省级调整：密接10天', rules });
    expect(saved.json().version).toBe(1);
    const order = (await doctor.post('/api/isolations', { personId: ids[3], disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: '2022-05-10', reason: '密接' })).json();
    expect(order).toMatchObject({ plannedEnd: '2022-05-19', policyVersion: 1 });
    const row = await env.ctx.db.selectFrom('isolations').innerJoin('disease_policies as p', 'p.id', 'isolations.policy_id').select(['p.region_code']).where('isolations.id', '=', order.id).executeTakeFirstOrThrow();
    expect(row.region_code).toBe('410000');
    const versions = (await city.get('/api/policies/covid19')).json().versions;
    expect(versions.map((v: { regionCode: string | null }) => v.regionCode)).toEqual(['410000', null]);
  });

  it('turns travellers to a new lockdown zone yellow, and a manual override needs a reason and is audited', async () => {
    const p = ids[1];
    await at('2022-05-10T01:00:00Z');
    expect((await doctor.post(`/api/people/${p}/travel`, { regionCode: '419001', place: '济源市邵原镇', fromDate: '2022-05-01', toDate: '2022-05-04' })).statusCode).toBe(200);
    const before = (await doctor.get(`/api/people/${p}/risk`)).json().status;
    const area = await county.post('/api/risk-areas', { regionCode: '419001', name: '邵原镇', level: 'lockdown', startsOn: '2022-05-02' });
    expect(area.statusCode, area.body).toBe(200);
    const after = (await doctor.get(`/api/people/${p}/risk`)).json();
    expect(before).not.toBe('red');
    expect(after.reasons.map((r: { code: string }) => r.code)).toContain('risk_area_lockdown');
    expect((await doctor.post(`/api/people/${p}/risk/override`, { status: 'green' })).json().error.field).toBe('reason');
    expect((await doctor.post(`/api/people/${p}/risk/override`, { status: 'green', reason: '核查为途经未停留' })).statusCode).toBe(200);
    const r = (await doctor.get(`/api/people/${p}/risk`)).json();
    expect(r.status).toBe('green');
    expect(r.history[0]).toMatchObject({ manual: true, reason: '核查为途经未停留' });
    const audit = await env.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'risk.override').execute();
    expect(audit).toHaveLength(1);
  });

  it('a confirmed case proposes emergency footing; accepting switches, switching back is a recorded decision', async () => {
    await doctor.post('/api/cases', { personId: ids[2], disease: 'covid19', status: 'confirmed', foundBy: 'hospital' });
    const f = (await county.get('/api/footing?regionCode=419001')).json();
    expect(f.mode).toBe('normal');
    expect(f.proposals).toHaveLength(1);
    expect((await county.post(`/api/footing/proposals/${f.proposals[0].id}/decide`, { accept: true, reason: '专班研判' })).statusCode).toBe(200);
    const school = (await doctor.get(`/api/footing?schoolId=${schoolId}`)).json();
    expect(school.effective.mode).toBe('emergency');
    expect(school.effective.adjustments.checkSessions).toEqual(['morning', 'noon', 'evening']);
    expect((await county.post('/api/footing/switch', { regionCode: '419001', mode: 'normal', reason: '连续14天无新增' })).statusCode).toBe(200);
    const back = (await county.get('/api/footing?regionCode=419001')).json();
    expect(back.mode).toBe('normal');
    expect(back.history.map((h: { mode: string; status: string }) => `${h.mode}:${h.status}`)).toEqual(['normal:in_force', 'emergency:superseded']);
  });
});

describe.each(databases())('activeStatusesForClass on %s', (kind) => {
  it('lists isolated and on-leave persons of a class for the daily check', async () => {
    const env = await createTestEnv(kind);
    try {
      const { activeStatusesForClass } = await import('../../src/features/leave/class-status');
      const schoolId = (await makeSchool(env.ctx)).id;
      const classId = (await makeClass(env.ctx, { schoolId })).id;
      const a = (await makeStudent(env.ctx, { classId })).id;
      const b = (await makeStudent(env.ctx, { classId })).id;
      await makeStudent(env.ctx, { classId });
      const doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
      expect((await doctor.post('/api/isolations', { personId: a, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: '2026-11-30', reason: '密接' })).statusCode).toBe(200);
      const now = env.ctx.now();
      await env.ctx.db.insertInto('leave_requests').values({ person_id: b, school_id: schoolId, from_date: '2026-11-29', to_date: '2026-12-02', reason: '探亲', destination: '郑州', destination_region_code: null, status: 'approved', chain: JSON.stringify([]), requested_by: null, requested_at: now, returned_on: null, return_check: null, idempotency_key: null }).execute();
      const list = await activeStatusesForClass(env.ctx.db, classId, '2026-11-30');
      expect(list.map((x) => [x.personId, x.status])).toEqual([[a, 'isolated'], [b, 'on_leave']]);
    } finally {
      await env.close();
    }
  });
});
