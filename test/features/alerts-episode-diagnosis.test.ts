import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRuleDrainer } from '../../src/features/alerts/check-rule-queue';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

// QA defect 3: a notifiable diagnosis raised no alert until some later check ran the rules; defect 10:
// impossible follow-up dates were accepted.
describe.each(databases())('a diagnosis on an illness episode runs the rules on %s', (kind) => {
  let env: TestEnv;
  let teacherName: string;
  let doctorName: string;
  let doctor: TestSession;
  let schoolId: number;
  let classId: number;
  let students: number[];
  let n = 0;
  const submit = async (body: object) => {
    // Sessions expire while the clock moves: log in afresh.
    const teacher = await login(env, teacherName);
    const r = await teacher.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': `dx-${kind}-${++n}-${Date.now()}` });
    expect(r.statusCode).toBe(200);
    await checkRuleDrainer(env.ctx).idle();
  };
  const alertsOf = () => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).orderBy('id').execute();
  const episodeOf = (personId: number) => env.ctx.db.selectFrom('absence_episodes').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    students = [];
    // Twelve children: two ill with influenza-like illness stay under the 30 % class rule.
    for (let i = 0; i < 12; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    env.clock.set('2026-11-30T00:30:00Z'); // Monday 30 November, 08:30
    teacherName = (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username;
    doctorName = (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username;
    // Monday: one child coughing at school; Tuesday: absent ill, with another.
    await submit({ date: '2026-11-30', session: 'morning', exceptions: [{ personId: students[0], status: 'present_symptomatic', symptoms: ['cough'], temperature: 37.5 }] });
    env.clock.set('2026-12-01T00:30:00Z');
    await submit({ date: '2026-12-01', session: 'morning', exceptions: [
      { personId: students[0], status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 38.2 },
      { personId: students[1], status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 38.0 },
    ] });
  }, 120_000);
  afterAll(() => env.close());

  it('raises the single-case alert when the doctor saves a notifiable diagnosis, dated from the first report, due from now', async () => {
    expect(await alertsOf()).toEqual([]);
    env.clock.set('2026-12-02T04:40:00Z');
    doctor = await login(env, doctorName);
    const ep = await episodeOf(students[0]);
    const saved = await doctor.request('PATCH', `/api/absences/episodes/${ep.id}`, { version: ep.version, diagnosisCode: 'influenza' });
    expect(saved.statusCode).toBe(200);
    const alerts = await alertsOf();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'notifiable-case', disease: 'influenza', deadline: 'immediate', status: 'new', unit_kind: 'class', unit_id: String(classId), window_from: '2026-11-30' });
    expect(alerts[0].raised_at.getTime()).toBe(env.ctx.now().getTime());
    expect(alerts[0].due_at.getTime()).toBe(env.ctx.now().getTime());
    const persons = await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', alerts[0].id).execute();
    expect(persons.map((p) => p.person_id)).toEqual([students[0]]);
    const notified = await env.ctx.db.selectFrom('notifications').select('id').where('alert_id', '=', alerts[0].id).execute();
    expect(notified.length).toBeGreaterThan(0);

    // Saving the follow-up again without a new diagnosis raises nothing more.
    expect((await doctor.request('PATCH', `/api/absences/episodes/${ep.id}`, { version: ep.version + 1, hospital: '市儿童医院' })).statusCode).toBe(200);
    expect(await alertsOf()).toHaveLength(1);
  });

  it('raises it from a return certificate that brings the diagnosis', async () => {
    env.clock.set('2026-12-04T02:00:00Z');
    doctor = await login(env, doctorName);
    const ep = await episodeOf(students[1]);
    const r = await doctor.post(`/api/absences/episodes/${ep.id}/returns`, { hospital: '市儿童医院', issuedOn: '2026-12-04', returnOn: '2026-12-14', diagnosisCode: 'mumps', symptomsResolved: true });
    expect(r.statusCode).toBe(200);
    const mumps = (await alertsOf()).filter((a) => a.disease === 'mumps');
    expect(mumps).toHaveLength(1);
    expect(mumps[0]).toMatchObject({ rule: 'notifiable-case', deadline: 'immediate', window_from: '2026-12-01' });
    expect(mumps[0].due_at.getTime()).toBe(env.ctx.now().getTime());
  });

  it('refuses an expected return before the absence began and a fever-free time in the future, naming the field', async () => {
    const ep = await episodeOf(students[0]);
    const early = await doctor.request('PATCH', `/api/absences/episodes/${ep.id}`, { version: ep.version, expectedReturn: '2020-01-01' }, { 'accept-language': 'en' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'absence.return_before_opened', field: 'expectedReturn' });
    expect(early.json().error.message).toContain('2026-12-01');
    const future = await doctor.request('PATCH', `/api/absences/episodes/${ep.id}`, { version: ep.version, feverFreeSince: '2030-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'absence.time_future', field: 'feverFreeSince' });
    const fine = await doctor.request('PATCH', `/api/absences/episodes/${ep.id}`, { version: ep.version, expectedReturn: '2026-12-08', feverFreeSince: '2026-12-03T00:00:00Z' });
    expect(fine.statusCode).toBe(200);
    expect((await episodeOf(students[0])).expected_return).toBe('2026-12-08');
  });
});
