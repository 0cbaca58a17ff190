import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionDays } from '../../src/domain/retention/policy';
import { purgeExpiredData } from '../../src/features/retention/purge';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';

/** The retention job purges personal health data past each class's period, audits it, and keeps the rest. */
describe.each(databases())('retention of personal health data on %s', (kind) => {
  let env: TestEnv;
  let person: number;
  let schoolId: number;
  let classId: number;
  let account: number;
  const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(env.ctx.db)).rows[0].n);

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-30T02:00:00Z');
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    person = (await makeStudent(env.ctx, { classId })).id;
    account = (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).id;
    const db = env.ctx.db;
    // One row just past the default period and one just inside it, per class.
    for (const [date, at] of [['2025-11-29', '2025-11-28T17:00:00Z'], ['2025-11-30', '2025-11-29T16:00:00Z']] as const) {
      const check = await sql<{ id: number }>`insert into class_checks (school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, submitted_at, updated_at)
        values (${schoolId}, ${classId}, ${date}::date, 'morning', 1, 0, 1, 0, 1, now(), now()) returning id`.execute(db);
      await sql`insert into check_exceptions (check_id, school_id, person_id, check_date, session, status, symptoms, temperature)
        values (${check.rows[0].id}, ${schoolId}, ${person}, ${date}::date, 'morning', 'absent_ill', '{fever}', 38.5)`.execute(db);
      await db.insertInto('travel_records').values({ person_id: person, region_code: '410102', place: '郑州', from_date: date, to_date: date, residence: false, source: 'manual', created_at: new Date(at) }).execute();
      await db.insertInto('notifications').values({ account_id: account, kind: 'test', dedupe_key: `n-${date}`, title_zh: '通知', title_en: 'Notice', created_at: new Date(at), read_at: null }).execute();
    }
  }, 60_000);
  afterAll(() => env.close());

  it('purges what is past its period, keeps the rest, audits each class, and does nothing more on a rerun', async () => {
    const days = retentionDays({ RETENTION_NOTIFICATIONS_DAYS: '365' });
    expect([await count('check_exceptions'), await count('travel_records'), await count('notifications')]).toEqual([2, 2, 2]);
    const first = await purgeExpiredData(env.ctx, days);
    expect(first.filter((r) => r.purged > 0).map((r) => [r.key, r.keptFrom, r.purged])).toEqual([
      ['check_details', '2025-11-30', 1],
      ['travel_records', '2025-11-30', 1],
      ['notifications', '2025-11-30', 1],
    ]);
    expect([await count('check_exceptions'), await count('travel_records'), await count('notifications')]).toEqual([1, 1, 1]);
    const kept = await env.ctx.db.selectFrom('travel_records').select('to_date').executeTakeFirstOrThrow();
    expect(kept.to_date).toBe('2025-11-30');
    const audit = await env.ctx.db.selectFrom('audit_log').select(['object_type']).where('action', '=', 'retention.purge').orderBy('object_type').execute();
    expect(audit.map((a) => a.object_type)).toEqual(['check_exceptions', 'notifications', 'travel_records']);
    const again = await purgeExpiredData(env.ctx, days);
    expect(again.every((r) => r.purged === 0)).toBe(true);
  });
});
