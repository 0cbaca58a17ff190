import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditLog } from '../../src/features/audit/seal';
import { verifyAuditChain } from '../../src/features/audit/verify-chain';
import { buildApp } from '../../src/http/app';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool } from '../harness/factories';
import { login } from '../harness/session';

// The two foundation changes made for the class-check peak: sessions cached for a few seconds, and
// the audit chain sealed after commit instead of under a lock held through every audited commit.
describe.each(databases())('request path on %s', (kind) => {
  let env: TestEnv;
  let cached: Awaited<ReturnType<typeof buildApp>>;
  let teacher = '';

  beforeAll(async () => {
    env = await createTestEnv(kind);
    const school = await makeSchool(env.ctx);
    const cls = await makeClass(env.ctx, { schoolId: school.id });
    teacher = (await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school.id, classId: cls.id })).username;
    cached = await buildApp(env.ctx, { webDist: null, sessionCacheMs: 300 });
  });
  afterAll(async () => {
    await cached.close();
    await env.close();
  });

  it('ends a cached session at logout at once, and one revoked in the database within the cache time', async () => {
    const a = await login({ app: cached }, teacher);
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect((await a.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    expect((await a.get('/api/me')).statusCode).toBe(401);

    const b = await login({ app: cached }, teacher);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    await sql`update sessions set revoked_at = now() where revoked_at is null`.execute(env.ctx.db);
    await new Promise((r) => setTimeout(r, 350));
    expect((await b.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses unknown query parameters on a route that takes none, naming the parameter', async () => {
    const s = await login(env, teacher);
    const res = await s.get('/api/me?debug=1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('debug');
    expect((await s.get('/api/me')).statusCode).toBe(200);
  });

  it('still applies the idle limit to a cached session', async () => {
    const s = await login({ app: cached }, teacher);
    expect((await s.get('/api/me')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    expect((await s.get('/api/me')).statusCode).toBe(401);
  });

  it('writes audit rows unsealed, seals them in order, and keeps them append-only', async () => {
    await login(env, teacher);
    const pending = await sql<{ n: number }>`select count(*)::int as n from audit_log where seq is null`.execute(env.ctx.db);
    expect(Number(pending.rows[0].n)).toBeGreaterThan(0);
    await expect(sql`insert into audit_log (action, result, seq, hash) values ('forged', 'ok', 999999, 'x')`.execute(env.ctx.db)).resolves.toBeDefined();
    const forged = await sql<{ seq: number | null }>`select seq from audit_log where action = 'forged'`.execute(env.ctx.db);
    expect(forged.rows[0].seq).toBeNull();
    await expect(sql`update audit_log set seq = 1, hash = 'x' where seq is null`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    expect(await sealAuditLog(env.ctx.db)).toBeGreaterThan(0);
    expect(await sealAuditLog(env.ctx.db)).toBe(0);
    await expect(sql`update audit_log set action = 'x'`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await login(env, teacher);
    const result = await verifyAuditChain(env.ctx.db);
    expect(result.ok).toBe(true);
    const left = await sql<{ n: number }>`select count(*)::int as n from audit_log where seq is null`.execute(env.ctx.db);
    expect(Number(left.rows[0].n)).toBe(0);
    const seqs = await sql<{ seq: number }>`select seq from audit_log order by seq`.execute(env.ctx.db);
    expect(seqs.rows.map((r) => Number(r.seq))).toEqual(seqs.rows.map((_, i) => i + 1));
  });
});
