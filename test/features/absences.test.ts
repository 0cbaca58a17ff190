import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe.each(databases())('illness-absence episodes and returns on %s', (kind) => {
  let env: TestEnv;
  let teacher: TestSession;
  let doctor: TestSession;
  let schoolId: number;
  let classId: number;
  let students: number[];
  let n = 0;
  const submit = (body: object) => teacher.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': `abs-${kind}-${++n}-${Date.now()}` });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    students = [];
    for (let i = 0; i < 5; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    env.clock.set('2026-11-16T00:30:00Z'); // Monday 16 November, 08:30
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  });
  afterAll(() => env.close());

  it('opens an episode, queues it for the doctor, follows it up, refuses an early return and accepts a valid one', async () => {
    expect((await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill', symptoms: ['fever', 'rash'], temperature: 38.4 }] })).statusCode).toBe(200);
    const queue = (await doctor.get(`/api/absences/queue?schoolId=${schoolId}`)).json();
    expect(queue.items).toHaveLength(1);
    const id = queue.items[0].id;
    expect(queue.items[0]).toMatchObject({ personId: students[0], causeKnown: false, overdue: false });

    const bad = await doctor.request('PATCH', `/api/absences/episodes/${id}`, { version: 1, diagnosisCode: 'dragon_pox' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('diagnosisCode');
    const ok = await doctor.request('PATCH', `/api/absences/episodes/${id}`, {
      version: 1, guardianContactedAt: '2026-11-16T00:20:00Z', guardianContactMethod: 'phone', onsetDate: '2026-11-15', doctorVisit: true, hospital: '市儿童医院', diagnosisCode: 'varicella',
    });
    expect(ok.statusCode).toBe(200);
    const stale = await doctor.request('PATCH', `/api/absences/episodes/${id}`, { version: 1, hospital: 'x' });
    expect(stale.statusCode).toBe(409);
    expect((await doctor.get(`/api/absences/queue?schoolId=${schoolId}`)).json().items).toHaveLength(0);
    const detail = (await doctor.get(`/api/absences/episodes/${id}`)).json();
    expect(detail.episode.expectedReturn).toBe('2026-11-29');
    expect(detail.earliestReturn).toBe('2026-11-29');

    const early = await doctor.post(`/api/absences/episodes/${id}/returns`, { hospital: '市儿童医院', issuedOn: '2026-11-16', returnOn: '2026-11-23', symptomsResolved: true, lesionsCrusted: true });
    expect(early.statusCode).toBe(200);
    expect(early.json().certificate).toMatchObject({ decision: 'refused', reasons: ['too_early_from_onset'], earliestReturn: '2026-11-29' });
    expect(early.json().episode.status).toBe('open');

    const badPhoto = await doctor.post(`/api/absences/episodes/${id}/returns`, { hospital: 'h', issuedOn: '2026-11-16', returnOn: '2026-11-30', symptomsResolved: true, photo: { type: 'image/png', dataBase64: Buffer.from('GIF89a').toString('base64') } });
    expect(badPhoto.statusCode).toBe(400);
    expect(badPhoto.json().error.field).toBe('photo');

    env.clock.set('2026-11-30T00:30:00Z');
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
    const good = await doctor.post(`/api/absences/episodes/${id}/returns`, { hospital: '市儿童医院', issuedOn: '2026-11-29', returnOn: '2026-11-30', symptomsResolved: true, lesionsCrusted: true, photo: { type: 'image/png', dataBase64: PNG } });
    expect(good.statusCode).toBe(200);
    expect(good.json().certificate).toMatchObject({ decision: 'accepted', reasons: [], hasPhoto: true });
    expect(good.json().episode).toMatchObject({ status: 'closed', closedOn: '2026-11-30' });
    const file = (await doctor.get(`/api/people/${students[0]}`)).json();
    const section = file.sections.find((s: { key: string }) => s.key === 'absence_episodes');
    expect(section.items[0].returns.map((r: { decision: string }) => r.decision)).toEqual(['refused', 'accepted']);
    expect(file.sections.find((s: { key: string }) => s.key === 'checks').items).toHaveLength(1);
    // A new absence after the closed episode opens a new one.
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
    expect((await submit({ date: '2026-11-30', session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill' }] })).statusCode).toBe(200);
    const episodes = await env.ctx.db.selectFrom('absence_episodes').select(['status']).where('person_id', '=', students[0]).orderBy('id').execute();
    expect(episodes.map((e) => e.status)).toEqual(['closed', 'open']);
  });

  it('converts an absence for another reason into illness, updating the check and the roll-up', async () => {
    const res = await submit({ date: '2026-11-30', session: 'noon', exceptions: [{ personId: students[1], status: 'absent_other', note: '事假' }] });
    expect(res.statusCode).toBe(200);
    const exc = await env.ctx.db.selectFrom('check_exceptions').select('id').where('person_id', '=', students[1]).executeTakeFirstOrThrow();
    const conv = await doctor.post(`/api/checks/exceptions/${exc.id}/convert-to-illness`, { symptoms: ['diarrhea'] });
    expect(conv.statusCode).toBe(200);
    expect(conv.json().check).toMatchObject({ version: 2, counts: { absentIll: 1, absentOther: 0, symptoms: { diarrhea: 1 } } });
    // An edit stores the check's exceptions afresh; the converted one is now an illness and cannot convert again.
    const now = await env.ctx.db.selectFrom('check_exceptions').select('id').where('person_id', '=', students[1]).executeTakeFirstOrThrow();
    expect((await doctor.post(`/api/checks/exceptions/${now.id}/convert-to-illness`, {})).statusCode).toBe(409);
    const sum = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).where('check_date', '=', '2026-11-30').where('session', '=', 'noon').executeTakeFirstOrThrow();
    expect(sum).toMatchObject({ absent_ill: 1, absent_other: 0 });
    const ep = await env.ctx.db.selectFrom('absence_episodes').selectAll().where('person_id', '=', students[1]).executeTakeFirstOrThrow();
    expect(ep.symptoms).toEqual(['diarrhea']);
  });

  it('lets a city override a return policy within its region only', async () => {
    const city = await login(env, (await makeAccount(env.ctx, { role: 'city_officer', regionCode: '410100' })).username);
    const body = { minDaysFromOnset: 10, feverFreeHours: null, symptomFreeHours: null, requiresLesionsCrusted: false, requiresTestNegative: false };
    expect((await city.request('PUT', '/api/absences/policies/410100/mumps', body)).statusCode).toBe(200);
    expect((await city.request('PUT', '/api/absences/policies/411600/mumps', body)).statusCode).toBe(403);
    // A nullable number above its maximum is refused for the maximum, not as "should be null".
    const tooLong = await city.request('PUT', '/api/absences/policies/410100/mumps', { ...body, minDaysFromOnset: 400 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({ code: 'validation.maximum', field: 'minDaysFromOnset' });
    expect(tooLong.json().error.message).toContain('90');
    const list = (await city.get('/api/absences/policies?regionCode=410105')).json();
    expect(list.items.find((p: { diseaseCode: string }) => p.diseaseCode === 'mumps')).toMatchObject({ minDaysFromOnset: 10, overridden: true });
    // The school doctor sees the criteria in force for the school (its county, under the city's override).
    const forSchool = (await doctor.get('/api/absences/policies')).json();
    expect(forSchool.regionCode).toBe('410105');
    expect(forSchool.items.find((p: { diseaseCode: string }) => p.diseaseCode === 'mumps')).toMatchObject({ minDaysFromOnset: 10, overridden: true });
  });
});
