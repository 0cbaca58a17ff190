import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

interface Item { source: string; sourceRef: string; index: number; personId: number; proposal: { kind: string; role?: string; dates?: string[] }; decision: null | { decision: string; isolationId: number | null; reason: string } }

/** Re-entry proposals from screening answers: listed for the school, ordered or dismissed once, in scope. */
describe.each(databases())('re-entry proposals on %s', (kind) => {
  let env: TestEnv;
  let doctor: TestSession;
  let teacher: TestSession;
  let elsewhere: TestSession;
  let province: TestSession;
  let campaign: number;
  const [a, b, c] = [0, 0, 0].map(() => ({ id: 0 }));
  const pending = async (): Promise<Item[]> => (await doctor.get('/api/reentry/proposals')).json().items;
  const answer = (personId: number, answers: object) => teacher.post(`/api/screening/campaigns/${campaign}/answers`, { personId, answers });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2022-05-05T01:00:00Z');
    const schoolId = (await makeSchool(env.ctx, { regionCode: '419001' })).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    for (const p of [a, b, c]) p.id = (await makeStudent(env.ctx, { classId })).id;
    const otherSchool = (await makeSchool(env.ctx, { regionCode: '419001' })).id;
    const accounts = await Promise.all([
      makeAccount(env.ctx, { role: 'school_doctor', schoolId }),
      makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId }),
      makeAccount(env.ctx, { role: 'school_doctor', schoolId: otherSchool }),
      makeAccount(env.ctx, { role: 'province_officer', regionCode: '410000' }),
    ]);
    [doctor, teacher, elsewhere, province] = await Promise.all(accounts.map((x) => login(env, x.username)));
    expect((await province.post('/api/risk-areas', { regionCode: '410102', name: '中原区', level: 'controlled', startsOn: '2022-04-29' })).statusCode).toBe(200);
    const r = await province.post('/api/screening/campaigns', {
      regionCode: '419001', name: '五一返济摸排', population: ['student'], questions: { travel: true, riskAreaResidence: true, occupation: false, symptoms: true }, deadline: '2022-05-07',
    });
    expect(r.statusCode, r.body).toBe(200);
    campaign = r.json().id;
    const none = { returned: false, travel: [], riskAreaResidence: false, symptoms: [] };
    expect((await answer(a.id, { ...none, returned: true, travel: [{ regionCode: '410102', place: '郑州市中原区', fromDate: '2022-04-30', toDate: '2022-05-03' }] })).statusCode).toBe(200);
    expect((await answer(b.id, { ...none, returned: true, travel: [{ regionCode: '410105', place: '郑州市金水区', fromDate: '2022-04-30', toDate: '2022-05-03' }] })).statusCode).toBe(200);
    expect((await answer(c.id, { ...none, symptoms: ['fever'] })).statusCode).toBe(200);
  }, 60_000);
  afterAll(() => env.close());

  it('lists each proposal for the school, and nothing to a doctor of another school', async () => {
    const items = await pending();
    expect(items.map((i) => [i.personId, i.proposal.kind, i.proposal.role ?? null, i.decision])).toEqual(
      expect.arrayContaining([[a.id, 'isolation', 'risk_area', null], [b.id, 'tests', null, null], [c.id, 'tests', null, null]]),
    );
    expect(items).toHaveLength(3);
    expect((await elsewhere.get('/api/reentry/proposals')).json().items).toEqual([]);
  });

  it('orders the proposed isolation once, under the policy, and the person turns yellow', async () => {
    const item = (await pending()).find((i) => i.personId === a.id)!;
    const key = { source: item.source, sourceRef: item.sourceRef, index: item.index };
    expect((await teacher.post('/api/reentry/proposals/decide', { ...key, decision: 'order' })).statusCode).toBe(403);
    expect((await elsewhere.post('/api/reentry/proposals/decide', { ...key, decision: 'order' })).statusCode).toBe(404);
    const r = await doctor.post('/api/reentry/proposals/decide', { ...key, decision: 'order' });
    expect(r.statusCode, r.body).toBe(200);
    const isolationId = r.json().isolationId;
    const order = await env.ctx.db.selectFrom('isolations').select(['person_id', 'kind', 'status', 'starts_on', 'planned_end']).where('id', '=', isolationId).executeTakeFirstOrThrow();
    expect(order).toEqual({ person_id: a.id, kind: 'home', status: 'active', starts_on: '2022-05-05', planned_end: '2022-05-11' });
    const again = await doctor.post('/api/reentry/proposals/decide', { ...key, decision: 'order' });
    expect(again.statusCode).toBe(409);
    expect(await env.ctx.db.selectFrom('isolations').select('id').where('person_id', '=', a.id).execute()).toHaveLength(1);
    expect((await doctor.get(`/api/people/${a.id}/risk`)).json().status).not.toBe('green');
    expect((await pending()).map((i) => i.personId).sort()).toEqual([b.id, c.id].sort());
    const decided = (await doctor.get('/api/reentry/proposals?status=decided')).json().items;
    expect(decided).toEqual([expect.objectContaining({ personId: a.id, decision: expect.objectContaining({ decision: 'ordered', isolationId }) })]);
  });

  it('needs a reason to dismiss, and puts ordered tests on the due list', async () => {
    const items = await pending();
    const forC = items.find((i) => i.personId === c.id)!;
    const keyC = { source: forC.source, sourceRef: forC.sourceRef, index: forC.index };
    const noReason = await doctor.post('/api/reentry/proposals/decide', { ...keyC, decision: 'dismiss' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    expect((await doctor.post('/api/reentry/proposals/decide', { ...keyC, decision: 'dismiss', reason: '已就医，医院排除' })).statusCode).toBe(200);
    const forB = items.find((i) => i.personId === b.id)!;
    const due = async () => (await doctor.get('/api/testing/due')).json().items.map((i: { personId: number; status: string }) => [i.personId, i.status]);
    expect(await due()).not.toContainEqual([b.id, 'due']);
    const ordered = await doctor.post('/api/reentry/proposals/decide', { source: forB.source, sourceRef: forB.sourceRef, index: forB.index, decision: 'order' });
    expect(ordered.json()).toMatchObject({ decision: 'ordered', isolationId: null, testDates: ['2022-05-05'] });
    expect(await due()).toContainEqual([b.id, 'due']);
    expect(await due()).not.toContainEqual([c.id, 'due']);
    expect(await pending()).toEqual([]);
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'reentry.decide').execute();
    expect(audit).toHaveLength(3);
  });

  it('shows a changed answer\'s new proposal as undecided, and refuses bad input naming the field', async () => {
    const r = await answer(b.id, { returned: true, travel: [{ regionCode: '410102', place: '郑州市中原区', fromDate: '2022-05-01', toDate: '2022-05-02' }], riskAreaResidence: false, symptoms: [] });
    expect(r.statusCode, r.body).toBe(200);
    expect((await pending()).map((i) => [i.personId, i.proposal.kind])).toEqual([[b.id, 'isolation']]);
    for (const [body, field] of [
      [{ source: 'leave', sourceRef: 'x', index: 0, decision: 'order' }, 'sourceRef'],
      [{ source: 'mail', sourceRef: '1', index: 0, decision: 'order' }, 'source'],
      [{ source: 'leave', sourceRef: '1', index: 0, decision: 'order', extra: true }, 'extra'],
      [{ source: 'leave', sourceRef: '999', index: 0, decision: 'order' }, 'sourceRef'],
    ] as const) {
      const res = await doctor.post('/api/reentry/proposals/decide', body);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.json().error.field).toBe(field);
    }
  });
});
