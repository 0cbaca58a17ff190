import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { drainCheckRuleQueue } from '../../src/features/alerts/check-rule-queue';
import { evaluateCheckRules } from '../../src/features/alerts/check-rules';
import { type AlertSignal, raiseOrMerge } from '../../src/features/alerts/queue';
import { runDailyScan } from '../../src/features/alerts/scan';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';
import { sickCheck } from './alerts-support';

// QA defect 2: a closed alert came back as a new alert with a fresh deadline whenever the rules ran again.
describe.each(databases())('closed alerts stay closed on %s', (kind) => {
  let env: TestEnv;
  let school: number;
  let cls: number;
  let students: number[];
  beforeAll(async () => {
    env = await createTestEnv(kind);
    school = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    cls = (await makeClass(env.ctx, { schoolId: school })).id;
    students = [];
    for (let i = 0; i < 8; i++) students.push((await makeStudent(env.ctx, { classId: cls })).id);
    await makeAccount(env.ctx, { role: 'school_doctor', schoolId: school, username: 'cc-doc' });
    await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school, classId: cls, username: 'cc-teach' });
  }, 120_000);
  afterAll(() => env.close());

  const alertsOf = () => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', school).orderBy('id').execute();
  const notificationCount = async () => Number((await env.ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const personsOf = async (id: number) => (await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', id).execute()).map((r) => r.person_id).sort((a, b) => a - b);
  const evaluate = (date: string) => inTransaction(env.ctx.db, (trx, afterCommit) => evaluateCheckRules(trx, env.ctx, { schoolId: school, classId: cls, date }, afterCommit));
  let closedId = 0;

  it('raises nothing on an edit of the check after the cluster alert was handled and closed', async () => {
    env.clock.set('2026-11-30T01:00:00Z');
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', ill: students.slice(0, 3) });
    const [alert] = await alertsOf();
    expect(alert).toMatchObject({ rule: 'cluster-2006', syndrome: 'respiratory', status: 'new', case_count: 3 });
    closedId = alert.id;

    const doctor = await login(env, 'cc-doc');
    for (const to of ['acknowledged', 'investigating', 'reported_to_cdc']) expect((await doctor.post(`/api/alerts/${alert.id}/transition`, { to })).statusCode).toBe(200);
    const close = await doctor.post(`/api/alerts/${alert.id}/transition`, { to: 'closed', outcome: 'outbreak_confirmed', note: '疾控确认' });
    expect(close.json()).toMatchObject({ status: 'closed' });
    const notes = await notificationCount();

    // The general path (an edit, a conversion to illness): the same data, and a child with a fever only.
    env.clock.set('2026-11-30T04:40:00Z');
    const again = await evaluate('2026-11-30');
    expect(again.filter((r) => r.created)).toEqual([]);
    expect(again.filter((r) => r.alertId === alert.id)).not.toHaveLength(0);
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', session: 'noon', ill: [students[5]], symptoms: ['fever'] });

    // The check-time drain: the morning's check queued again.
    const check = await env.ctx.db.selectFrom('class_checks').select('id').where('class_id', '=', cls).where('check_date', '=', '2026-11-30').orderBy('id').executeTakeFirstOrThrow();
    await env.ctx.db.insertInto('check_rule_queue').values({ school_id: school, class_id: cls, check_date: '2026-11-30', check_id: check.id }).execute();
    expect((await drainCheckRuleQueue(env.ctx)).evaluated).toBe(1);

    const after = await alertsOf();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: alert.id, status: 'closed', version: close.json().version });
    expect(await notificationCount()).toBe(notes);
  });

  it('holds a scan signal back when its wider window brings no case the closed alert lacks', async () => {
    const signal = (o: Partial<AlertSignal> = {}): AlertSignal => ({
      source: 'scan', rule: 'cluster-2006', unitKind: 'class', unitId: String(cls), schoolId: school, classId: cls, regionCode: '410105', level: 'report',
      deadline: '24h', syndrome: 'respiratory', window: { from: '2026-11-30', to: '2026-12-01' }, personIds: students.slice(0, 3),
      caseDates: ['2026-11-30', '2026-11-30', '2026-11-30'], count: 3, ...o,
    });
    env.clock.set('2026-12-01T10:00:00Z');
    const merge = (s: AlertSignal) => inTransaction(env.ctx.db, (trx, afterCommit) => raiseOrMerge(trx, env.ctx.now(), s, afterCommit));
    expect(await merge(signal())).toEqual({ alertId: closedId, created: false, grew: false, upgraded: false });
    // An emergency is more than the closed report: it is not held back (rolled back here, it is not the point).
    await expect(inTransaction(env.ctx.db, async (trx) => {
      expect((await raiseOrMerge(trx, env.ctx.now(), signal({ level: 'emergency', deadline: '2h' }))).created).toBe(true);
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    expect(await alertsOf()).toHaveLength(1);
  });

  it('opens a new alert naming the closed one when new cases come after the closure, and merges into it afterwards', async () => {
    env.clock.set('2026-12-01T01:00:00Z');
    // Two more children on Tuesday: five in three school days, two of them new to the cluster.
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-12-01', ill: students.slice(3, 5) });
    const alerts = await alertsOf();
    expect(alerts).toHaveLength(2);
    const fresh = alerts[1];
    expect(fresh).toMatchObject({ rule: 'cluster-2006', syndrome: 'respiratory', status: 'new', case_count: 5, window_to: '2026-12-01' });
    expect(fresh.detail).toMatchObject({ followsClosedAlert: closedId });
    expect(fresh.due_at.getTime()).toBe(new Date('2026-12-02T01:00:00Z').getTime());
    expect(await personsOf(fresh.id)).toEqual(students.slice(0, 5));
    expect(await personsOf(closedId)).toEqual(students.slice(0, 3));

    // Evaluated again, the cluster's signals join the open alert; the closed one is left as it was.
    await evaluate('2026-12-01');
    await evaluate('2026-11-30');
    const after = await alertsOf();
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(alerts[0]);
  });

  it('lets the daily scan raise nothing over the closed alerts of a cluster it sees again', async () => {
    const other = (await makeSchool(env.ctx, { regionCode: '410108' })).id;
    const room = (await makeClass(env.ctx, { schoolId: other })).id;
    const kids: number[] = [];
    for (let i = 0; i < 4; i++) kids.push((await makeStudent(env.ctx, { classId: room })).id);
    const episode = (personId: number, opened: string, last: string) => env.ctx.db.insertInto('absence_episodes').values({
      school_id: other, person_id: personId, class_id: room, kind: 'illness', status: 'open', opened_on: opened, last_absent_on: last,
      symptoms: sql<string[]>`${sql.val(['cough', 'fever'])}::text[]`, created_at: env.ctx.now(), updated_at: env.ctx.now(),
    }).execute();
    // A quiet history (one case five weeks before) gives the Poisson tests their baseline.
    await episode(kids[3], '2026-10-26', '2026-10-27');
    await env.ctx.db.updateTable('absence_episodes').set({ status: 'closed', closed_on: '2026-10-28' }).where('person_id', '=', kids[3]).execute();
    for (const k of kids.slice(0, 3)) await episode(k, '2026-11-30', '2026-12-02');
    const scan = (date: string) => {
      env.clock.set(`${date}T10:00:00Z`);
      return runDailyScan(env.ctx, date, { regionCode: '410108' });
    };
    const alertsThere = () => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', other).orderBy('id').execute();
    expect((await scan('2026-11-30')).raised).toBeGreaterThanOrEqual(1);
    const raised = await alertsThere();
    await env.ctx.db.updateTable('alerts').set({ status: 'closed', outcome: 'not_outbreak', closed_at: env.ctx.now(), close_note: 'handled' }).where('school_id', '=', other).execute();

    // The same day scanned again sees the cluster again and holds it back; so do the days after.
    const rerun = await scan('2026-11-30');
    expect(rerun.signals).toBeGreaterThan(0);
    expect(rerun.raised).toBe(0);
    for (const day of ['2026-12-01', '2026-12-02']) expect((await scan(day)).raised).toBe(0);
    expect(await alertsThere()).toEqual(raised.map((a) => expect.objectContaining({ id: a.id, status: 'closed' })));
  });

  it('holds back a count signal without persons only while it adds no case and stays in the closed window', async () => {
    env.clock.set('2026-12-02T02:00:00Z');
    const county = (o: Partial<AlertSignal> = {}): AlertSignal => ({
      source: 'scan', rule: 'scan:county:absence', unitKind: 'region', unitId: '410105', schoolId: null, regionCode: '410105', level: 'report',
      deadline: '24h', syndrome: 'absence', window: { from: '2026-12-02', to: '2026-12-02' }, personIds: [], count: 6, ...o,
    });
    const merge = (s: AlertSignal) => inTransaction(env.ctx.db, (trx, afterCommit) => raiseOrMerge(trx, env.ctx.now(), s, afterCommit));
    const first = await merge(county());
    expect(first.created).toBe(true);
    await env.ctx.db.updateTable('alerts').set({ status: 'closed', outcome: 'not_outbreak', closed_at: env.ctx.now(), close_note: 'flu season' }).where('id', '=', first.alertId).execute();

    expect(await merge(county({ count: 5 }))).toMatchObject({ alertId: first.alertId, created: false });
    const more = await merge(county({ count: 7 }));
    expect(more.created).toBe(true);
    const row = await env.ctx.db.selectFrom('alerts').select(['detail', 'status']).where('id', '=', more.alertId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'new', detail: { followsClosedAlert: first.alertId } });
  });
});
