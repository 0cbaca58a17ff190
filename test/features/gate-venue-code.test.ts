import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/**
 * The gate remembers a venue code whose signature checked out and keeps its row for a few seconds.
 * Neither may let a code through once it is revoked (on this instance: at once) or expired (by the
 * clock, on every scan).
 */
const PASS = { realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true };
let seq = 0;
const key = () => `venue-key-${Date.now()}-${++seq}`;

describe.each(databases())('venue codes at the gate after they were scanned, on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let personId: number;
  let admin: TestSession;
  let guardName: string;
  let adminName: string;
  const issue = async (validDays?: number) => {
    const id = (await admin.post('/api/venue-codes', { schoolId, kind: 'gate', name: `西门${++seq}`, ...(validDays ? { validDays } : {}) })).json().id as number;
    return { id, token: (await admin.get(`/api/venue-codes/${id}`)).json().token as string };
  };
  const enter = (guard: TestSession, venueToken: string) =>
    guard.post('/api/gate/entries', { venueToken, direction: 'in', subject: { personId }, checks: PASS, temperature: 36.5, idempotencyKey: key() });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx, { name: '场所码测试中学' })).id;
    personId = (await makeStudent(env.ctx, { classId: (await makeClass(env.ctx, { schoolId })).id })).id;
    adminName = (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username;
    admin = await login(env, adminName);
    guardName = (await makeAccount(env.ctx, { role: 'gate_guard', schoolId })).username;
  });
  afterAll(() => env.close());

  it('refuses a code revoked after it was scanned, at once', async () => {
    const guard = await login(env, guardName);
    const code = await issue();
    expect((await enter(guard, code.token)).json().decision).toBe('allow');
    expect((await enter(guard, code.token)).json().decision).toBe('allow');
    expect((await admin.post(`/api/venue-codes/${code.id}/revoke`, { reason: '二维码被替换' })).statusCode).toBe(200);
    const after = await enter(guard, code.token);
    expect(after.statusCode).toBe(400);
    expect(after.json().error).toMatchObject({ code: 'venue_code.revoked', field: 'venueToken' });
  });

  it('still refuses a tampered copy of a code it has seen', async () => {
    const guard = await login(env, guardName);
    const code = await issue();
    expect((await enter(guard, code.token)).json().decision).toBe('allow');
    const res = await enter(guard, `${code.token.slice(0, -3)}abc`);
    expect(res.json().error).toMatchObject({ code: 'venue_code.forged', field: 'venueToken' });
  });

  // Last: it moves the clock a day on.
  it('refuses a code that expires after it was scanned, by the clock', async () => {
    const code = await issue(1);
    expect((await enter(await login(env, guardName), code.token)).json().decision).toBe('allow');
    env.clock.advance(86_400_000 + 60_000);
    // Everyone's session has idled out meanwhile: new ones, at the new time.
    admin = await login(env, adminName);
    const res = await enter(await login(env, guardName), code.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'venue_code.expired', field: 'venueToken' });
    const fresh = await issue();
    expect((await enter(await login(env, guardName), fresh.token)).json().decision).toBe('allow');
  });
});
