import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool } from '../harness/factories';
import { login } from '../harness/session';

describe.each(databases())('authentication and sessions on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('logs in, answers /api/me with permissions, and logs out', async () => {
    const school = await makeSchool(env.ctx);
    const cls = await makeClass(env.ctx, { schoolId: school.id });
    const acc = await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school.id, classId: cls.id });
    const s = await login(env, acc.username);
    const me = await s.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().account.scope).toEqual({ kind: 'class', schoolId: school.id, classId: cls.id });
    expect(me.json().permissions).toContain('person.read');
    expect(me.json().permissions).not.toContain('audit.read');
    expect((await s.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await s.get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.session_expired');
  });

  it('sets an HttpOnly SameSite=Lax cookie and security headers', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: acc.username, password: acc.password } });
    const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('rotates the session at every login', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const a = await login(env, acc.username);
    const b = await login(env, acc.username);
    expect(a.cookie).not.toBe(b.cookie);
  });

  it('refuses a wrong password in the caller language and throttles after 5 failures with 429', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const attempt = (lang = 'zh-CN') =>
      env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: acc.username, password: 'wrong-password-x' }, headers: { 'accept-language': lang }, remoteAddress: '10.9.9.9' });
    const first = await attempt();
    expect(first.statusCode).toBe(401);
    expect(first.json().error.message).toBe('用户名或密码错误');
    expect((await attempt('en')).json().error.message).toBe('Wrong username or password');
    for (let i = 0; i < 3; i++) await attempt();
    const blocked = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: acc.username, password: acc.password } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.throttled');
  });

  it('rejects a state change without the CSRF token', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const s = await login(env, acc.username);
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('error.csrf');
  });

  it('expires an idle session and a session past its absolute lifetime', async () => {
    const acc = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' });
    const s = await login(env, acc.username);
    env.clock.advance(14 * 60_000);
    expect((await s.get('/api/me')).statusCode).toBe(200);
    env.clock.advance(16 * 60_000); // bureau roles: 15 minutes idle
    expect((await s.get('/api/me')).statusCode).toBe(401);
    const s2 = await login(env, acc.username);
    for (let i = 0; i < 13; i++) {
      env.clock.advance(3600_000 - 60_000 * 50);
      await s2.get('/api/me');
    }
    env.clock.advance(12 * 3600_000);
    expect((await s2.get('/api/me')).statusCode).toBe(401);
  });

  it('password change enforces the policy and revokes other sessions', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const a = await login(env, acc.username);
    const b = await login(env, acc.username);
    const weak = await a.post('/api/me/password', { currentPassword: acc.password, newPassword: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'auth.password_common', field: 'newPassword' });
    const ok = await a.post('/api/me/password', { currentPassword: acc.password, newPassword: 'a much better passphrase' });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    await login(env, acc.username, 'a much better passphrase');
  });

  it('writes audit rows for logins, and the log refuses updates and deletes', async () => {
    const count = await env.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    expect(count.n).toBeGreaterThan(3);
    await expect(sql`update audit_log set action = 'x'`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    const auditor = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const s = await login(env, auditor.username);
    const verify = await s.get('/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('answers validation errors naming the field, and rejects unknown fields', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation.required', field: 'password', message: '缺少必填字段：密码' });
    const extra = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y', role: 'sysadmin' } });
    expect(extra.json().error).toMatchObject({ code: 'validation.unknown_field', field: 'role' });
  });

  it('reports health and the database kind', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: kind });
  });
});
