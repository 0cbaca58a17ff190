import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeStatusesForClass } from '../../src/features/leave/class-status';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

describe.each(databases())('leave requests, the named approval chain and the return check on %s', (kind) => {
  let env: TestEnv;
  let parent: TestSession;
  let teacher: TestSession;
  let principal: TestSession;
  let dean: TestSession;
  let doctor: TestSession;
  let county: TestSession;
  let schoolId: number;
  let classId: number;
  let child: number;
  let other: number;
  let staff: number;
  const accounts: Record<string, { id: number; username: string }> = {};
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2022-04-28T01:00:00Z');
    schoolId = (await makeSchool(env.ctx, { regionCode: '419001' })).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    child = (await makeStudent(env.ctx, { classId })).id;
    other = (await makeStudent(env.ctx, { classId })).id;
    staff = (await makeStaff(env.ctx, { schoolId })).id;
    accounts.parent = await makeAccount(env.ctx, { role: 'parent', childIds: [child] });
    accounts.teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    accounts.principal = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    accounts.dean = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    accounts.doctor = await makeAccount(env.ctx, { role: 'school_doctor', schoolId });
    accounts.county = await makeAccount(env.ctx, { role: 'province_officer', regionCode: '410000' });
    [parent, teacher, principal, dean, doctor, county] = await Promise.all(['parent', 'teacher', 'principal', 'dean', 'doctor', 'county'].map((k) => login(env, accounts[k].username)));
  }, 60_000);
  afterAll(() => env.close());

  it('refuses a request before the school has approvers for staff, then builds the chain from the class teacher and the thresholds', async () => {
    const none = await doctor.post('/api/leave', { personId: staff, fromDate: '2022-04-29', toDate: '2022-04-29', reason: '家中有事', destination: '济源市区' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.field).toBe('personId');
    const set = await principal.request('PUT', `/api/schools/${schoolId}/leave-approvers`, { steps: [{ accountId: accounts.dean.id, label: '教务主任', moreThanDays: 0 }, { accountId: accounts.principal.id, label: '校长', moreThanDays: 3 }] });
    expect(set.statusCode, set.body).toBe(200);
    const bad = await principal.request('PUT', `/api/schools/${schoolId}/leave-approvers`, { steps: [{ accountId: accounts.county.id, label: '局长', moreThanDays: 0 }] });
    expect(bad.json().error.field).toBe('steps.0.accountId');

    const short = await parent.post('/api/leave', { personId: child, fromDate: '2022-04-29', toDate: '2022-04-29', reason: '看牙医', destination: '济源市人民医院' });
    expect(short.statusCode, short.body).toBe(200);
    expect(short.json().chain.map((s: { label: string }) => s.label)).toEqual(['班主任', '教务主任']);
    const long = await parent.post('/api/leave', { personId: child, fromDate: '2022-04-30', toDate: '2022-05-04', reason: '五一回老家', destination: '郑州市中原区', destinationRegionCode: '410102', idempotencyKey: 'mayday-child-1' });
    expect(long.json().chain.map((s: { name: string }) => s.name)).toEqual([accounts.teacher.username, accounts.dean.username, accounts.principal.username]);
    // a retried submission returns the first request
    const again = await parent.post('/api/leave', { personId: child, fromDate: '2022-04-30', toDate: '2022-05-04', reason: '五一回老家', destination: '郑州市中原区', destinationRegionCode: '410102', idempotencyKey: 'mayday-child-1' });
    expect(again.json().id).toBe(long.json().id);
    expect(await env.ctx.db.selectFrom('leave_requests').select('id').where('person_id', '=', child).execute()).toHaveLength(2);
  });

  it('refuses bad input naming the field, and a parent for someone else\'s child', async () => {
    const cases: [object, string][] = [
      [{ personId: child, fromDate: '2022-05-10', toDate: '2022-05-09', reason: '事假', destination: '家' }, 'toDate'],
      [{ personId: child, fromDate: '2022-04-30', toDate: '2022-05-01', reason: '事假', destination: '家' }, 'fromDate'],
      [{ personId: child, fromDate: '2022-05-10', toDate: '2022-05-11', reason: '事假', destination: '家', destinationRegionCode: '999999' }, 'destinationRegionCode'],
      [{ personId: child, fromDate: '2022-05-10', toDate: '2022-05-11', reason: '事假', destination: '家', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await parent.post('/api/leave', body);
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.json().error.field).toBe(field);
    }
    expect((await parent.post('/api/leave', { personId: other, fromDate: '2022-05-10', toDate: '2022-05-10', reason: '事假', destination: '家' })).statusCode).toBe(403);
    expect(await env.ctx.db.selectFrom('leave_requests').select('id').where('person_id', '=', child).execute()).toHaveLength(2);
  });

  it('lets only the named approvers decide, in turn; approved leave shows in the class check', async () => {
    const list = (await teacher.get('/api/leave?awaitingMe=true')).json().items;
    expect(list).toHaveLength(2);
    const long = list.find((l: { days: number }) => l.days === 5);
    const outsider = await doctor.post(`/api/leave/${long.id}/decision`, { decision: 'approved' });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error.field).toBe('approver');
    const early = await principal.post(`/api/leave/${long.id}/decision`, { decision: 'approved' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.field).toBe('approver');
    const raw = await env.ctx.db.selectFrom('leave_requests').select(['step', 'status']).where('id', '=', long.id).executeTakeFirstOrThrow();
    expect(raw).toEqual({ step: 0, status: 'pending' });
    for (let i = 0; i < 2; i++) expect((await teacher.post(`/api/leave/${long.id}/decision`, { decision: 'approved' })).statusCode).toBe(200);
    expect((await env.ctx.db.selectFrom('leave_requests').select('step').where('id', '=', long.id).executeTakeFirstOrThrow()).step).toBe(1);
    expect((await dean.post(`/api/leave/${long.id}/decision`, { decision: 'approved' })).statusCode).toBe(200);
    const done = await principal.post(`/api/leave/${long.id}/decision`, { decision: 'approved', note: '注意返程报备' });
    expect(done.json()).toMatchObject({ status: 'approved', nextApprover: null, can: { return: true } });
    expect(done.json().chain.map((s: { decision: string; name: string }) => `${s.name}:${s.decision}`)).toEqual([`${accounts.teacher.username}:approved`, `${accounts.dean.username}:approved`, `${accounts.principal.username}:approved`]);

    expect(await activeStatusesForClass(env.ctx.db, classId, '2022-05-02')).toEqual([{ personId: child, status: 'on_leave', detail: '郑州市中原区', from: '2022-04-30', to: '2022-05-04' }]);
    expect(await activeStatusesForClass(env.ctx.db, classId, '2022-05-05')).toEqual([]);
    const short = list.find((l: { days: number }) => l.days === 1);
    expect((await teacher.post(`/api/leave/${short.id}/decision`, { decision: 'rejected', note: '请改期' })).json().status).toBe('rejected');
    expect((await dean.post(`/api/leave/${short.id}/decision`, { decision: 'approved' })).statusCode).toBe(409);
  });

  it('on return checks the stay against risk areas and proposes the policy\'s isolation and tests', async () => {
    expect((await county.post('/api/risk-areas', { regionCode: '410102', name: '中原区', level: 'controlled', startsOn: '2022-05-01' })).statusCode).toBe(200);
    env.clock.set('2022-05-05T01:00:00Z');
    [parent, teacher] = await Promise.all([login(env, accounts.parent.username), login(env, accounts.teacher.username)]);
    const id = (await parent.get('/api/leave?status=approved')).json().items[0].id;
    const future = await parent.post(`/api/leave/${id}/return`, { returnedOn: '2022-05-06' });
    expect(future.json().error.field).toBe('returnedOn');
    const ret = await parent.post(`/api/leave/${id}/return`, { returnedOn: '2022-05-04', travel: [{ regionCode: '410105', place: '郑州市金水区', fromDate: '2022-05-02', toDate: '2022-05-02' }] });
    expect(ret.statusCode, ret.body).toBe(200);
    const check = ret.json().returnCheck;
    expect(check).toMatchObject({ fromElsewhere: true, clear: false, riskAreas: [{ name: '中原区', level: 'controlled' }], policyVersion: 1 });
    expect(check.proposals).toEqual([{ kind: 'isolation', role: 'risk_area', isolationKind: 'home', startsOn: '2022-05-04', plannedEnd: '2022-05-10', testDates: ['2022-05-04', '2022-05-07', '2022-05-10'] }]);
    expect((await teacher.get(`/api/people/${child}/risk`)).json().status).toBe('yellow');
    // a repeated return adds no second set of travel records
    expect((await parent.post(`/api/leave/${id}/return`, { returnedOn: '2022-05-04' })).json().status).toBe('returned');
    expect(await env.ctx.db.selectFrom('travel_records').select('id').where('leave_id', '=', id).execute()).toHaveLength(2);
    expect(await activeStatusesForClass(env.ctx.db, classId, '2022-05-04')).toEqual([]);
  });
});
