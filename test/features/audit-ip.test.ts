import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool } from '../harness/factories';
import { login } from '../harness/session';

// Every audit row of a request carries the client address, including those written by shared helpers
// (scope refusals, reads) that are not handed the request.
describe.each(databases())('the client address on audit rows on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-16T00:30:00Z');
  });
  afterAll(() => env.close());

  it('is recorded on a scope refusal and on a read of a check form', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const own = (await makeClass(env.ctx, { schoolId })).id;
    const other = (await makeClass(env.ctx, { schoolId })).id;
    const account = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: own });
    const teacher = await login(env, account.username);
    expect((await teacher.get(`/api/checks/classes/${other}/form?date=2026-11-16&session=morning`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/checks/classes/${own}/form?date=2026-11-16&session=morning`)).statusCode).toBe(200);
    const rows = await env.ctx.db.selectFrom('audit_log').select(['action', 'result', 'ip']).where('actor_id', '=', account.id).where('action', 'in', ['access.denied', 'check.form']).execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['access.denied', 'check.form']);
    for (const r of rows) expect(r.ip).toBeTruthy();
  });
});
