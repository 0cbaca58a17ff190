import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const FULL = { HepB: 3, BCG: 1, Polio: 4, DTaP: 4, DT: 1, MMR: 2, JE: 2, MenA: 2, MenAC: 2, HepA: 1 };
const doses = (counts: Record<string, number>) => Object.entries(counts).flatMap(([vaccine, n]) => Array.from({ length: n }, (_, i) => ({ vaccine, doseNumber: i + 1, givenOn: '2024-01-10' })));

describe.each(databases())('vaccination record checks on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classId: number;
  let doctor: TestSession;
  const student = async () => {
    const s = await makeStudent(env.ctx, { classId });
    await env.ctx.db.updateTable('persons').set({ birth_date: '2020-08-15' }).where('id', '=', s.id).execute();
    return s.id;
  };
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId, gradeName: '一年级', name: '1班' })).id;
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  });
  afterAll(() => env.close());

  it('checks certificates at entry, lists missing doses, follows up, and gives coverage per class', async () => {
    const full = await student();
    const partial = await student();
    await student();
    expect((await doctor.post('/api/vaccination/doses', { personId: full, doses: doses(FULL) })).json()).toEqual({ added: 22, alreadyRecorded: 0 });
    expect((await doctor.post('/api/vaccination/doses', { personId: full, doses: doses({ MMR: 2 }) })).json()).toEqual({ added: 0, alreadyRecorded: 2 });
    await doctor.post('/api/vaccination/doses', { personId: partial, doses: doses({ ...FULL, MMR: 1, DT: 0 }) });
    const ok = (await doctor.post('/api/vaccination/checks', { personId: full, checkedOn: '2026-09-01' })).json();
    expect(ok).toMatchObject({ ageMonths: 72, complete: true, missing: [] });
    const gap = (await doctor.post('/api/vaccination/checks', { personId: partial, checkedOn: '2026-09-01' })).json();
    expect(gap.missing.map((m: { code: string }) => m.code)).toEqual(['DT', 'MMR']);
    expect((await doctor.post(`/api/vaccination/checks/${gap.id}/follow-up`, { followUp: 'referred', note: '已转介社区卫生服务中心补种' })).statusCode).toBe(200);
    const cov = (await doctor.get(`/api/vaccination/coverage?schoolId=${schoolId}`)).json();
    expect(cov.classes).toEqual([{ classId, className: '一年级1班', students: 3, checked: 2, complete: 1, rate: 33.3 }]);
    expect(cov.missing).toEqual([expect.objectContaining({ personId: partial, followUp: 'referred' })]);
  });

  it('bad input names the field and writes nothing', async () => {
    const s = await student();
    const count = async () => Number((await env.ctx.db.selectFrom('vaccination_doses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const unknown = await doctor.post('/api/vaccination/doses', { personId: s, doses: [{ vaccine: 'HepB', doseNumber: 1, givenOn: '2020-08-16' }, { vaccine: 'XYZ', doseNumber: 1, givenOn: '2021-01-01' }] });
    expect(unknown.json().error).toMatchObject({ code: 'vaccination.vaccine_unknown', field: 'doses/1/vaccine' });
    const beforeBirth = await doctor.post('/api/vaccination/doses', { personId: s, doses: [{ vaccine: 'BCG', doseNumber: 1, givenOn: '2020-01-01' }] });
    expect(beforeBirth.json().error).toMatchObject({ code: 'vaccination.date_invalid', field: 'doses/0/givenOn' });
    expect(await count()).toBe(before);
  });
});
