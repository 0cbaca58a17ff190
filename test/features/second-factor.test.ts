import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { requireTotpSetting } from '../../src/features/second-factor/policy';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeSchool, TEST_PASSWORD } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/** The code an authenticator app shows at a moment: computed here with otpauth, independent of the server's helpers. */
function codeAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at.getTime() });
}

const STEP = 30_000;

describe('REQUIRE_TOTP setting', () => {
  it('is on with PostgreSQL and off with the embedded database unless set', () => {
    expect(requireTotpSetting({}, 'postgres')).toBe(true);
    expect(requireTotpSetting({}, 'pglite')).toBe(false);
    expect(requireTotpSetting({ REQUIRE_TOTP: 'off' }, 'postgres')).toBe(false);
    expect(requireTotpSetting({ REQUIRE_TOTP: 'on' }, 'pglite')).toBe(true);
    expect(() => requireTotpSetting({ REQUIRE_TOTP: 'yes' }, 'pglite')).toThrow(/REQUIRE_TOTP/);
  });
});

describe.each(databases())('TOTP second factor on %s', (kind) => {
  let env: TestEnv;
  let strictApp: Awaited<ReturnType<typeof buildApp>>;
  let ipCounter = 0;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    // The same database with the requirement on, as in production.
    strictApp = await buildApp(env.ctx, { webDist: null, requireTotp: true });
  });
  afterAll(async () => {
    await strictApp.close();
    await env.close();
  });

  /** Each test's failures come from their own address, so the per-IP throttle of one does not reach another. */
  const freshIp = () => `10.77.0.${++ipCounter}`;

  const attempt = (username: string, totpCode?: string, remoteAddress = '127.0.0.1') =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD, ...(totpCode ? { totpCode } : {}) }, remoteAddress });

  /** Enrols through the API at the current clock; the clock then moves to the next step, as a user would wait for a new code. */
  async function enrol(s: TestSession) {
    const start = await s.post('/api/me/second-factor/enrol');
    expect(start.statusCode).toBe(200);
    const { secret, uri } = start.json() as { secret: string; uri: string };
    const confirm = await s.post('/api/me/second-factor/confirm', { totpCode: codeAt(secret, env.clock.now) });
    expect(confirm.statusCode).toBe(200);
    env.clock.advance(STEP);
    return { secret, uri, recoveryCodes: confirm.json().recoveryCodes as string[] };
  }

  async function auditActions(accountId: number) {
    const rows = await env.ctx.db.selectFrom('audit_log').select(['action', 'result', 'detail']).where('object_id', '=', String(accountId)).orderBy('id').execute();
    return rows.map((r) => ({ action: r.action, result: r.result, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }));
  }

  it('enrols: a secret once, active only after a current code, ten recovery codes, the secret sealed and never shown again', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const s = await login(env, acc.username);
    const other = await login(env, acc.username);
    expect((await s.get('/api/me/second-factor')).json()).toEqual({ active: false, pending: false, required: false, recoveryCodesLeft: 0 });

    const start = await s.post('/api/me/second-factor/enrol');
    const { secret, uri } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(new RegExp(`^otpauth://totp/CampusGuard:${acc.username}\\?`));
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect((await s.get('/api/me/second-factor')).json()).toMatchObject({ active: false, pending: true });
    // Not active yet: the password alone still logs in.
    expect((await attempt(acc.username)).statusCode).toBe(200);

    const wrong = await s.post('/api/me/second-factor/confirm', { totpCode: codeAt(secret, new Date(env.clock.now.getTime() + 5 * STEP)) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'auth.second_factor_invalid', field: 'totpCode' });

    const confirm = await s.post('/api/me/second-factor/confirm', { totpCode: codeAt(secret, env.clock.now) });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const status = await s.get('/api/me/second-factor');
    expect(status.json()).toEqual({ active: true, pending: false, required: false, recoveryCodesLeft: 10 });
    const me = await s.get('/api/me');
    expect(me.json().account.secondFactor).toEqual({ active: true, enrolmentRequired: false });
    for (const res of [status, me]) {
      expect(res.body).not.toContain(secret);
      for (const c of codes) expect(res.body).not.toContain(c);
    }
    // A second enrolment cannot replace the active one (nor reveal its secret).
    expect((await s.post('/api/me/second-factor/enrol')).statusCode).toBe(409);
    // The session that enabled it stays; the account's other sessions end.
    expect((await other.get('/api/me')).statusCode).toBe(401);

    const row = await env.ctx.db.selectFrom('account_second_factors').selectAll().where('account_id', '=', acc.id).executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret);
    expect(env.ctx.cipher.decrypt(row.secret_sealed)).toBe(secret);
    const hashes = await env.ctx.db.selectFrom('account_recovery_codes').select('code_hash').where('account_id', '=', acc.id).execute();
    expect(hashes).toHaveLength(10);
    for (const h of hashes) expect(codes.some((c) => h.code_hash.includes(c.replace('-', '')))).toBe(false);

    const audit = await auditActions(acc.id);
    expect(audit.map((a) => `${a.action}:${a.result}`)).toEqual(
      expect.arrayContaining(['auth.second_factor_enrol:ok', 'auth.second_factor_confirm:failed', 'auth.second_factor_confirm:ok']),
    );
  });

  it('asks for the code at login: without it 401 and no session, with it a session', async () => {
    const acc = await makeAccount(env.ctx, { role: 'school_doctor', schoolId: (await makeSchool(env.ctx)).id });
    const { secret } = await enrol(await login(env, acc.username));
    const sessionsBefore = await env.ctx.db.selectFrom('sessions').select('id').where('account_id', '=', acc.id).execute();

    const bare = await attempt(acc.username);
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error).toMatchObject({ code: 'auth.second_factor_required', field: 'totpCode' });
    expect(bare.cookies.find((c) => c.name === 'cg_session')).toBeUndefined();
    expect(await env.ctx.db.selectFrom('sessions').select('id').where('account_id', '=', acc.id).execute()).toHaveLength(sessionsBefore.length);
    // A wrong password is still just a wrong password, whatever the code.
    const badPassword = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: acc.username, password: 'wrong-password-x', totpCode: codeAt(secret, env.clock.now) }, remoteAddress: freshIp() });
    expect(badPassword.json().error.code).toBe('auth.invalid_credentials');

    const ok = await attempt(acc.username, codeAt(secret, env.clock.now));
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'cg_session')).toBeDefined();
    expect(ok.json().account.secondFactor).toEqual({ active: true, enrolmentRequired: false });
    const audit = await auditActions(acc.id);
    expect(audit.at(-1)).toMatchObject({ action: 'auth.login', result: 'ok', detail: { secondFactor: 'totp' } });
  });

  it('throttles wrong codes like wrong passwords: 5 in 15 minutes, then 429 even with the right code', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const { secret } = await enrol(await login(env, acc.username));
    const ip = freshIp();
    const wrong = codeAt(secret, new Date(env.clock.now.getTime() + 10 * STEP));
    for (let i = 0; i < 5; i++) {
      const res = await attempt(acc.username, wrong, ip);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'auth.second_factor_invalid', field: 'totpCode' });
    }
    const blocked = await attempt(acc.username, codeAt(secret, env.clock.now), ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.throttled');
    const failed = (await auditActions(acc.id)).filter((a) => a.action === 'auth.login' && a.result === 'failed');
    expect(failed).toHaveLength(5);
    expect(failed[0].detail).toEqual({ reason: 'second_factor_wrong_code' });
    env.clock.advance(16 * 60_000);
    expect((await attempt(acc.username, codeAt(secret, env.clock.now), ip)).statusCode).toBe(200);
  });

  it('accepts a code once: the same step again, or an earlier one, is refused', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const { secret } = await enrol(await login(env, acc.username));
    const code = codeAt(secret, env.clock.now);
    expect((await attempt(acc.username, code)).statusCode).toBe(200);
    const replay = await attempt(acc.username, code, freshIp());
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth.second_factor_invalid');
    // The previous step is within the drift allowed, but older than the step already used.
    const earlier = await attempt(acc.username, codeAt(secret, new Date(env.clock.now.getTime() - STEP)), freshIp());
    expect(earlier.statusCode).toBe(401);
    const failed = (await auditActions(acc.id)).filter((a) => a.result === 'failed');
    expect(failed.map((a) => a.detail)).toEqual([{ reason: 'second_factor_replayed' }, { reason: 'second_factor_replayed' }]);
    env.clock.advance(STEP);
    expect((await attempt(acc.username, codeAt(secret, env.clock.now))).statusCode).toBe(200);
  });

  it('allows one step of clock drift either way, not two', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const { secret } = await enrol(await login(env, acc.username));
    env.clock.advance(STEP); // so the step before this one is not the step the enrolment used
    const at = (steps: number) => codeAt(secret, new Date(env.clock.now.getTime() + steps * STEP));
    expect((await attempt(acc.username, at(-2), freshIp())).statusCode).toBe(401);
    expect((await attempt(acc.username, at(2), freshIp())).statusCode).toBe(401);
    // A phone 30 s slow, then (later steps only, as replay protection wants) one 30 s fast.
    expect((await attempt(acc.username, at(-1))).statusCode).toBe(200);
    expect((await attempt(acc.username, at(1))).statusCode).toBe(200);
  });

  it('takes a recovery code instead of a TOTP code, once', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const { recoveryCodes } = await enrol(await login(env, acc.username));
    const typed = recoveryCodes[3].toUpperCase().replace('-', ' ');
    const first = await attempt(acc.username, typed);
    expect(first.statusCode).toBe(200);
    const again = await attempt(acc.username, recoveryCodes[3], freshIp());
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth.second_factor_invalid');
    const s = await login(env, acc.username, TEST_PASSWORD).catch(() => null);
    expect(s).toBeNull(); // the harness login sends no code
    const res = await attempt(acc.username, recoveryCodes[4]);
    const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
    const status = await env.app.inject({ method: 'GET', url: '/api/me/second-factor', headers: { cookie: `cg_session=${cookie.value}` } });
    expect(status.json().recoveryCodesLeft).toBe(8);
    expect((await auditActions(acc.id)).filter((a) => a.action === 'auth.login' && a.result === 'ok').at(-1)?.detail).toEqual({ secondFactor: 'recovery_code' });
  });

  it('disables with the password and a current code; other sessions end; the password alone works again', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const { secret } = await enrol(await login(env, acc.username));
    const loginWithCode = async () => {
      const res = await attempt(acc.username, codeAt(secret, env.clock.now));
      expect(res.statusCode).toBe(200);
      env.clock.advance(STEP);
      const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
      const csrf = res.json().csrfToken as string;
      return (method: 'GET' | 'POST', url: string, payload?: object) =>
        env.app.inject({ method, url, payload, headers: { cookie: `cg_session=${cookie.value}`, 'x-csrf-token': csrf } });
    };
    const a = await loginWithCode();
    const b = await loginWithCode();

    const badPassword = await a('POST', '/api/me/second-factor/disable', { password: 'not-the-password', totpCode: codeAt(secret, env.clock.now) });
    expect(badPassword.statusCode).toBe(400);
    expect(badPassword.json().error).toMatchObject({ code: 'auth.wrong_password', field: 'password' });
    const badCode = await a('POST', '/api/me/second-factor/disable', { password: TEST_PASSWORD, totpCode: codeAt(secret, new Date(env.clock.now.getTime() + 9 * STEP)) });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.code).toBe('auth.second_factor_invalid');

    const off = await a('POST', '/api/me/second-factor/disable', { password: TEST_PASSWORD, totpCode: codeAt(secret, env.clock.now) });
    expect(off.statusCode).toBe(200);
    expect((await a('GET', '/api/me/second-factor')).json()).toMatchObject({ active: false, pending: false, recoveryCodesLeft: 0 });
    expect((await b('GET', '/api/me')).statusCode).toBe(401);
    expect((await attempt(acc.username)).statusCode).toBe(200);
    expect(await env.ctx.db.selectFrom('account_recovery_codes').select('id').where('account_id', '=', acc.id).execute()).toHaveLength(0);
    const audit = (await auditActions(acc.id)).filter((x) => x.action === 'auth.second_factor_disable');
    expect(audit.map((x) => x.result)).toEqual(['failed', 'failed', 'ok']);
  });

  it('lets an administrator reset another account’s factor (a lost phone), audited, ending its sessions', async () => {
    const school = await makeSchool(env.ctx);
    const acc = await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school.id });
    const s = await login(env, acc.username);
    await enrol(s);
    const admin = await login(env, (await makeAccount(env.ctx, { role: 'sysadmin' })).username);
    const reset = await admin.post(`/api/accounts/${acc.id}/second-factor/reset`);
    expect(reset.statusCode).toBe(200);
    expect((await s.get('/api/me')).statusCode).toBe(401);
    expect((await attempt(acc.username)).statusCode).toBe(200);
    const audit = (await auditActions(acc.id)).filter((a) => a.action === 'account.second_factor_reset');
    expect(audit).toEqual([{ action: 'account.second_factor_reset', result: 'ok', detail: { hadActiveFactor: true } }]);
    // One's own factor goes off with the password and a code, not by the session alone.
    const adminMe = (await admin.get('/api/me')).json();
    const self = await admin.post(`/api/accounts/${adminMe.account.id}/second-factor/reset`);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('auth.second_factor_reset_self');
    // A school administrator may reset only the school's own roles.
    const principal = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId: school.id })).username);
    expect((await principal.post(`/api/accounts/${acc.id}/second-factor/reset`)).statusCode).toBe(200);
    const officer = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' });
    expect((await principal.post(`/api/accounts/${officer.id}/second-factor/reset`)).statusCode).toBe(403);
  });

  it('with the requirement on, limits a bureau or administrator session without a factor to enrolment', async () => {
    const officer = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' });
    const s = await login({ app: strictApp }, officer.username);
    const me = await s.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().account.secondFactor).toEqual({ active: false, enrolmentRequired: true });
    const blocked = await s.get('/api/schools');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.second_factor_enrolment_required');
    expect((await s.post('/api/accounts/1/disable')).statusCode).toBe(403);
    expect((await s.get('/api/me/second-factor')).json()).toMatchObject({ active: false, required: true });

    const start = await s.post('/api/me/second-factor/enrol');
    const secret = start.json().secret as string;
    expect((await s.post('/api/me/second-factor/confirm', { totpCode: codeAt(secret, env.clock.now) })).statusCode).toBe(200);
    env.clock.advance(STEP);
    expect((await s.get('/api/schools')).statusCode).toBe(200);
    expect((await s.get('/api/me')).json().account.secondFactor).toEqual({ active: true, enrolmentRequired: false });
    // From now on the code is asked for at login, and a session with it is not limited.
    const bare = await strictApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer.username, password: TEST_PASSWORD } });
    expect(bare.json().error.code).toBe('auth.second_factor_required');
    const full = await strictApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer.username, password: TEST_PASSWORD, totpCode: codeAt(secret, env.clock.now) } });
    expect(full.json().account.secondFactor).toEqual({ active: true, enrolmentRequired: false });
    expect((await auditActions(officer.id)).find((a) => a.action === 'auth.login')?.detail).toEqual({ secondFactorEnrolmentRequired: true });
  });

  it('with the requirement on, leaves other roles alone; with it off, bureau accounts too', async () => {
    const school = await makeSchool(env.ctx);
    const doctor = await makeAccount(env.ctx, { role: 'school_doctor', schoolId: school.id });
    const d = await login({ app: strictApp }, doctor.username);
    expect((await d.get('/api/me')).json().account.secondFactor.enrolmentRequired).toBe(false);
    expect((await d.get(`/api/schools/${school.id}`)).statusCode).toBe(200);
    const admin = await makeAccount(env.ctx, { role: 'sysadmin' });
    const relaxed = await login(env, admin.username);
    expect((await relaxed.get('/api/accounts')).statusCode).toBe(200);
    const strict = await login({ app: strictApp }, admin.username);
    expect((await strict.get('/api/accounts')).json().error.code).toBe('auth.second_factor_enrolment_required');
  });

  it('with the requirement on, turning the factor off limits the session again', async () => {
    const officer = await makeAccount(env.ctx, { role: 'city_officer', regionCode: '410100' });
    const first = await login({ app: strictApp }, officer.username);
    const start = await first.post('/api/me/second-factor/enrol');
    const secret = start.json().secret as string;
    await first.post('/api/me/second-factor/confirm', { totpCode: codeAt(secret, env.clock.now) });
    env.clock.advance(STEP);
    expect((await first.get('/api/schools')).statusCode).toBe(200);
    const off = await first.post('/api/me/second-factor/disable', { password: TEST_PASSWORD, totpCode: codeAt(secret, env.clock.now) });
    expect(off.statusCode).toBe(200);
    expect((await first.get('/api/schools')).json().error.code).toBe('auth.second_factor_enrolment_required');
    expect((await first.get('/api/me')).json().account.secondFactor.enrolmentRequired).toBe(true);
  });
});
