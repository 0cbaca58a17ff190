import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, TEST_PASSWORD } from '../harness/factories';

describe.each(databases())('login throttling under concurrency on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  const attempt = (username: string, password: string, remoteAddress: string) =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const tally = (codes: number[]) => ({ checked: codes.filter((c) => c === 401).length, throttled: codes.filter((c) => c === 429).length });

  it('30 parallel wrong passwords for one account reach the password check at most 5 times', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(acc.username, `wrong-password-${i}-xx`, '10.1.0.1')));
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ checked: 5, throttled: 25 });
    // The right password is refused too until the window passes.
    expect((await attempt(acc.username, TEST_PASSWORD, '10.1.0.2')).statusCode).toBe(429);
    env.clock.advance(16 * 60_000);
    expect((await attempt(acc.username, TEST_PASSWORD, '10.1.0.2')).statusCode).toBe(200);
  });

  it('30 parallel wrong passwords for different accounts from one address reach the check at most 20 times', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`nobody-${i}`, 'wrong-password-xx', '10.2.0.1')));
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ checked: 20, throttled: 10 });
  });

  it('a successful login counts as a success, not as a failure', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    for (let i = 0; i < 4; i++) expect((await attempt(acc.username, 'wrong-password-xx', '10.3.0.1')).statusCode).toBe(401);
    expect((await attempt(acc.username, TEST_PASSWORD, '10.3.0.1')).statusCode).toBe(200);
    expect((await attempt(acc.username, 'wrong-password-xx', '10.3.0.1')).statusCode).toBe(401);
    expect((await attempt(acc.username, TEST_PASSWORD, '10.3.0.1')).statusCode).toBe(429);
    const rows = await env.ctx.db.selectFrom('login_attempts').select('success').where('username', '=', acc.username).execute();
    expect(rows.filter((r) => r.success)).toHaveLength(1);
    expect(rows.filter((r) => !r.success)).toHaveLength(5);
  });

  it('a right password for a disabled account leaves no failure behind', async () => {
    const acc = await makeAccount(env.ctx, { role: 'auditor', regionCode: '410000' });
    await env.ctx.db.updateTable('accounts').set({ disabled_at: env.clock.now }).where('id', '=', acc.id).execute();
    expect((await attempt(acc.username, TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(403);
    expect(await env.ctx.db.selectFrom('login_attempts').select('id').where('username', '=', acc.username).execute()).toHaveLength(0);
  });
});
