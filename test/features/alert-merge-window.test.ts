import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { raiseOrMergeMany } from '../../src/features/alerts/check-merge';
import type { AlertSignal } from '../../src/features/alerts/queue';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeClass, makeSchool, makeStudent } from '../harness/factories';

describe.each(databases())('a drain merging signals into open alerts on %s', (kind) => {
  let env: TestEnv;
  let school: number;
  let cls: number;
  let students: number[];
  beforeAll(async () => {
    env = await createTestEnv(kind);
    school = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    cls = (await makeClass(env.ctx, { schoolId: school })).id;
    students = [];
    for (let i = 0; i < 6; i++) students.push((await makeStudent(env.ctx, { classId: cls })).id);
  }, 120_000);
  afterAll(() => env.close());

  const signal = (from: string, to: string, persons: number[]): AlertSignal => ({
    source: 'rule', rule: 'cluster', unitKind: 'class', unitId: String(cls), schoolId: school, classId: cls, regionCode: '410105',
    level: 'report', deadline: '24h', syndrome: 'respiratory', window: { from, to }, personIds: persons,
  });
  const merge = (...signals: AlertSignal[]) => inTransaction(env.ctx.db, (trx, afterCommit) => raiseOrMergeMany(trx, env.ctx.now(), signals, afterCommit));
  const alert = (id: number) => env.ctx.db.selectFrom('alerts').select(['window_from', 'window_to', 'version', 'case_count']).where('id', '=', id).executeTakeFirstOrThrow();

  it('leaves an open alert whose window no signal can reach alone, and still grows it when one reaches it', async () => {
    env.clock.set('2026-11-30T01:00:00Z');
    const [early] = await merge(signal('2026-11-02', '2026-11-04', students.slice(0, 3)));
    expect(early.created).toBe(true);
    const before = await alert(early.alertId);
    // Weeks later, the same cluster: a new alert; the early one is neither grown nor touched.
    const [late] = await merge(signal('2026-11-23', '2026-11-25', students.slice(3, 6)));
    expect(late.created).toBe(true);
    expect(late.alertId).not.toBe(early.alertId);
    // Within MERGE_GAP_DAYS of the late alert: it grows, the early one stays as it was.
    const [next] = await merge(signal('2026-11-26', '2026-11-27', [students[0]]));
    expect(next).toMatchObject({ alertId: late.alertId, created: false, grew: true });
    expect(await alert(early.alertId)).toEqual(before);
    expect(await alert(late.alertId)).toMatchObject({ window_from: '2026-11-23', window_to: '2026-11-27' });
    // A signal within reach of the early alert joins it, not the late one.
    const [back] = await merge(signal('2026-11-05', '2026-11-06', [students[4]]));
    expect(back).toMatchObject({ alertId: early.alertId, created: false, grew: true });
    expect(await alert(early.alertId)).toMatchObject({ window_from: '2026-11-02', window_to: '2026-11-06', version: before.version + 1, case_count: 4 });
  });
});
