import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeCoResident, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const none = { returned: false, travel: [], riskAreaResidence: false, symptoms: [] };

describe.each(databases())('screening campaigns, parents\' links and coverage on %s', (kind) => {
  let env: TestEnv;
  let county: TestSession;
  let teacher: TestSession;
  let doctor: TestSession;
  let schoolId: number;
  let classId: number;
  let otherClass: number;
  const students: number[] = [];
  let coResident: number;
  let outsider: number;
  let campaign: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2022-05-05T01:00:00Z');
    schoolId = (await makeSchool(env.ctx, { regionCode: '419001', name: '济源一中' })).id;
    classId = (await makeClass(env.ctx, { schoolId, name: '1班' })).id;
    otherClass = (await makeClass(env.ctx, { schoolId, name: '2班' })).id;
    for (let i = 0; i < 3; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    for (let i = 0; i < 2; i++) students.push((await makeStudent(env.ctx, { classId: otherClass })).id);
    coResident = (await makeCoResident(env.ctx, { householdOf: students[0] })).id;
    await makeStaff(env.ctx, { schoolId });
    const far = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    outsider = (await makeStudent(env.ctx, { classId: (await makeClass(env.ctx, { schoolId: far })).id })).id;
    const c = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '419001' });
    const t = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    const d = await makeAccount(env.ctx, { role: 'school_doctor', schoolId });
    [county, teacher, doctor] = await Promise.all([login(env, c.username), login(env, t.username), login(env, d.username)]);
  }, 60_000);
  afterAll(() => env.close());

  it('defines a campaign for students and co-residents of the county, refusing a past deadline', async () => {
    const past = await county.post('/api/screening/campaigns', { regionCode: '419001', name: '五一返济摸排', population: ['student'], questions: { travel: true, riskAreaResidence: true, occupation: true, symptoms: true }, deadline: '2022-05-01' });
    expect(past.json().error.field).toBe('deadline');
    const r = await county.post('/api/screening/campaigns', {
      regionCode: '419001', name: '五一假期来济返济人员摸排', population: ['student', 'co_resident'],
      questions: { travel: true, riskAreaResidence: true, occupation: true, symptoms: true, travelFrom: '2022-04-30', travelTo: '2022-05-04' }, deadline: '2022-05-07',
    });
    expect(r.statusCode, r.body).toBe(200);
    campaign = r.json().id;
    const cov = (await county.get(`/api/screening/campaigns/${campaign}/coverage?level=region`)).json();
    expect(cov.total).toEqual({ population: 6, answered: 0, percent: 0 });
  });

  it('takes a teacher\'s answer, counts a retry once and refuses a person outside the population', async () => {
    const answer = { returned: true, travel: [{ regionCode: '410102', place: '郑州市中原区', fromDate: '2022-04-30', toDate: '2022-05-03' }], riskAreaResidence: false, symptoms: [] };
    for (let i = 0; i < 2; i++) {
      const r = await teacher.post(`/api/screening/campaigns/${campaign}/answers`, { personId: students[1], answers: answer });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().proposals).toEqual([{ kind: 'tests', dates: ['2022-05-05'] }]);
    }
    expect(await env.ctx.db.selectFrom('travel_records').select('id').where('person_id', '=', students[1]).execute()).toHaveLength(1);
    const out = await doctor.post(`/api/screening/campaigns/${campaign}/answers`, { personId: outsider, answers: none });
    expect(out.statusCode).toBe(403);
    const staff = await env.ctx.db.selectFrom('persons').select('id').where('kind', '=', 'staff').where('school_id', '=', schoolId).executeTakeFirstOrThrow();
    const notPop = await doctor.post(`/api/screening/campaigns/${campaign}/answers`, { personId: staff.id, answers: none });
    expect(notPop.statusCode).toBe(400);
    expect(notPop.json().error.field).toBe('personId');
    expect(await env.ctx.db.selectFrom('screening_answers').select('person_id').execute()).toEqual([{ person_id: students[1] }]);
  });

  it('lets a parent answer through a signed link for the child and the household, keeps a high-risk occupation in the person file, and throttles the link', async () => {
    const links = (await teacher.get(`/api/screening/campaigns/${campaign}/links?classId=${classId}`)).json().items;
    const link = links.find((l: { personId: number }) => l.personId === students[0]);
    const view = await env.app.inject({ method: 'GET', url: `/api/public/screening/${link.token}` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().persons.map((p: { personId: number }) => p.personId).sort()).toEqual([students[0], coResident].sort());
    const forged = await env.app.inject({ method: 'GET', url: `/api/public/screening/${link.token.slice(0, -2)}xx` });
    expect(forged.json().error.field).toBe('token');
    const stranger = await env.app.inject({ method: 'POST', url: `/api/public/screening/${link.token}`, payload: { personId: students[2], answers: none } });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.field).toBe('personId');
    const occ = await env.app.inject({ method: 'POST', url: `/api/public/screening/${link.token}`, payload: { personId: coResident, answers: { ...none, occupation: '冷链物流仓库' } } });
    expect(occ.statusCode, occ.body).toBe(200);
    const child = await env.app.inject({ method: 'POST', url: `/api/public/screening/${link.token}`, payload: { personId: students[0], answers: { ...none, symptoms: ['fever'] } } });
    expect(child.json().persons.every((p: { answered: boolean }) => p.answered)).toBe(true);
    expect(await env.ctx.db.selectFrom('persons').select(['occupation', 'high_risk_occupation']).where('id', '=', coResident).executeTakeFirstOrThrow()).toEqual({ occupation: '冷链物流仓库', high_risk_occupation: true });
    let limited = 0;
    for (let i = 0; i < 35; i++) if ((await env.app.inject({ method: 'GET', url: `/api/public/screening/${link.token}`, remoteAddress: '10.9.9.9' })).statusCode === 429) limited++;
    expect(limited).toBeGreaterThan(0);
  });

  it('reports coverage equal to a recomputation from the tables, and the summary figures', async () => {
    for (const level of ['region', 'school', 'class'] as const) {
      const cov = (await county.get(`/api/screening/campaigns/${campaign}/coverage?level=${level}`)).json();
      const population = await env.ctx.db.selectFrom('persons').select(['id', 'class_id', 'household_of']).where('school_id', '=', schoolId).where('kind', 'in', ['student', 'co_resident']).execute();
      const answered = new Set((await env.ctx.db.selectFrom('screening_answers').select('person_id').where('campaign_id', '=', campaign).execute()).map((r) => r.person_id));
      expect(cov.total).toEqual({ population: population.length, answered: answered.size, percent: Math.round((answered.size * 1000) / population.length) / 10 });
      if (level === 'class') {
        const classOf = (p: { class_id: number | null; household_of: number | null }) => p.class_id ?? population.find((h) => h.id === p.household_of)!.class_id;
        const first = population.filter((p) => classOf(p) === classId);
        expect(cov.items.find((i: { key: string }) => i.key === String(classId))).toMatchObject({ population: first.length, answered: first.filter((p) => answered.has(p.id)).length });
      }
    }
    const s = (await county.get(`/api/screening/campaigns/${campaign}/summary`)).json();
    expect(s).toMatchObject({ population: 6, answered: 3, returned: 1, fromRegions: [{ regionCode: '410100', name: '郑州市', count: 1 }], symptoms: 1, highRiskOccupations: 1 });
    // the teacher sees only the class
    const mine = (await teacher.get(`/api/screening/campaigns/${campaign}/coverage?level=class`)).json();
    expect(mine.items.map((i: { key: string }) => i.key)).toEqual([String(classId)]);
  });

  it('names a stay in a county-level city under the province by the city itself, and words refused stays with labels', async () => {
    const stay = { returned: true, travel: [{ regionCode: '419001', place: '济源市', fromDate: '2022-05-01', toDate: '2022-05-03' }], riskAreaResidence: false, symptoms: [] };
    const unknown = await doctor.post(`/api/screening/campaigns/${campaign}/answers`, { personId: students[3], answers: { ...stay, travel: [{ ...stay.travel[0], regionCode: '419999' }] } });
    expect(unknown.json().error).toMatchObject({ field: 'answers/travel/0/regionCode', message: '行政区划不存在：作答内容 › 行程第 1 项 › 行政区划' });
    const future = await doctor.request('POST', `/api/screening/campaigns/${campaign}/answers`, { personId: students[3], answers: { ...stay, travel: [{ ...stay.travel[0], toDate: '2022-05-09' }] } }, { 'accept-language': 'en' });
    expect(future.json().error).toMatchObject({ field: 'answers/travel/0/toDate', message: 'A stay starts after it ends, or lies in the future: answers › travel #1 › end date' });
    expect((await doctor.post(`/api/screening/campaigns/${campaign}/answers`, { personId: students[3], answers: stay })).statusCode).toBe(200);
    const jiyuan = { regionCode: '419001', name: '济源市', count: 1 };
    expect((await county.get(`/api/screening/campaigns/${campaign}/summary`)).json().fromRegions).toContainEqual(jiyuan);
    // An answer stored with the grouping code (省直辖县级行政区划) is still shown under 济源市.
    await env.ctx.db.updateTable('screening_answers').set({ from_region: '419000' }).where('person_id', '=', students[3]).execute();
    const s = (await county.get(`/api/screening/campaigns/${campaign}/summary`)).json();
    expect(s.fromRegions).toContainEqual(jiyuan);
    expect(JSON.stringify(s)).not.toContain('直辖县级行政区划');
  });
});
