import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/scope';
import { rebuildRollups } from '../../src/features/dashboards/rebuild';
import { type SubmitInput, submitCheck } from '../../src/features/checks/service';
import { actorFor } from '../../src/http/session';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';

// The group commit (src/features/checks/batch.ts) writes the first submissions that arrive together
// in one statement that commits on its own. Submissions started in the same tick land in one batch;
// a member that cannot be written as a first submission must fail the statement as a whole, so that
// nothing of the others is written twice or half.
const MONDAY = '2026-11-30';
const FRIDAY = '2026-11-27';
const THURSDAY = '2026-11-26';

describe.each(databases())('class checks written together on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  const classes: Array<{ id: number; students: number[]; actor: Actor }> = [];
  let n = 0;
  const key = () => `batch-${kind}-${++n}`;
  const ill = (personId: number) => ({ personId, status: 'absent_ill' as const, symptoms: ['fever'], temperature: 38.4 });
  const submit = (c: (typeof classes)[number], body: SubmitInput, k = key()) => submitCheck(env.ctx, c.actor, { kind: 'class', classId: c.id }, body, k);
  const count = async (table: 'class_checks' | 'check_exceptions' | 'check_rule_queue', date: string) =>
    Number((await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('check_date', '=', date).executeTakeFirstOrThrow()).n);
  const keys = async () => Number((await env.ctx.db.selectFrom('check_idempotency').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const audited = async (date: string) =>
    Number((await env.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'check.submit').where('detail', '@>', JSON.stringify({ date }) as never).executeTakeFirstOrThrow()).n);
  const rollupsAgree = async (date: string) => {
    const report = await rebuildRollups(env.ctx.db, date, date, false);
    expect(report.mismatched).toEqual([]);
    expect(report.regionMismatched).toBe(0);
  };

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-30T00:30:00Z');
    schoolId = (await makeSchool(env.ctx)).id;
    for (let c = 0; c < 3; c++) {
      const id = (await makeClass(env.ctx, { schoolId })).id;
      const students: number[] = [];
      for (let i = 0; i < 4; i++) students.push((await makeStudent(env.ctx, { classId: id })).id);
      const account = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: id });
      const row = await env.ctx.db.selectFrom('accounts').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
      classes.push({ id, students, actor: await actorFor(env.ctx.db, row) });
    }
  }, 120_000);
  afterAll(() => env.close());

  it('writes the members of one batch once each; the same check twice gets one write and one version conflict', async () => {
    const [a, b] = classes;
    const results = await Promise.allSettled([
      submit(a, { date: MONDAY, session: 'morning', exceptions: [ill(a.students[0])] }),
      submit(b, { date: MONDAY, session: 'morning', exceptions: [ill(b.students[0]), ill(b.students[1])] }),
      submit(a, { date: MONDAY, session: 'morning', exceptions: [ill(a.students[1])] }),
    ]);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? 200 : (r.reason as { status?: number }).status));
    expect(statuses[1]).toBe(200);
    expect([statuses[0], statuses[2]].sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'check.version_conflict' });
    expect(await count('class_checks', MONDAY)).toBe(2);
    expect(await count('check_exceptions', MONDAY)).toBe(3);
    expect(await count('check_rule_queue', MONDAY)).toBeLessThanOrEqual(2);
    expect(await audited(MONDAY)).toBe(2);
    await rollupsAgree(MONDAY);
  });

  it('answers 409 to a key used for two checks in one batch and writes the others, leaving nothing of the refused one', async () => {
    const [a, b, c] = classes;
    const reused = key();
    const keysBefore = await keys();
    const results = await Promise.allSettled([
      submit(b, { date: FRIDAY, session: 'morning', exceptions: [ill(b.students[2])] }),
      submit(a, { date: FRIDAY, session: 'morning', exceptions: [ill(a.students[2])] }, reused),
      submit(c, { date: FRIDAY, session: 'morning', zeroReport: true }),
      submit(a, { date: FRIDAY, session: 'noon', exceptions: [ill(a.students[3])] }, reused),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect([results[0].status, results[2].status]).toEqual(['fulfilled', 'fulfilled']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: 'check.idempotency_key_reused' });
    expect(await count('class_checks', FRIDAY)).toBe(3);
    expect(await count('check_exceptions', FRIDAY)).toBe(2);
    expect(await keys()).toBe(keysBefore + 3);
    expect(await audited(FRIDAY)).toBe(3);
    const written = results[1].status === 'fulfilled' ? a.students[2] : a.students[3];
    const episodes = await env.ctx.db.selectFrom('absence_episodes').select('person_id').where('opened_on', '=', FRIDAY).orderBy('person_id').execute();
    expect(episodes.map((e) => e.person_id)).toEqual([b.students[2], written].sort((x, y) => x - y));
    await rollupsAgree(FRIDAY);
  });

  it('answers a submission sent twice with the same key in one batch once, the second as a replay', async () => {
    const [, , c] = classes;
    const k = key();
    const body: SubmitInput = { date: THURSDAY, session: 'morning', exceptions: [ill(c.students[3])] };
    const [first, second] = await Promise.all([submit(c, body, k), submit(c, body, k)]);
    expect(first.check.id).toBe(second.check.id);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(await count('class_checks', THURSDAY)).toBe(1);
    expect(await audited(THURSDAY)).toBe(1);
    await rollupsAgree(THURSDAY);
  });
});
