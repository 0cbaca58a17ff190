import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

// The test clock starts at 2026-11-30 09:00 in Shanghai, a Monday in the autumn term.
const DATE = '2026-11-30';

describe.each(databases())('class checks on %s', (kind) => {
  let env: TestEnv;
  let teacher: TestSession;
  let schoolId: number;
  let classId: number;
  let students: number[];
  let otherClassStudent: number;
  let n = 0;
  const key = () => `test-key-${kind}-${++n}-${Date.now()}`;
  // Moving the clock past the idle limit ends sessions: log in again at the new time.
  const at = async (iso: string) => {
    env.clock.set(iso);
    teacher = await login(env, teacherName);
  };
  let teacherName = '';
  const submit = (s: TestSession, body: object, k = key(), cls = classId) => s.request('POST', `/api/checks/classes/${cls}`, body, { 'idempotency-key': k });
  const counts = async () => (await env.ctx.db.selectFrom('class_checks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    const other = await makeClass(env.ctx, { schoolId });
    students = [];
    for (let i = 0; i < 12; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    otherClassStudent = (await makeStudent(env.ctx, { classId: other.id })).id;
    teacherName = (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username;
    await at('2026-11-30T00:30:00Z');
  });
  afterAll(() => env.close());

  it('shows the roster with everyone present by default', async () => {
    const res = await teacher.get(`/api/checks/classes/${classId}/form?date=${DATE}&session=morning`);
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.roster).toHaveLength(12);
    expect(form.roster.every((r: { status: string }) => r.status === 'present')).toBe(true);
    expect(form.deadline).toBe('09:00');
    expect(form.check).toBeNull();
  });

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ date: DATE, session: 'morning', exceptions: [{ personId: 999999, status: 'absent_ill' }] }, 'exceptions/0/personId'],
      [{ date: DATE, session: 'morning', exceptions: [{ personId: otherClassStudent, status: 'absent_ill' }] }, 'exceptions/0/personId'],
      [{ date: '2026-12-01', session: 'morning' }, 'date'],
      [{ date: '2026-11-29', session: 'morning' }, 'date'],
      [{ date: DATE, session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill', temperature: 44 }] }, 'exceptions/0/temperature'],
      [{ date: DATE, session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill', symptoms: ['sneezing'] }] }, 'exceptions/0/symptoms/0'],
      [{ date: DATE, session: 'evening' }, 'session'],
      [{ date: DATE, session: 'morning', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await submit(teacher, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    const missingKey = await teacher.request('POST', `/api/checks/classes/${classId}`, { date: DATE, session: 'morning' });
    expect(missingKey.json().error.field).toBe('Idempotency-Key');
    expect(await counts()).toBe(0);
    const audit = await env.ctx.db.selectFrom('audit_log').select('id').where('action', 'like', 'check.submit%').execute();
    expect(audit).toHaveLength(0);
  });

  it('submits with derived counts, returns the same result for the same key, and counts once', async () => {
    const k = key();
    const body = { date: DATE, session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 38.6 }, { personId: students[1], status: 'absent_other' }], entryMs: 15000 };
    const first = await submit(teacher, body, k);
    expect(first.statusCode).toBe(200);
    expect(first.json().check.counts).toMatchObject({ expected: 12, present: 10, absentIll: 1, absentOther: 1, symptomatic: 1, symptoms: { fever: 1, cough: 1 } });
    expect(first.json().check.late).toBe(false);
    const again = await submit(teacher, body, k);
    expect(again.statusCode).toBe(200);
    expect(again.json().replayed).toBe(true);
    expect(again.json().check).toEqual(first.json().check);
    const sum = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).where('check_date', '=', DATE).where('session', '=', 'morning').executeTakeFirstOrThrow();
    expect(sum).toMatchObject({ classes_reported: 1, classes_on_time: 1, expected: 12, absent_ill: 1, absent_other: 1, classes_expected: 2, enrolled: 13 });
    const ep = await env.ctx.db.selectFrom('absence_episodes').selectAll().where('person_id', '=', students[0]).execute();
    expect(ep).toHaveLength(1);
  });

  it('answers 409 to an edit of a stale version and accepts the current one', async () => {
    const stale = await submit(teacher, { date: DATE, session: 'morning' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('check.version_conflict');
    const edit = await submit(teacher, { date: DATE, session: 'morning', version: 1, exceptions: [{ personId: students[0], status: 'absent_ill', symptoms: ['fever'], temperature: 38.6 }] });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().check.version).toBe(2);
    const old = await submit(teacher, { date: DATE, session: 'morning', version: 1, zeroReport: true });
    expect(old.statusCode).toBe(409);
    const sum = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).where('check_date', '=', DATE).where('session', '=', 'morning').executeTakeFirstOrThrow();
    expect(sum).toMatchObject({ classes_reported: 1, absent_ill: 1, absent_other: 0, present: 11, symptoms: { fever: 1 } });
  });

  it('marks a submission after the deadline late, and a zero report takes one call', async () => {
    await at('2026-11-30T07:00:00Z'); // 15:00, after the 14:30 noon deadline
    const res = await submit(teacher, { date: DATE, session: 'noon', zeroReport: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().check).toMatchObject({ late: true, zeroReport: true, counts: { expected: 12, present: 12 } });
    const sum = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).where('session', '=', 'noon').executeTakeFirstOrThrow();
    expect(sum).toMatchObject({ classes_reported: 1, classes_on_time: 0 });
  });

  it('replays an offline queue in order, and a second replay changes nothing', async () => {
    await at('2026-12-01T23:30:00Z'); // 07:30 on 2 December
    const queue = [
      { k: key(), body: { date: '2026-12-01', session: 'morning', online: false, exceptions: [{ personId: students[2], status: 'absent_ill', symptoms: ['vomiting'] }] } },
      { k: key(), body: { date: '2026-12-01', session: 'noon', online: false, zeroReport: true } },
      { k: key(), body: { date: '2026-12-02', session: 'morning', online: false, exceptions: [{ personId: students[2], status: 'absent_ill', symptoms: ['diarrhea'] }] } },
      { k: key(), body: { date: '2026-12-02', session: 'morning', online: false, version: 1, exceptions: [{ personId: students[2], status: 'absent_ill', symptoms: ['diarrhea'] }, { personId: students[3], status: 'absent_other' }] } },
    ];
    const first = [];
    for (const q of queue) first.push(await submit(teacher, q.body, q.k));
    expect(first.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(first[0].json().check.late).toBe(true);
    expect(first[2].json().check.late).toBe(false);
    const before = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).orderBy('check_date').orderBy('session').execute();
    for (const q of queue) expect((await submit(teacher, q.body, q.k)).json().replayed).toBe(true);
    const after = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).orderBy('check_date').orderBy('session').execute();
    expect(after).toEqual(before);
    const episode = await env.ctx.db.selectFrom('absence_episodes').selectAll().where('person_id', '=', students[2]).executeTakeFirstOrThrow();
    expect(episode).toMatchObject({ opened_on: '2026-12-01', last_absent_on: '2026-12-02', absent_sessions: 2, status: 'open' });
    expect(episode.symptoms).toEqual(['diarrhea', 'vomiting']);
  });

  it('flags implausible checks without refusing them', async () => {
    const res = await submit(teacher, { date: '2026-12-02', session: 'noon', entryMs: 900, exceptions: students.slice(0, 3).map((p) => ({ personId: p, status: 'present_symptomatic', symptoms: ['fever'], temperature: 37.8 })) });
    expect(res.statusCode).toBe(200);
    expect(res.json().check.flags).toEqual(expect.arrayContaining(['identical_temperatures', 'entered_too_fast']));
  });

  it('takes the staff check per school, not from class teachers', async () => {
    const staff = (await makeStaff(env.ctx, { schoolId })).id;
    const admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    const res = await admin.request('POST', `/api/checks/schools/${schoolId}/staff`, { date: '2026-12-02', session: 'morning', exceptions: [{ personId: staff, status: 'absent_ill', symptoms: ['fever'] }] }, { 'idempotency-key': key() });
    expect(res.statusCode).toBe(200);
    expect(res.json().check).toMatchObject({ classId: null, counts: { expected: 1, absentIll: 1 } });
    const denied = await teacher.request('POST', `/api/checks/schools/${schoolId}/staff`, { date: '2026-12-02', session: 'noon' }, { 'idempotency-key': key() });
    expect(denied.statusCode).toBe(403);
    const sum = await env.ctx.db.selectFrom('school_day_summary').selectAll().where('school_id', '=', schoolId).where('check_date', '=', '2026-12-02').where('session', '=', 'morning').executeTakeFirstOrThrow();
    expect(sum).toMatchObject({ staff_reported: 1, staff_absent_ill: 1, staff_expected: 1 });
  });

  it('gives a teacher of another class 403', async () => {
    const other = await makeClass(env.ctx, { schoolId });
    const s = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: other.id })).username);
    expect((await submit(s, { date: '2026-12-02', session: 'noon' })).statusCode).toBe(403);
  });
});
