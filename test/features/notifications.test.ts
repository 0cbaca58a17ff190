import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureNotifications } from '../../src/features/notifications/config';
import { inTransaction } from '../../src/db/transaction';
import { dispatchNotifications } from '../../src/features/notifications/dispatcher';
import { enqueueNotifications } from '../../src/features/notifications/enqueue';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeHospital, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';
import { sickCheck, startRobotReceiver, startSmtpSink } from './alerts-support';

describe.each(databases())('alert notifications on %s', (kind) => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let robots: Awaited<ReturnType<typeof startRobotReceiver>>;
  let school: number;
  let cls: number;
  let students: number[];
  let doctor: number;
  let teacher: number;
  let liaison: number;
  let outsider: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    smtp = await startSmtpSink();
    robots = await startRobotReceiver();
    configureNotifications({ smtpUrl: smtp.url, smtpFrom: 'CampusGuard <alerts@test.local>', publicUrl: 'https://campusguard.test' });
    school = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    const other = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    cls = (await makeClass(env.ctx, { schoolId: school })).id;
    students = [];
    for (let i = 0; i < 12; i++) students.push((await makeStudent(env.ctx, { classId: cls })).id);
    const hospital = (await makeHospital(env.ctx, { pairWith: [school] })).id;
    doctor = (await makeAccount(env.ctx, { role: 'school_doctor', schoolId: school, username: 'ndoc' })).id;
    teacher = (await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school, classId: cls, username: 'nteach' })).id;
    liaison = (await makeAccount(env.ctx, { role: 'hospital_liaison', hospitalId: hospital, username: 'nliaison' })).id;
    outsider = (await makeAccount(env.ctx, { role: 'school_doctor', schoolId: other, username: 'nother' })).id;
    await env.ctx.db.updateTable('accounts').set({ email: 'doctor@school.test' }).where('id', '=', doctor).execute();
    await env.ctx.db.updateTable('accounts').set({ email: 'other@school.test' }).where('id', '=', outsider).execute();
    await env.ctx.db.insertInto('grid_responsibilities').values({ unit_type: 'class', unit_key: String(cls), school_id: school, region_code: null, account_id: teacher, assigned_by: null }).execute();
    const admin = await makeAccount(env.ctx, { role: 'sysadmin', username: 'nadmin' });
    const s = await login(env, admin.username);
    for (const [kindName, path] of [['dingtalk', '/robot/send?access_token=abc'], ['wecom', '/cgi-bin/webhook/send?key=xyz']] as const) {
      const res = await s.post('/api/notification-endpoints', { kind: kindName, name: `${kindName}群`, url: `${robots.base}${path}`, secret: kindName === 'dingtalk' ? 'SECsecret' : null, schoolId: school });
      expect(res.statusCode).toBe(200);
    }
    const listed = (await s.get('/api/notification-endpoints')).json();
    expect(JSON.stringify(listed)).not.toContain('abc');
  }, 120_000);
  afterAll(async () => {
    await env.close();
    await smtp.close();
    await robots.close();
  });

  it('sends nothing when the transaction rolls back', async () => {
    env.clock.set('2026-11-30T01:00:00Z');
    await expect(sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', ill: students.slice(0, 3), fail: true })).rejects.toThrow('on purpose');
    expect(await env.ctx.db.selectFrom('alerts').selectAll().execute()).toEqual([]);
    expect(await env.ctx.db.selectFrom('notifications').selectAll().execute()).toEqual([]);
    expect(await env.ctx.db.selectFrom('notification_outbox').selectAll().execute()).toEqual([]);
    expect((await dispatchNotifications(env.ctx)).claimed).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect(robots.received).toHaveLength(0);
  });

  it('queues thousands of notifications at once, in inserts under the bind-parameter limit, each once', async () => {
    const now = env.ctx.now();
    // 6,500 notifications to the doctor, who has an e-mail address: as many in-app rows and e-mails,
    // four inserts of up to 2,000 rows each, where one insert would take more bind parameters than PostgreSQL accepts.
    const list = Array.from({ length: 6500 }, (_, i) => ({
      kind: 'test.bulk', dedupeKey: `bulk:${i}`, recipients: [doctor], title: { zh: `批量 ${i}`, en: `Bulk ${i}` }, email: true,
    }));
    const first = await inTransaction(env.ctx.db, (trx) => enqueueNotifications(trx, list, now));
    expect(first).toEqual({ inApp: 6500, outbox: 6500 });
    const again = await inTransaction(env.ctx.db, (trx) => enqueueNotifications(trx, list, now));
    expect(again).toEqual({ inApp: 0, outbox: 0 });
    await env.ctx.db.deleteFrom('notification_outbox').where('dedupe_key', 'like', 'bulk:%').execute();
    await env.ctx.db.deleteFrom('notifications').where('kind', '=', 'test.bulk').execute();
  });

  it('delivers an alert once per recipient and channel after commit, in the robots\' formats', async () => {
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', ill: students.slice(0, 3) });
    const inApp = await env.ctx.db.selectFrom('notifications').select(['account_id', 'kind']).execute();
    expect(inApp.map((n) => n.account_id).sort((a, b) => a - b)).toEqual([doctor, teacher, liaison].sort((a, b) => a - b));
    expect((await dispatchNotifications(env.ctx)).sent).toBe(3);

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(['doctor@school.test']);
    expect(smtp.messages[0].data).toContain('Subject:');
    const ding = robots.received.find((r) => r.path === '/robot/send')!;
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown.title).toContain('新预警');
    expect(ding.body.markdown.text).toContain('https://campusguard.test/alerts/');
    expect(ding.query.get('access_token')).toBe('abc');
    expect(ding.query.get('timestamp')).toMatch(/^\d+$/);
    expect(ding.query.get('sign')).toBeTruthy();
    const wecom = robots.received.find((r) => r.path === '/cgi-bin/webhook/send')!;
    expect(wecom.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('病例数：3') } });
    // No child's name leaves the platform.
    const names = await env.ctx.db.selectFrom('persons').select('name').where('id', 'in', students.slice(0, 3)).execute();
    for (const n of names) expect(JSON.stringify(robots.received) + smtp.messages[0].data).not.toContain(n.name);

    // Evaluating and dispatching again delivers nothing more.
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', session: 'noon', ill: [students[0]] });
    expect((await dispatchNotifications(env.ctx)).claimed).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect(robots.received).toHaveLength(2);
    expect(await env.ctx.db.selectFrom('notifications').select('id').execute()).toHaveLength(3);
    const attempts = await env.ctx.db.selectFrom('notification_attempts').select(['ok']).execute();
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.ok)).toBe(true);
  });

  it('retries a failed delivery with back-off and records every attempt', async () => {
    robots.state.failNext = 2;
    env.clock.set('2026-12-07T01:00:00Z');
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-12-07', ill: students.slice(3, 6), symptoms: ['diarrhea'] });
    const first = await dispatchNotifications(env.ctx);
    expect(first).toMatchObject({ sent: 1, failed: 2 });
    expect((await dispatchNotifications(env.ctx)).claimed).toBe(0);
    env.clock.advance(31_000);
    expect(await dispatchNotifications(env.ctx)).toMatchObject({ claimed: 2, sent: 2 });
    const rows = await env.ctx.db.selectFrom('notification_outbox').select(['channel', 'status', 'attempts']).where('dedupe_key', 'like', '%raised').where('created_at', '>=', new Date('2026-12-07T00:00:00Z')).execute();
    expect(rows.filter((r) => r.channel !== 'email').map((r) => [r.status, r.attempts])).toEqual([['sent', 2], ['sent', 2]]);
    const failedAttempts = await env.ctx.db.selectFrom('notification_attempts').select(['ok', 'error']).where('ok', '=', false).execute();
    expect(failedAttempts).toHaveLength(2);
    expect(failedAttempts[0].error).toContain('500');
  });

  it('streams a new alert to the recipient over server-sent events, and not to others', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    const open = async (username: string) => {
      const s = await login(env, username);
      const ctrl = new AbortController();
      const res = await fetch(`${base}/api/notifications/stream?maxMs=5000`, { headers: { cookie: s.cookie }, signal: ctrl.signal });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      const readUntil = async (needle: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!text.includes(needle) && Date.now() < deadline) {
          const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
          if (!chunk || chunk.done) break;
          text += new TextDecoder().decode(chunk.value);
        }
        return text;
      };
      await readUntil('event: ready', 2000);
      return { readUntil, close: () => ctrl.abort() };
    };
    const mine = await open('ndoc');
    const theirs = await open('nother');
    env.clock.set('2026-12-08T01:00:00Z');
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-12-08', ill: students.slice(6, 9), symptoms: ['rash'] });
    const alert = await env.ctx.db.selectFrom('alerts').select('id').where('syndrome', '=', 'rash').executeTakeFirstOrThrow();
    const got = await mine.readUntil(`"alertId":${alert.id}`, 3000);
    expect(got).toContain('event: notification');
    expect(got).toContain(`"alertId":${alert.id}`);
    expect(await theirs.readUntil('event: notification', 500)).not.toContain('event: notification');
    mine.close();
    theirs.close();
  });
});
