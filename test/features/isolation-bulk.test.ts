import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/**
 * Isolating a case's confirmed contacts: contacts whose isolation overlaps are skipped and named,
 * the others isolated in one transaction and notified like a single order; an isolation released
 * today no longer blocks one starting today.
 */
describe.each(databases())('isolating the confirmed contacts of a case on %s', (kind) => {
  let env: TestEnv;
  let doctor: TestSession;
  let schoolId: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-30T01:00:00Z');
    schoolId = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  }, 60_000);
  afterAll(() => env.close());

  /** A class of `n` pupils with its teacher and one parent per pupil; the first pupil is a confirmed case, the rest its confirmed contacts. */
  async function classWithCase(n: number) {
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const pupils: { id: number; name: string }[] = [];
    for (let i = 0; i < n; i++) {
      const name = `学生${classId}-${i}`;
      pupils.push({ id: (await makeStudent(env.ctx, { classId, name })).id, name });
    }
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    const parents = [];
    for (const p of pupils) parents.push(await makeAccount(env.ctx, { role: 'parent', childIds: [p.id] }));
    const created = await doctor.post('/api/cases', { personId: pupils[0].id, disease: 'covid19', status: 'confirmed', onsetDate: '2026-11-29', foundBy: 'check' });
    expect(created.statusCode, created.body).toBe(200);
    const caseId = created.json().id as number;
    const proposed = await doctor.post(`/api/cases/${caseId}/contacts/propose`);
    expect(proposed.statusCode, proposed.body).toBe(200);
    const contactIds = proposed.json().items.map((k: { id: number }) => k.id);
    expect(contactIds).toHaveLength(n - 1);
    expect((await doctor.post(`/api/cases/${caseId}/contacts/decide`, { contactIds, decision: 'confirmed' })).statusCode).toBe(200);
    return { classId, pupils, teacher, parents, caseId };
  }

  const order = (personId: number, startsOn: string) => doctor.post('/api/isolations', { personId, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn, reason: '密接' });
  const releaseEarly = (id: number) => doctor.post(`/api/isolations/${id}/release`, { overrideReason: '误判，已核实未到风险区' });
  const isolationsOf = (personId: number) => env.ctx.db.selectFrom('isolations').select(['id', 'status', 'starts_on', 'reason']).where('person_id', '=', personId).orderBy('id').execute();
  const notices = (accountId: number) => env.ctx.db.selectFrom('notifications').select('kind').where('account_id', '=', accountId).where('kind', '=', 'response.isolation_ordered').execute();

  it('skips and names a contact already in isolation, isolates one released today, and notifies teacher and parents', async () => {
    const { pupils, teacher, parents, caseId } = await classWithCase(5);
    const [, active, releasedToday, fresh, fresh2] = pupils;
    const a = await order(active.id, '2026-11-29');
    expect(a.statusCode, a.body).toBe(200);
    const r = await order(releasedToday.id, '2026-11-27');
    expect(r.statusCode, r.body).toBe(200);
    expect((await releaseEarly(r.json().id)).statusCode).toBe(200);

    const res = await doctor.post(`/api/cases/${caseId}/isolations`, { startsOn: '2026-11-30', kind: 'home' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 3, skipped: 1 });
    expect(body.isolationIds).toHaveLength(3);
    expect(body.skippedPersons).toEqual([{ personId: active.id, personName: active.name, isolationId: a.json().id, reason: 'already_isolated' }]);
    expect((await isolationsOf(releasedToday.id)).map((i) => `${i.status}:${i.starts_on}`)).toEqual(['released:2026-11-27', 'active:2026-11-30']);
    for (const p of [fresh, fresh2]) expect((await isolationsOf(p.id)).map((i) => i.status)).toEqual(['active']);
    expect((await isolationsOf(fresh.id))[0].reason).toBe(`密切接触者（病例 #${caseId}）`);
    expect(await isolationsOf(active.id)).toHaveLength(1);

    // Same notices as a single order: the class teacher for each new isolation, each parent for their own child.
    const singleOrders = 2;
    await expect.poll(async () => (await notices(teacher.id)).length).toBe(singleOrders + 3);
    for (const [i, parent] of parents.entries()) {
      const expected = i === 0 ? 0 : i === 1 ? 1 : i === 2 ? 2 : 1; // the case none; `active` its own order; `releasedToday` two orders
      await expect.poll(async () => (await notices(parent.id)).length).toBe(expected);
    }

    // Ordering again creates nothing and names everyone.
    const again = (await doctor.post(`/api/cases/${caseId}/isolations`, { startsOn: '2026-11-30', kind: 'home' })).json();
    expect(again).toMatchObject({ created: 0, skipped: 4, isolationIds: [] });
    expect(again.skippedPersons.map((s: { reason: string }) => s.reason)).toEqual(['already_isolated', 'already_isolated', 'already_isolated', 'already_isolated']);
  });

  it('a single order may start on the day an earlier isolation was released, but not before', async () => {
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const p = (await makeStudent(env.ctx, { classId })).id;
    const first = await order(p, '2026-11-26');
    expect((await releaseEarly(first.json().id)).statusCode).toBe(200);
    const before = await order(p, '2026-11-29');
    expect(before.statusCode).toBe(409);
    expect(before.json().error).toMatchObject({ code: 'isolation.overlap', field: 'startsOn' });
    const today = await order(p, '2026-11-30');
    expect(today.statusCode, today.body).toBe(200);
  });

  it('skips a contact whose released isolation ran into the new period, with its own reason', async () => {
    const { pupils, caseId } = await classWithCase(3);
    const [, releasedToday, fresh] = pupils;
    const r = await order(releasedToday.id, '2026-11-26');
    expect((await releaseEarly(r.json().id)).statusCode).toBe(200);
    const res = await doctor.post(`/api/cases/${caseId}/isolations`, { startsOn: '2026-11-29', kind: 'home' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, skipped: 1, skippedPersons: [{ personId: releasedToday.id, isolationId: r.json().id, reason: 'overlapping_isolation' }] });
    expect((await isolationsOf(fresh.id)).map((i) => i.starts_on)).toEqual(['2026-11-29']);
  });

  it('still fails as a whole, writing nothing, when the site cannot take everyone', async () => {
    const county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
    const site = await county.post('/api/isolation-sites', { regionCode: '410105', name: '金水隔离点', capacity: 1 });
    expect(site.statusCode, site.body).toBe(200);
    const { pupils, caseId } = await classWithCase(3);
    const res = await doctor.post(`/api/cases/${caseId}/isolations`, { startsOn: '2026-11-30', kind: 'site', siteId: site.json().id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'isolation.site_full', field: 'siteId' });
    for (const p of pupils.slice(1)) expect(await isolationsOf(p.id)).toHaveLength(0);
  });
});
