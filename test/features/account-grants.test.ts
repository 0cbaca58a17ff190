import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

const PASSWORD = 'a perfectly fine passphrase';
let n = 0;
const username = (prefix: string) => `${prefix}${Date.now().toString(36)}${++n}`;

describe.each(databases())('account managers grant only what they hold, and set passwords only open the change, on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let otherSchool: number;
  let classId: number;
  let principal: TestSession;
  let sysadmin: TestSession;

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    otherSchool = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    await makeStudent(env.ctx, { classId });
    principal = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    sysadmin = await login(env, (await makeAccount(env.ctx, { role: 'sysadmin' })).username);
  });
  afterAll(() => env.close());

  const teacherBody = (extra: Record<string, unknown> = {}) => ({ username: username('t'), displayName: '新老师', password: PASSWORD, role: 'class_teacher', classId, ...extra });
  const denials = (action: string) =>
    env.ctx.db.selectFrom('audit_log').select(['object_id', 'detail']).where('action', '=', action).where('result', '=', 'denied').orderBy('id').execute();

  it('a principal without the unmask right cannot create an account with it: 403 naming canUnmask, audited, nothing created', async () => {
    const body = teacherBody({ canUnmask: true });
    const res = await principal.post('/api/accounts', body);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'account.right_not_held', field: 'canUnmask' });
    expect(await env.ctx.db.selectFrom('accounts').select('id').where('username', '=', body.username).executeTakeFirst()).toBeUndefined();
    expect((await denials('account.create')).find((r) => r.object_id === body.username)).toBeTruthy();
    // Without the right asked for, the same account is fine.
    const plain = await principal.post('/api/accounts', teacherBody());
    expect(plain.statusCode).toBe(200);
  });

  it('a principal who holds the unmask right, and the system administrator, may grant it', async () => {
    const holder = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId, canUnmask: true })).username);
    const a = teacherBody({ canUnmask: true });
    expect((await holder.post('/api/accounts', a)).statusCode).toBe(200);
    const b = { username: username('d'), displayName: '校医', password: PASSWORD, role: 'school_doctor', schoolId, canUnmask: true };
    expect((await sysadmin.post('/api/accounts', b)).statusCode).toBe(200);
    const rows = await env.ctx.db.selectFrom('accounts').select(['username', 'can_unmask']).where('username', 'in', [a.username, b.username]).execute();
    expect(rows.every((r) => r.can_unmask)).toBe(true);
  });

  it('a principal cannot create a role or a binding above the own reach, and the refusal is audited', async () => {
    const officer = await principal.post('/api/accounts', { username: username('o'), displayName: '区教育局', password: PASSWORD, role: 'county_officer', regionCode: '410105' });
    expect(officer.statusCode).toBe(403);
    expect(officer.json().error).toMatchObject({ code: 'account.role_not_assignable', field: 'role' });
    const peer = await principal.post('/api/accounts', { username: username('p'), displayName: '另一校长', password: PASSWORD, role: 'school_admin', schoolId });
    expect(peer.json().error).toMatchObject({ code: 'account.role_not_assignable', field: 'role' });
    const elsewhere = await principal.post('/api/accounts', { username: username('g'), displayName: '门卫', password: PASSWORD, role: 'gate_guard', schoolId: otherSchool });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'schoolId' });
    const fields = (await denials('account.create')).map((r) => (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail)?.field);
    expect(fields).toContain('role');
  });

  it('a principal cannot reset the password of an account that holds a right the principal lacks; the system administrator can', async () => {
    const doctor = await makeAccount(env.ctx, { role: 'school_doctor', schoolId, canUnmask: true });
    const refused = await principal.post(`/api/accounts/${doctor.id}/reset-password`, { newPassword: PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'account.holds_right_not_held', field: 'canUnmask' });
    expect((await denials('account.reset_password')).map((r) => r.object_id)).toContain(String(doctor.id));
    await login(env, doctor.username); // the password is unchanged
    expect((await sysadmin.post(`/api/accounts/${doctor.id}/reset-password`, { newPassword: PASSWORD })).statusCode).toBe(200);
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    expect((await principal.post(`/api/accounts/${teacher.id}/reset-password`, { newPassword: PASSWORD })).statusCode).toBe(200);
  });

  it('an account created by an administrator may only read /api/me, change the password and log out until it is changed', async () => {
    const body = teacherBody();
    expect((await principal.post('/api/accounts', body)).statusCode).toBe(200);
    const s = await login(env, body.username, PASSWORD);
    const me = await s.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().account.mustChangePassword).toBe(true);
    const people = await s.get('/api/people');
    expect(people.statusCode).toBe(403);
    expect(people.json().error.code).toBe('auth.password_change_required');
    const en = await s.request('GET', `/api/people?classId=${classId}`, undefined, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Change the password the administrator set before you continue');
    expect((await s.get('/api/me/second-factor')).statusCode).toBe(200);
    // Routes the role may not call at all answer the same, and writes too.
    expect((await s.get('/api/accounts')).json().error.code).toBe('auth.password_change_required');
    expect((await s.post('/api/notices', {})).json().error.code).toBe('auth.password_change_required');

    const changed = await s.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'my very own passphrase' });
    expect(changed.statusCode).toBe(200);
    expect((await s.get('/api/me')).json().account.mustChangePassword).toBe(false);
    expect((await s.get('/api/people')).statusCode).toBe(200);
  });

  it('a reset password also opens only the change; logging out still works', async () => {
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    const before = await login(env, teacher.username);
    expect((await before.get('/api/people')).statusCode).toBe(200);
    expect((await principal.post(`/api/accounts/${teacher.id}/reset-password`, { newPassword: PASSWORD })).statusCode).toBe(200);
    const s = await login(env, teacher.username, PASSWORD);
    const res = await s.get(`/api/people/export?classId=${classId}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.password_change_required');
    expect((await s.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await s.get('/api/me')).statusCode).toBe(401);
  });
});
