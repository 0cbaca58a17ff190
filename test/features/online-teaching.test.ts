import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

let n = 0;
const key = () => `online-key-${Date.now()}-${++n}`;

describe.each(databases())('online teaching on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classA: { id: number; gradeId: number };
  let admin: TestSession;
  let county: TestSession;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    classA = await makeClass(env.ctx, { schoolId, gradeName: '五年级', name: '1班' });
    const classB = await makeClass(env.ctx, { schoolId, gradeName: '五年级', name: '2班' });
    await makeClass(env.ctx, { schoolId, gradeName: '六年级', name: '1班' });
    for (let i = 0; i < 3; i++) await makeStudent(env.ctx, { classId: classA.id });
    for (let i = 0; i < 2; i++) await makeStudent(env.ctx, { classId: classB.id });
    admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
  });
  afterAll(() => env.close());

  it('switches a grade online; the bureau sees the classes online and the students covered; overlaps are refused', async () => {
    const body = { scopeType: 'grade', scopeId: classA.gradeId, fromDate: '2026-11-30', toDate: '2026-12-06', reason: '班级聚集性疫情', trigger: 'alert', idempotencyKey: key() };
    const res = await admin.post('/api/online-teaching', body);
    expect(res.json()).toMatchObject({ duplicate: false });
    expect((await admin.post('/api/online-teaching', body)).json()).toEqual({ id: res.json().id, duplicate: true });
    const overlap = await admin.post('/api/online-teaching', { ...body, scopeType: 'grade', fromDate: '2026-12-01', idempotencyKey: key() });
    expect(overlap.json().error).toMatchObject({ code: 'online.overlap', field: 'fromDate' });
    const cov = (await county.get('/api/online-teaching/coverage?date=2026-11-30')).json();
    expect(cov.schools.find((s: { schoolId: number }) => s.schoolId === schoolId)).toMatchObject({ classesTotal: 3, classesOnline: 2, studentsCovered: 5 });
    expect((await county.get('/api/online-teaching/coverage?date=2026-12-07')).json().schools).toEqual([]);
    expect((await admin.post(`/api/online-teaching/${res.json().id}/end`)).statusCode).toBe(200);
    expect((await county.get('/api/online-teaching/coverage?date=2026-11-30')).json().schools).toEqual([]);
  });

  it('refuses an end before the start, naming the field', async () => {
    const bad = await admin.post('/api/online-teaching', { scopeType: 'class', scopeId: classA.id, fromDate: '2026-12-10', toDate: '2026-12-01', reason: 'x', trigger: 'decision', idempotencyKey: key() });
    expect(bad.json().error).toMatchObject({ code: 'online.dates', field: 'toDate' });
  });
});
