import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../src/features/demo/seed';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { login } from '../harness/session';

// Time the response part of the demo on its own and print it (a figure to watch, not a timed assertion).
const timing = vi.hoisted(() => ({ ms: 0 }));
vi.mock('../../src/features/screening/demo', async (original) => {
  const real = await original<typeof import('../../src/features/screening/demo')>();
  return {
    seedResponseDemo: async (...args: Parameters<typeof real.seedResponseDemo>) => {
      const t = performance.now();
      await real.seedResponseDemo(...args);
      timing.ms = performance.now() - t;
    },
  };
});

describe.each(databases())('response demo data on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    await seedDemo(env.ctx, { scale: 'demo' });
  }, 120_000);
  afterAll(() => env.close());

  it('seeds a case with contacts, isolations of every kind, the 沁园 site, 邵原镇, leave, schedules and the May Day campaign, and a return to decide', async () => {
    expect(timing.ms).toBeGreaterThan(0);
    console.log(`response demo data on ${kind}: ${Math.round(timing.ms)} ms`);
    const password = (await import('../../src/features/demo/seed')).DEMO_PASSWORD;
    const teacher = await login(env, 'teacher', password);
    expect((await teacher.get('/api/leave?awaitingMe=true')).json().items).toHaveLength(1);
    const counts = await env.ctx.db.selectFrom('isolations').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    expect(Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)]))).toMatchObject({ home: expect.any(Number), on_campus: 1, site: expect.any(Number) });
    expect(await env.ctx.db.selectFrom('risk_areas').select('name').execute()).toEqual([{ name: '邵原镇' }]);
    const campaign = await env.ctx.db.selectFrom('screening_campaigns').select(['id', 'name']).executeTakeFirstOrThrow();
    expect(campaign.name).toBe('五一假期来济返济人员摸排');
    // A return from Jiyuan waits on the school doctor's re-entry worklist with its proposed test.
    const doctor = await login(env, 'doctor', password);
    const pending = (await doctor.get('/api/reentry/proposals')).json().items;
    expect(pending).toEqual([expect.objectContaining({ source: 'leave', proposal: { kind: 'tests', dates: [expect.any(String)] }, decision: null })]);
  });
});
