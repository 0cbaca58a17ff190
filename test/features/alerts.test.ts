import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { raiseOrMergeMany } from '../../src/features/alerts/check-merge';
import { evaluateCheckRules } from '../../src/features/alerts/check-rules';
import { escalateOverdueAlerts } from '../../src/features/alerts/escalate';
import type { AlertSignal } from '../../src/features/alerts/queue';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';
import { sickCheck } from './alerts-support';

describe.each(databases())('alert queue on %s', (kind) => {
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
    await makeAccount(env.ctx, { role: 'school_doctor', schoolId: school, username: 'doc' });
    await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school, classId: cls, username: 'teach' });
    const county = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105', username: 'county' });
    // The grid names the county officer responsible for Jinshui: escalations reach them.
    await env.ctx.db.insertInto('grid_responsibilities').values({ unit_type: 'region', unit_key: '410105', school_id: null, region_code: '410105', account_id: county.id, assigned_by: null }).execute();
    await makeAccount(env.ctx, { role: 'county_officer', regionCode: '411627', username: 'taikang' });
    await makeAccount(env.ctx, { role: 'city_officer', regionCode: '410100', username: 'city' });
  }, 120_000);
  afterAll(() => env.close());

  const alertsOf = () => env.ctx.db.selectFrom('alerts').selectAll().where('school_id', '=', school).orderBy('id').execute();
  const personsOf = async (id: number) => (await env.ctx.db.selectFrom('alert_persons').select('person_id').where('alert_id', '=', id).execute()).map((r) => r.person_id).sort((a, b) => a - b);

  it('raises one alert on the third sick child of a class, and merges the cluster as it grows', async () => {
    env.clock.set('2026-11-30T01:00:00Z');
    expect(await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', ill: students.slice(0, 2) })).toEqual([]);
    const third = await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-11-30', session: 'noon', ill: [students[2]] });
    expect(third.filter((r) => r.created)).toHaveLength(1);
    let alerts = await alertsOf();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'cluster-2006', unit_kind: 'class', unit_id: String(cls), status: 'new', deadline: '24h', level: 'report', case_count: 3, window_from: '2026-11-30', syndrome: 'respiratory' });
    expect(await personsOf(alerts[0].id)).toEqual(students.slice(0, 3));

    // The same data evaluated again changes nothing: no second alert, no new event, same version.
    const events = await env.ctx.db.selectFrom('alert_events').select('id').where('alert_id', '=', alerts[0].id).execute();
    await inTransaction(env.ctx.db, (trx, afterCommit) => evaluateCheckRules(trx, env.ctx, { schoolId: school, classId: cls, date: '2026-11-30' }, afterCommit));
    const again = await alertsOf();
    expect(again).toHaveLength(1);
    expect(again[0].version).toBe(alerts[0].version);
    expect(await env.ctx.db.selectFrom('alert_events').select('id').where('alert_id', '=', alerts[0].id).execute()).toHaveLength(events.length);

    // Two more children on Tuesday and Wednesday: five in three school days, the same cluster grows.
    env.clock.set('2026-12-01T01:00:00Z');
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-12-01', ill: [students[3]] });
    env.clock.set('2026-12-02T01:00:00Z');
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-12-02', ill: [students[4]] });
    alerts = await alertsOf();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ case_count: 5, window_from: '2026-11-30', window_to: '2026-12-02' });
    expect(await personsOf(alerts[0].id)).toEqual(students.slice(0, 5));
  });

  it('works the life cycle step by step, refuses skips and steps back, and audits each step', async () => {
    const [alert] = await alertsOf();
    const doctor = await login(env, 'doc');
    const teacher = await login(env, 'teach');
    const step = (s: Awaited<ReturnType<typeof login>>, body: object) => s.post(`/api/alerts/${alert.id}/transition`, body);

    expect((await step(teacher, { to: 'acknowledged' })).statusCode).toBe(403);
    const skip = await step(doctor, { to: 'investigating' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'alert.transition_not_allowed', field: 'to' });
    expect((await step(doctor, { to: 'acknowledged' })).json()).toMatchObject({ status: 'acknowledged', unchanged: false });
    expect((await step(doctor, { to: 'acknowledged' })).json()).toMatchObject({ status: 'acknowledged', unchanged: true });
    expect((await step(doctor, { to: 'investigating' })).statusCode).toBe(200);
    const early = await step(doctor, { to: 'closed', outcome: 'outbreak_confirmed', note: '确诊' });
    expect(early.json().error.code).toBe('alert.confirm_needs_report');
    const noNote = await step(doctor, { to: 'closed', outcome: 'not_outbreak' });
    expect(noNote.json().error).toMatchObject({ code: 'validation.required', field: 'note' });
    expect((await step(doctor, { to: 'reported_to_cdc' })).statusCode).toBe(200);
    expect((await step(doctor, { to: 'acknowledged' })).statusCode).toBe(409);
    expect((await step(doctor, { to: 'closed', outcome: 'outbreak_confirmed', note: '疾控确认为流感聚集性疫情' })).json()).toMatchObject({ status: 'closed' });
    expect((await step(doctor, { to: 'investigating' })).json().error.code).toBe('alert.already_closed');

    const detail = (await doctor.get(`/api/alerts/${alert.id}`)).json();
    expect(detail.alert).toMatchObject({ status: 'closed', outcome: 'outbreak_confirmed', secondsToDeadline: null });
    expect(detail.events.filter((e: { action: string }) => e.action === 'status').map((e: { toStatus: string }) => e.toStatus)).toEqual(['acknowledged', 'investigating', 'reported_to_cdc', 'closed']);
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('object_type', '=', 'alert').where('object_id', '=', String(alert.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['alert.raise', 'alert.acknowledged', 'alert.investigating', 'alert.reported_to_cdc', 'alert.closed', 'alert.read']));

    // Scope: the Taikang officer cannot see it; the Jinshui officer can.
    expect((await (await login(env, 'taikang')).get(`/api/alerts/${alert.id}`)).statusCode).toBe(403);
    const list = (await (await login(env, 'county')).get('/api/alerts?status=closed')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toContain(alert.id);
    expect(list.countsByStatus.closed).toBeGreaterThanOrEqual(1);
  });

  it('escalates an unacknowledged alert school → county → city with the injected clock', async () => {
    env.clock.set('2026-12-07T01:00:00Z');
    await sickCheck(env.ctx, { schoolId: school, classId: cls, date: '2026-12-07', ill: students.slice(5, 8), symptoms: ['diarrhea', 'vomiting'] });
    const alert = (await alertsOf()).find((a) => a.status === 'new')!;
    expect(alert).toMatchObject({ escalation_level: 'school', syndrome: 'gastrointestinal', deadline: '24h' });
    // Sessions expire while the clock moves: log in afresh for each look.
    const countyNotes = async () => (await (await login(env, 'county')).get('/api/notifications')).json().items.filter((n: { alertId: number }) => n.alertId === alert.id);
    expect(await countyNotes()).toHaveLength(0);

    env.clock.advance(59 * 60_000);
    expect((await escalateOverdueAlerts(env.ctx)).escalated).toEqual([]);
    env.clock.advance(2 * 60_000);
    expect((await escalateOverdueAlerts(env.ctx)).escalated).toEqual([alert.id]);
    expect((await escalateOverdueAlerts(env.ctx)).escalated).toEqual([]);
    expect(await countyNotes()).toHaveLength(1);
    env.clock.advance(61 * 60_000);
    expect((await escalateOverdueAlerts(env.ctx)).escalated).toEqual([alert.id]);
    const row = await env.ctx.db.selectFrom('alerts').select(['escalation_level', 'status']).where('id', '=', alert.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ escalation_level: 'city', status: 'new' });
    env.clock.advance(600 * 60_000);
    expect((await escalateOverdueAlerts(env.ctx)).escalated).toEqual([]);
    const counts = (await (await login(env, 'county')).get('/api/alerts/counts')).json();
    expect(counts.byEscalation.city).toBeGreaterThanOrEqual(1);
    expect(counts.unacknowledged).toBeGreaterThanOrEqual(1);
  });

  it('validates rule sets on save, naming the field, and inherits them down the hierarchy', async () => {
    const city = await login(env, 'city');
    const bad = async (override: object) => (await city.request('PUT', '/api/alert-rules/410100', { override })).json().error;
    expect(await bad({ diseases: { plague: { enabled: true } } })).toMatchObject({ code: 'alert_rules.unknown_disease', field: 'override.diseases.plague' });
    expect(await bad({ cluster: { casesInDay: -1 } })).toMatchObject({ code: 'alert_rules.negative', field: 'override.cluster.casesInDay' });
    expect(await bad({ diseases: { influenza: { school: { report: -5 } } } })).toMatchObject({ code: 'alert_rules.negative', field: 'override.diseases.influenza.school.report' });
    expect(await bad({ clustr: {} })).toMatchObject({ code: 'validation.unknown_field', field: 'override.clustr' });
    // Wrong shapes are a 400 naming the part, not a 500.
    expect(await bad({ cluster: null })).toMatchObject({ field: expect.stringMatching(/^override\.cluster/) });
    expect(await bad({ cluster: { units: 'class' } })).toMatchObject({ field: expect.stringMatching(/^override\.cluster\.units/) });
    expect(await env.ctx.db.selectFrom('alert_rule_sets').selectAll().execute()).toEqual([]);

    const ok = await city.request('PUT', '/api/alert-rules/410100', { override: { cluster: { casesInDay: 4 } }, escalateAfterMinutes: 30 });
    expect(ok.statusCode).toBe(200);
    const county = await login(env, 'county');
    const inherited = (await county.get('/api/alert-rules/410105')).json();
    expect(inherited.effective.cluster.casesInDay).toBe(4);
    expect(inherited.effectiveEscalateAfterMinutes).toBe(30);
    expect(inherited.inherited.map((i: { regionCode: string }) => i.regionCode)).toEqual(['410100']);
    expect((await county.request('PUT', '/api/alert-rules/410100', { override: {} })).statusCode).toBe(403);
    expect((await county.request('PUT', '/api/alert-rules/410105', { override: { cluster: { casesInDay: 3 } } })).statusCode).toBe(200);
    expect((await county.get('/api/alert-rules/410105')).json().effective.cluster.casesInDay).toBe(3);
  });

  it('shows a person\'s alerts in the person file', async () => {
    const doctor = await login(env, 'doc');
    const file = (await doctor.get(`/api/people/${students[0]}`)).json();
    const section = file.sections.find((s: { key: string }) => s.key === 'alerts');
    expect(section.items.length).toBeGreaterThanOrEqual(1);
    expect(section.items[0]).toMatchObject({ rule: 'cluster-2006', schoolId: school });
  });

  it('leaves an open alert no signal can reach alone, and still grows it when one reaches it', async () => {
    // A class of its own, so that the clusters are this test's alone.
    const own = (await makeClass(env.ctx, { schoolId: school })).id;
    const kids: number[] = [];
    for (let i = 0; i < 6; i++) kids.push((await makeStudent(env.ctx, { classId: own })).id);
    const signal = (from: string, to: string, persons: number[]): AlertSignal => ({
      source: 'rule', rule: 'cluster', unitKind: 'class', unitId: String(own), schoolId: school, classId: own, regionCode: '410105',
      level: 'report', deadline: '24h', syndrome: 'respiratory', window: { from, to }, personIds: persons,
    });
    const merge = (...signals: AlertSignal[]) => inTransaction(env.ctx.db, (trx, afterCommit) => raiseOrMergeMany(trx, env.ctx.now(), signals, afterCommit));
    const alert = (id: number) => env.ctx.db.selectFrom('alerts').select(['window_from', 'window_to', 'version', 'case_count']).where('id', '=', id).executeTakeFirstOrThrow();
    env.clock.set('2026-11-30T01:00:00Z');
    const [early] = await merge(signal('2026-11-02', '2026-11-04', kids.slice(0, 3)));
    expect(early.created).toBe(true);
    const before = await alert(early.alertId);
    // Weeks later, the same cluster: a new alert; the early one is neither grown nor touched.
    const [late] = await merge(signal('2026-11-23', '2026-11-25', kids.slice(3, 6)));
    expect(late.created).toBe(true);
    expect(late.alertId).not.toBe(early.alertId);
    // Within MERGE_GAP_DAYS of the late alert: it grows, the early one stays as it was.
    const [next] = await merge(signal('2026-11-26', '2026-11-27', [kids[0]]));
    expect(next).toMatchObject({ alertId: late.alertId, created: false, grew: true });
    expect(await alert(early.alertId)).toEqual(before);
    expect(await alert(late.alertId)).toMatchObject({ window_from: '2026-11-23', window_to: '2026-11-27' });
    // A signal within reach of the early alert joins it, not the late one.
    const [back] = await merge(signal('2026-11-05', '2026-11-06', [kids[4]]));
    expect(back).toMatchObject({ alertId: early.alertId, created: false, grew: true });
    expect(await alert(early.alertId)).toMatchObject({ window_from: '2026-11-02', window_to: '2026-11-06', version: before.version + 1, case_count: 4 });
  });
});
