import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount } from '../harness/factories';
import { login } from '../harness/session';
import { governanceWorld, type GovernanceWorld } from './governance-fixture';

// The test clock stands at 2026-11-30T01:00Z (09:00 in Shanghai).
describe.each(databases())('task forces and duty rosters on %s', (kind) => {
  let env: TestEnv;
  let w: GovernanceWorld;
  let tf: number;
  let officer2: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    w = await governanceWorld(env);
    officer2 = (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).id;
  });
  afterAll(() => env.close());

  it('creates a task force with remit, discipline document and members of its area', async () => {
    const made = await w.county.s.post('/api/taskforces', { regionCode: '410105', name: '金水区疫情防控应急专班', remit: '统筹全区学校疫情防控', discipline: '一、24 小时值班，手机保持畅通。\n二、信息报送不得迟报、漏报、瞒报。' });
    expect(made.statusCode, made.body).toBe(200);
    tf = made.json().id;
    expect((await w.county.s.post('/api/taskforces', { name: '无处', remit: '无处专班' })).json().error).toMatchObject({ code: 'taskforce.place_required', field: 'regionCode' });
    expect((await w.county.s.post('/api/taskforces', { regionCode: '410102', name: '越界', remit: '越界专班' })).statusCode).toBe(403);
    for (const accountId of [w.county.id, officer2]) expect((await w.county.s.post(`/api/taskforces/${tf}/members`, { accountId, duty: '值班长', phone: '13800000000' })).statusCode).toBe(200);
    expect((await w.county.s.post(`/api/taskforces/${tf}/members`, { accountId: w.county.id, duty: '重复' })).json().error.code).toBe('taskforce.member_duplicate');
    const outsider = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410102' });
    expect((await w.county.s.post(`/api/taskforces/${tf}/members`, { accountId: outsider.id, duty: '越界' })).json().error).toMatchObject({ code: 'taskforce.member_account_invalid', field: 'accountId' });
    expect((await w.county.s.post(`/api/taskforces/${tf}/members`, { name: '李医生', duty: '医疗联络', phone: '13900000000' })).statusCode).toBe(200);
    const detail = (await w.county.s.get(`/api/taskforces/${tf}`)).json();
    expect(detail.members).toHaveLength(3);
    expect(detail.discipline).toContain('瞒报');
    expect((await w.principal.s.get(`/api/taskforces/${tf}`)).statusCode).toBe(404);
  });

  it('refuses overlapping shifts for one person, writing nothing; adjacent shifts and retries are fine', async () => {
    const day = [
      { accountId: w.county.id, startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-11-30T08:00:00Z', post: '白班' },
      { accountId: officer2, startsAt: '2026-11-30T08:00:00Z', endsAt: '2026-11-30T16:00:00Z', post: '晚班' },
      { accountId: w.county.id, startsAt: '2026-11-30T16:00:00Z', endsAt: '2026-12-01T00:00:00Z', post: '夜班' },
    ];
    expect((await w.county.s.post(`/api/taskforces/${tf}/shifts`, { shifts: day })).json()).toMatchObject({ added: 3 });
    expect((await w.county.s.post(`/api/taskforces/${tf}/shifts`, { shifts: day })).json()).toMatchObject({ added: 0 });
    const before = (await env.ctx.db.selectFrom('duty_shifts').select('id').execute()).length;
    const clash = await w.county.s.post(`/api/taskforces/${tf}/shifts`, { shifts: [{ accountId: officer2, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-01T04:00:00Z' }, { accountId: w.county.id, startsAt: '2026-11-30T06:00:00Z', endsAt: '2026-11-30T10:00:00Z' }] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'duty.shift_overlap', field: 'shifts/1/startsAt' });
    const inside = await w.county.s.post(`/api/taskforces/${tf}/shifts`, { shifts: [{ accountId: officer2, startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-02T05:00:00Z' }, { accountId: officer2, startsAt: '2026-12-02T04:00:00Z', endsAt: '2026-12-02T09:00:00Z' }] });
    expect(inside.json().error).toMatchObject({ code: 'duty.shift_overlap_in_request', field: 'shifts/1/startsAt', message: '与本次提交的第 1 个班次是同一人且时间重叠：班次第 2 项 › 开始时间' });
    const backwards = await w.county.s.post(`/api/taskforces/${tf}/shifts`, { shifts: [{ accountId: officer2, startsAt: '2026-12-03T08:00:00Z', endsAt: '2026-12-03T07:00:00Z' }] });
    expect(backwards.json().error).toMatchObject({ code: 'duty.shift_end_before_start', field: 'shifts/0/endsAt' });
    const stranger = await w.county.s.post(`/api/taskforces/${tf}/shifts`, { shifts: [{ accountId: w.city.id, startsAt: '2026-12-03T08:00:00Z', endsAt: '2026-12-03T09:00:00Z' }] });
    expect(stranger.json().error).toMatchObject({ code: 'duty.shift_not_member', field: 'shifts/0/accountId' });
    expect((await env.ctx.db.selectFrom('duty_shifts').select('id').execute()).length).toBe(before);
  });

  it('refuses a shift overlapping the same person’s shift in another task force', async () => {
    const other = (await w.county.s.post('/api/taskforces', { regionCode: '410105', name: '物资保障专班', remit: '防疫物资' })).json().id;
    await w.county.s.post(`/api/taskforces/${other}/members`, { accountId: w.county.id, duty: '成员' });
    const res = await w.county.s.post(`/api/taskforces/${other}/shifts`, { shifts: [{ accountId: w.county.id, startsAt: '2026-11-30T07:00:00Z', endsAt: '2026-11-30T09:00:00Z' }] });
    expect(res.json().error).toMatchObject({ code: 'duty.shift_overlap', field: 'shifts/0/startsAt' });
    // The other shift is named in Beijing time (stored 00:00Z–08:00Z), not as a UTC instant.
    expect(res.json().error.message).toBe('与同一人在“金水区疫情防控应急专班”2026-11-30 08:00–16:00（北京时间）的班次重叠：班次第 1 项 › 开始时间');
  });

  it('lists today’s duty officers and shows the one on duty now on the bureau dashboard', async () => {
    const today = (await w.county.s.get('/api/duty/today')).json();
    expect(today.date).toBe('2026-11-30');
    // The night shift starts at 00:00 on 1 December in Shanghai: it belongs to tomorrow's list.
    expect(today.items.map((i: { post: string }) => i.post)).toEqual(['白班', '晚班']);
    expect((await w.county.s.get('/api/duty/today?date=2026-12-01')).json().items.map((i: { post: string }) => i.post)).toEqual(['夜班']);
    expect(today.items[0]).toMatchObject({ onDutyNow: true, phone: '13800000000' });
    const dash = (await w.county.s.get('/api/governance/dashboard')).json();
    expect(dash.dutyOfficers).toEqual([expect.objectContaining({ post: '白班', taskForce: '金水区疫情防控应急专班' })]);
    expect((await w.city.s.get('/api/taskforces?regionCode=410105')).json().items).toHaveLength(2);
    expect((await w.principal.s.get('/api/taskforces')).json().items).toHaveLength(0);
  });

  it('keeps a school’s own task force visible to the school and updates the discipline document', async () => {
    const own = await w.principal.s.post('/api/taskforces', { schoolId: w.schoolId, name: '校园防控专班', remit: '校内防控' });
    expect(own.statusCode, own.body).toBe(200);
    expect((await w.principal.s.post('/api/taskforces', { regionCode: '410105', name: '越权', remit: '区级专班' })).json().error.code).toBe('taskforce.place_required');
    expect((await w.principal.s.request('PUT', `/api/taskforces/${own.json().id}`, { discipline: '七条纪律' })).statusCode).toBe(200);
    expect((await w.principal.s.get(`/api/taskforces/${own.json().id}`)).json().discipline).toBe('七条纪律');
    const relogged = await login(env, (await env.ctx.db.selectFrom('accounts').select('username').where('id', '=', w.county.id).executeTakeFirstOrThrow()).username);
    expect((await relogged.get('/api/taskforces')).json().items).toHaveLength(3);
  });
});
