import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../src/features/demo/seed';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { login } from '../harness/session';

// Time the governance part of the demo on its own and print it (a figure to watch, not a timed assertion).
const timing = vi.hoisted(() => ({ ms: 0 }));
vi.mock('../../src/features/plans/governance-demo', async (original) => {
  const real = await original<typeof import('../../src/features/plans/governance-demo')>();
  return {
    seedGovernanceDemo: async (ctx: Parameters<typeof real.seedGovernanceDemo>[0]) => {
      const t = performance.now();
      await real.seedGovernanceDemo(ctx);
      timing.ms = performance.now() - t;
    },
  };
});

/** The demo's governance data: a performed weekly draw, a covert visit with a finding, today's duty, plans. */
describe.each(databases())('governance demo data on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    await seedDemo(env.ctx, { scale: 'demo' });
  }, 120_000);
  afterAll(() => env.close());

  it('shows the county officer a performed draw, an open finding, today’s duty officer and plans', async () => {
    const password = (await import('../../src/features/demo/seed')).DEMO_PASSWORD;
    const county = await login(env, 'jinshui', password);
    const findings = (await county.get('/api/findings')).json().items;
    expect(findings).toEqual([expect.objectContaining({ title: '通风消毒记录不全', status: 'open', source: 'inspection' })]);
    const city = await login(env, 'zhengzhou', password);
    expect((await city.get('/api/draws')).json().items[0]).toMatchObject({ kind: 'weekly_spot_check', status: 'revealed', count: 6 });
    const dash = (await county.get('/api/governance/dashboard')).json();
    expect(dash.dutyOfficers).toHaveLength(1);
    expect(dash.figures.find((f: { key: string }) => f.key === 'students').value).toBeGreaterThan(0);
    const principal = await login(env, 'principal', password);
    expect((await principal.get('/api/plans')).json().items).toHaveLength(1);
    // The planned covert visit stays hidden from the school; the completed one is visible.
    expect((await principal.get('/api/inspections')).json().items.filter((i: { method: string }) => i.method === 'covert')).toHaveLength(1);
    expect((await county.get('/api/inspections')).json().items.filter((i: { method: string }) => i.method === 'covert')).toHaveLength(2);
    expect(timing.ms).toBeGreaterThan(0);
    console.log(`governance demo data on ${kind}: ${Math.round(timing.ms)} ms`);
  });
});
