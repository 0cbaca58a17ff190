import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../../test/harness/context';
import { runJobOnce, takeLease } from './scheduler';

describe.each(databases())('job leases on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('lets one instance hold a job at a time, and another take it once the lease expires', async () => {
    expect(await takeLease(env.ctx, 'scan', 'a', 60)).toBe(true);
    expect(await takeLease(env.ctx, 'scan', 'b', 60)).toBe(false);
    expect(await takeLease(env.ctx, 'scan', 'a', 60)).toBe(true);
    env.clock.advance(61_000);
    expect(await takeLease(env.ctx, 'scan', 'b', 60)).toBe(true);
  });

  it('runs a job once across two instances started together', async () => {
    let runs = 0;
    const job = { name: 'count', everyMs: 1000, run: async () => void runs++ };
    const results = await Promise.all([runJobOnce(env.ctx, job, 'x'), runJobOnce(env.ctx, job, 'y')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    const row = await env.ctx.db.selectFrom('job_leases').selectAll().where('name', '=', 'count').executeTakeFirstOrThrow();
    expect(row.last_error).toBeNull();
    expect(await runJobOnce(env.ctx, job, 'y')).toBe(false);
    env.clock.advance(1000);
    expect(await runJobOnce(env.ctx, job, 'y')).toBe(true);
    expect(runs).toBe(2);
  });
});
