import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';

// A parent checks in for their child in home isolation without reading isolation orders.
describe.each(databases())('the isolation check-in desk on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-30T01:00:00Z');
  });
  afterAll(() => env.close());

  it('lists a parent only their own child in isolation, takes the check-in once per day, and links the order notice there', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const child = await makeStudent(env.ctx, { classId, name: '赵小禾' });
    const other = await makeStudent(env.ctx, { classId, name: '钱小川' });
    const doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
    const parentAccount = await makeAccount(env.ctx, { role: 'parent', childIds: [child.id] });
    const parent = await login(env, parentAccount.username);
    for (const p of [child, other]) {
      const r = await doctor.post('/api/isolations', { personId: p.id, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: '2026-11-30', reason: '密接' });
      expect(r.statusCode, r.body).toBe(200);
    }

    expect((await parent.get('/api/isolations')).statusCode).toBe(403);
    const desk = await parent.get('/api/isolations/checkins');
    expect(desk.statusCode).toBe(200);
    expect(desk.json().items.map((i: { personName: string }) => i.personName)).toEqual(['赵小禾']);
    const isolationId = desk.json().items[0].id;
    for (let i = 0; i < 2; i++) expect((await parent.post(`/api/isolations/${isolationId}/checkins`, { day: '2026-11-30', temperature: 36.6, note: '无不适' })).statusCode).toBe(200);
    const after = (await parent.get('/api/isolations/checkins')).json().items[0];
    expect(after.checkins).toEqual([{ day: '2026-11-30', temperature: 36.6, note: '无不适' }]);
    // The doctor's desk lists both children of the school.
    expect((await doctor.get('/api/isolations/checkins')).json().items).toHaveLength(2);
    // The order's notice takes the parent to the desk.
    await expect.poll(async () => (await env.ctx.db.selectFrom('notifications').select('link').where('account_id', '=', parentAccount.id).where('kind', '=', 'response.isolation_ordered').execute()).map((n) => n.link)).toEqual(['/isolation/checkins']);
  });
});
