import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, postgresAvailable, startCluster } from '../harness/postgres-cluster';
import { runCrashTrial } from './crash/trial';

/**
 * Durability (docs: shared/design/security.md): no acknowledged write is lost when the app or PostgreSQL
 * is killed with SIGKILL at random moments, with fsync=on and synchronous_commit=on; a retried
 * submission never counts twice. The same trial with synchronous_commit=off must find losses, or it
 * would prove nothing. Its own cluster, because it kills the server. CRASH_SEED reruns a failing trial.
 */
const SEED = Number(process.env.CRASH_SEED ?? 424242);

describe.skipIf(process.env.TEST_POSTGRES === 'off' || !postgresAvailable())('crash test: kill -9 of the app and of PostgreSQL', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ fsync: true });
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('keeps every acknowledged check and counts none twice (fsync=on, synchronous_commit=on)', async () => {
    const r = await runCrashTrial({ adminUrl: cluster.url, seed: SEED, synchronousCommit: 'on', faults: ['app', 'postgres'], classes: 12, clients: 6, timeLimitMs: 40_000 });
    console.log(`crash trial (seed ${SEED}, on): ${r.acknowledged}/${r.submitted} acknowledged, ${r.retries} retries, kills: ${r.kills.join('; ')}; last failure: ${r.lastFailure}`);
    expect(r.kills.length, 'every planned kill happened while checks were in flight').toBe(2);
    expect(r.acknowledged).toBe(r.submitted);
    expect(r.lost, `acknowledged checks missing (seed ${SEED})`).toEqual([]);
    expect(r.changed, `acknowledged checks stored differently (seed ${SEED})`).toEqual([]);
    expect(r.duplicates).toBe(0);
    expect(r.rollupMismatches, 'roll-ups differ from a recount of the raw checks').toBe(0);
  }, 120_000);

  it('finds the acknowledged checks PostgreSQL loses with synchronous_commit=off (the detector works)', async () => {
    const r = await runCrashTrial({ adminUrl: cluster.url, seed: SEED + 1, synchronousCommit: 'off', faults: ['postgres'], classes: 6, clients: 4, timeLimitMs: 30_000 });
    console.log(`crash trial (seed ${SEED + 1}, off): ${r.acknowledged}/${r.submitted} acknowledged, lost ${r.lost.length}: ${r.lost.slice(0, 3).join('; ')}; last failure: ${r.lastFailure}`);
    expect(r.kills).toHaveLength(1);
    expect(r.lost.length, 'with synchronous_commit=off a kill of PostgreSQL loses the last acknowledged commits').toBeGreaterThan(0);
  }, 120_000);
});
