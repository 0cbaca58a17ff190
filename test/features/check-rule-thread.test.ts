import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config';
import { checkRuleDrainer, setRuleDrainer } from '../../src/features/alerts/check-rule-queue';
import { ThreadRuleDrainer } from '../../src/features/alerts/check-rule-thread';
import { notificationBus } from '../../src/features/notifications/bus';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';

// The early-warning thread of a server on PostgreSQL: the check path kicks it as it kicks the drains of
// its own thread, the alerts are the same, the notifications still wake this thread's live streams, and
// a thread that cannot run hands the drains back to the main thread.
const DATE = '2026-11-30';
const fever = (personId: number) => ({ personId, status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 37.8 });

describe.skipIf(!databases().includes('postgres'))('early-warning thread on postgres', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv('postgres');
  });
  afterAll(() => env.close());

  /** A school with a class of six, its teacher and its doctor (who hears of the school's alerts). */
  const school = async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const students: number[] = [];
    for (let i = 0; i < 6; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    const teacher = (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username;
    const doctor = (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).id;
    return { schoolId, classId, students, teacher, doctor };
  };
  const alertsOf = (schoolId: number) => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', schoolId).execute();

  it('raises the alert of a check submitted through the API, and forwards its notification to the live streams', async () => {
    env.clock.set('2026-11-30T00:30:00Z');
    const thread = new ThreadRuleDrainer(env.ctx, env.databaseUrl!);
    setRuleDrainer(env.ctx, thread);
    const announced: number[][] = [];
    const listen = (ids: number[]) => announced.push(ids);
    notificationBus.on('committed', listen);
    try {
      const s = await school();
      const teacher = await login(env, s.teacher);
      const res = await teacher.request('POST', `/api/checks/classes/${s.classId}`, { date: DATE, session: 'morning', exceptions: s.students.slice(0, 3).map(fever) }, { 'idempotency-key': 'thread-1' });
      expect(res.statusCode).toBe(200);
      await checkRuleDrainer(env.ctx).idle();
      const raised = await alertsOf(s.schoolId);
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ rule: 'cluster-2006', unit_kind: 'class', unit_id: String(s.classId), case_count: 3, status: 'new' });
      // Raised on the main thread's clock, not the thread's own.
      expect(raised[0].raised_at.getTime() - env.clock.now.getTime()).toBeLessThan(60_000);
      expect(Number((await sql<{ n: number }>`select count(*)::int as n from check_rule_queue`.execute(env.ctx.db)).rows[0].n)).toBe(0);
      expect(announced.flat()).toContain(s.doctor);
      const note = await env.ctx.db.selectFrom('notifications').select(['kind', 'alert_id']).where('account_id', '=', s.doctor).execute();
      expect(note).toEqual([{ kind: 'alert.raised', alert_id: raised[0].id }]);
    } finally {
      notificationBus.off('committed', listen);
      await thread.close();
    }
  });

  it('drains in the main thread when the thread cannot reach the database', async () => {
    env.clock.set('2026-11-30T01:30:00Z');
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    const thread = new ThreadRuleDrainer(env.ctx, 'postgres://nobody@127.0.0.1:1/nothing');
    setRuleDrainer(env.ctx, thread);
    try {
      const s = await school();
      const teacher = await login(env, s.teacher);
      const res = await teacher.request('POST', `/api/checks/classes/${s.classId}`, { date: DATE, session: 'morning', exceptions: s.students.slice(0, 3).map(fever) }, { 'idempotency-key': 'thread-2' });
      expect(res.statusCode).toBe(200);
      // The first wait ends when the thread is gone; the drains of the main thread then run.
      await thread.idle();
      await expect.poll(async () => (await alertsOf(s.schoolId)).length).toBe(1);
      await thread.idle();
      expect(errors.map(String).join(' ')).toContain('early-warning thread failed');
    } finally {
      console.error = log;
      await thread.close();
    }
  });
});

describe('RULES_THREAD', () => {
  it('is on with PostgreSQL unless set off, never with the embedded database, and refuses anything else', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://x/y' }).rulesThread).toBe(true);
    expect(readConfig({ DATABASE_URL: 'postgres://x/y', RULES_THREAD: 'off' }).rulesThread).toBe(false);
    expect(readConfig({}).rulesThread).toBe(false);
    expect(() => readConfig({ RULES_THREAD: 'yes' })).toThrow('RULES_THREAD must be on or off, got "yes"');
  });
});
