// What the boundary does with values that type coercion could bend: false and 0 in nullable fields
// stay false and 0, null stays null, and a refused value's message names every allowed value or type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

describe.each(databases())('nullable and literal fields at the boundary on %s', (kind) => {
  let env: TestEnv;
  let teacher: TestSession;
  let doctor: TestSession;
  let schoolId: number;
  let classId: number;
  let students: number[];
  let n = 0;
  const submit = (body: object, lang = 'en') => teacher.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': `val-${kind}-${++n}`, 'accept-language': lang });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    students = [];
    for (let i = 0; i < 3; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    env.clock.set('2026-11-16T00:30:00Z'); // Monday 16 November, 08:30
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  });
  afterAll(() => env.close());

  it('names every allowed status and both allowed types of a nullable number', async () => {
    const status = await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[0], status: 'dead' }] });
    expect(status.statusCode).toBe(400);
    expect(status.json().error).toMatchObject({ code: 'validation.enum', field: 'exceptions/0/status' });
    for (const s of ['absent_ill', 'absent_other', 'present_symptomatic']) expect(status.json().error.message).toContain(s);

    const temperature = await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill', symptoms: ['fever'], temperature: 'hot' }] });
    expect(temperature.statusCode).toBe(400);
    expect(temperature.json().error).toMatchObject({ code: 'validation.type', field: 'exceptions/0/temperature' });
    expect(temperature.json().error.message).toMatch(/number, null|null, number/);
  });

  it('keeps false and 0 in nullable fields, and null as null', async () => {
    const ok = await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[1], status: 'absent_ill', symptoms: ['cough'], temperature: null }] });
    expect(ok.statusCode).toBe(200);
    const queue = (await doctor.get(`/api/absences/queue?schoolId=${schoolId}`)).json();
    const id = queue.items.find((e: { personId: number }) => e.personId === students[1]).id;

    const noVisit = await doctor.request('PATCH', `/api/absences/episodes/${id}`, { version: 1, doctorVisit: false, hospital: null });
    expect(noVisit.statusCode).toBe(200);
    const detail = (await doctor.get(`/api/absences/episodes/${id}`)).json();
    expect(detail.episode.doctorVisit).toBe(false);
    expect(detail.episode.hospital).toBeNull();

    const visit = await doctor.request('PATCH', `/api/absences/episodes/${id}`, { version: detail.episode.version, doctorVisit: true });
    expect(visit.statusCode).toBe(200);
    expect((await doctor.get(`/api/absences/episodes/${id}`)).json().episode.doctorVisit).toBe(true);
  });
});
