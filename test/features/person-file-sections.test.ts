import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personFileSections, sectionReadableWith } from '../../src/features/people/person-file-sections';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeCoResident, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const ALL = ['absence_episodes', 'alerts', 'cases', 'checks', 'contacts', 'isolations', 'leave', 'risk', 'tests', 'travel'];

/** The person file (一人一档) sends each section only to accounts whose permissions open it. */
describe.each(databases())('person file sections by permission on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classA: number;
  let classB: number;
  let child: number;
  let otherChild: number;
  let coResident: number;
  let doctor: TestSession;
  let doctorName: string;
  const keys = (file: { sections: { key: string }[] }) => file.sections.map((s) => s.key).sort();
  const as = async (o: Parameters<typeof makeAccount>[1]) => {
    const a = await makeAccount(env.ctx, o);
    return { username: a.username, session: await login(env, a.username) };
  };
  const lastRead = (username: string) =>
    env.ctx.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'person.read').where('actor_name', '=', username).orderBy('id', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classA = (await makeClass(env.ctx, { schoolId })).id;
    classB = (await makeClass(env.ctx, { schoolId })).id;
    child = (await makeStudent(env.ctx, { classId: classA, name: '范丽' })).id;
    otherChild = (await makeStudent(env.ctx, { classId: classB })).id;
    coResident = (await makeCoResident(env.ctx, { householdOf: child, occupation: '冷链物流从业人员', highRisk: true })).id;
    await env.ctx.db.insertInto('guardians').values({ student_id: child, school_id: schoolId, name: '范守义', relation: '父亲', phone_enc: env.ctx.cipher.encrypt('13800001111'), phone_masked: '138****1111' }).execute();
    ({ session: doctor, username: doctorName } = await as({ role: 'school_doctor', schoolId }));
    const c = await doctor.post('/api/cases', { personId: child, disease: 'covid19', status: 'confirmed', onsetDate: '2026-11-28', foundBy: 'check' });
    expect(c.statusCode, c.body).toBe(200);
    const t = await doctor.post(`/api/people/${child}/travel`, { regionCode: '419001', place: '济源市邵原镇', fromDate: '2026-11-20', toDate: '2026-11-22' });
    expect(t.statusCode, t.body).toBe(200);
  }, 60_000);
  afterAll(() => env.close());

  it('declares a read permission for every registered section', () => {
    expect(personFileSections().map((s) => s.key).sort()).toEqual(ALL);
    for (const s of personFileSections()) expect(sectionReadableWith(s).length, s.key).toBeGreaterThan(0);
  });

  it('shows the school doctor every section, the guardians and the household, and audits what was read', async () => {
    const res = await doctor.get(`/api/people/${child}`);
    expect(res.statusCode).toBe(200);
    const file = res.json();
    expect(keys(file)).toEqual(ALL);
    expect(file.sections.find((s: { key: string }) => s.key === 'cases').items[0]).toMatchObject({ disease: 'covid19', status: 'confirmed' });
    expect(file.sections.find((s: { key: string }) => s.key === 'travel').items).toHaveLength(1);
    expect(file.guardians.map((g: { name: string }) => g.name)).toEqual(['范守义']);
    expect(file.household.map((h: { id: number }) => h.id)).toEqual([coResident]);
    const audit = await lastRead(doctorName);
    expect(audit.detail).toMatchObject({ household: true });
    expect([...(audit.detail as { sections: string[] }).sections].sort()).toEqual(ALL);
  });

  it('shows the gate guard who the pupil is, and no health record, guardian or household', async () => {
    const guard = await as({ role: 'gate_guard', schoolId });
    const res = await guard.session.get(`/api/people/${child}`);
    expect(res.statusCode).toBe(200);
    const file = res.json();
    expect(file.person).toMatchObject({ id: child, name: '范丽', classId: classA });
    expect(file.sections).toEqual([]);
    expect(file).not.toHaveProperty('guardians');
    expect(file).not.toHaveProperty('household');
    for (const leak of ['covid19', 'confirmed', '济源市邵原镇', '范守义', '冷链物流']) expect(res.body).not.toContain(leak);
    expect((await lastRead(guard.username)).detail).toEqual({ sections: [], household: false });
    // The same household data by another path: the co-resident's own file and the people list.
    expect((await guard.session.get(`/api/people/${coResident}`)).statusCode).toBe(403);
    const list = (await guard.session.get('/api/people?limit=1000')).json();
    expect(list.items.map((p: { id: number }) => p.id)).toEqual(expect.arrayContaining([child, otherChild]));
    expect(list.items.some((p: { kind: string }) => p.kind === 'co_resident')).toBe(false);
    // Diagnoses stay closed by their own endpoints too; the risk endpoints give the colour, not why.
    expect((await guard.session.get('/api/cases')).statusCode).toBe(403);
    const risk = await guard.session.get(`/api/people/${child}/risk`);
    expect(risk.statusCode).toBe(200);
    expect(risk.json()).toMatchObject({ status: 'red', reasons: [], history: [], override: null });
    const riskList = await guard.session.get(`/api/risk?schoolId=${schoolId}`);
    expect(riskList.json().items.find((r: { personId: number }) => r.personId === child)).toMatchObject({ status: 'red', reasons: [] });
    expect((await doctor.get(`/api/people/${child}/risk`)).json().reasons.length).toBeGreaterThan(0);
  });

  it('shows a parent the own child\'s risk, travel, leave and guardians, and nothing of another child', async () => {
    const parent = await as({ role: 'parent', childIds: [child] });
    const own = await parent.session.get(`/api/people/${child}`);
    expect(own.statusCode).toBe(200);
    expect(keys(own.json())).toEqual(['leave', 'risk', 'travel']);
    expect(own.json().guardians).toHaveLength(1);
    expect(own.body).not.toContain('covid19');
    const other = await as({ role: 'parent', childIds: [otherChild] });
    expect((await other.session.get(`/api/people/${child}`)).statusCode).toBe(403);
    const list = (await other.session.get('/api/people?limit=1000')).json();
    expect(list.items.map((p: { id: number }) => p.id)).not.toContain(child);
  });

  it('shows a class teacher the whole file of the own class only', async () => {
    const teacher = await as({ role: 'class_teacher', schoolId, classId: classA });
    const file = (await teacher.session.get(`/api/people/${child}`)).json();
    expect(keys(file)).toEqual(ALL);
    expect(file.guardians).toHaveLength(1);
    const otherTeacher = await as({ role: 'class_teacher', schoolId, classId: classB });
    expect((await otherTeacher.session.get(`/api/people/${child}`)).statusCode).toBe(403);
  });
});
