import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeClass, makeSchool, makeStaff, makeStudent } from '../harness/factories';

/** The dashboard's per-school student counts (migrations/0501) always equal a live count of persons. */
describe.each(databases())('school student counts on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  async function drift() {
    const r = await sql<{ school_id: number; kept: number; live: number }>`
      select s.id as school_id, coalesce(c.students, 0) as kept, (select count(*) from persons p where p.school_id = s.id and p.kind = 'student' and p.active) as live
      from schools s left join school_student_counts c on c.school_id = s.id`.execute(env.ctx.db);
    return r.rows.filter((x) => Number(x.kept) !== Number(x.live));
  }

  it('follows inserts, bulk inserts, deactivation, moves between schools and deletes', async () => {
    const a = await makeSchool(env.ctx, { regionCode: '410105' });
    const b = await makeSchool(env.ctx, { regionCode: '410105' });
    const ca = await makeClass(env.ctx, { schoolId: a.id });
    const cb = await makeClass(env.ctx, { schoolId: b.id });
    const s1 = await makeStudent(env.ctx, { classId: ca.id });
    await makeStudent(env.ctx, { classId: ca.id });
    await makeStaff(env.ctx, { schoolId: a.id });
    await sql`insert into persons (school_id, kind, name, class_id) select ${b.id}, 'student', '学生', ${cb.id} from generate_series(1, 50)`.execute(env.ctx.db);
    expect(await drift()).toEqual([]);
    const counts = async () => Object.fromEntries((await env.ctx.db.selectFrom('school_student_counts').select(['school_id', 'students']).execute()).map((r) => [r.school_id, r.students]));
    expect(await counts()).toMatchObject({ [a.id]: 2, [b.id]: 50 });
    await env.ctx.db.updateTable('persons').set({ active: false }).where('school_id', '=', b.id).where('id', '<=', sql<number>`(select min(id) + 9 from persons where school_id = ${b.id})`).execute();
    await env.ctx.db.updateTable('persons').set({ name: '改名' }).where('school_id', '=', a.id).execute();
    await env.ctx.db.updateTable('persons').set({ school_id: b.id, class_id: cb.id }).where('id', '=', s1.id).execute();
    expect(await counts()).toMatchObject({ [a.id]: 1, [b.id]: 41 });
    await env.ctx.db.deleteFrom('persons').where('school_id', '=', b.id).where('active', '=', false).execute();
    expect(await drift()).toEqual([]);
  });
});
