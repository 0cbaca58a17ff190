import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

// Sending a stored check again unchanged (a second tap after a reload) is not an edit.
describe.each(databases())('an unchanged resubmission of a check on %s', (kind) => {
  let env: TestEnv;
  let teacher: TestSession;
  let classId: number;
  let students: number[];
  let n = 0;
  const submit = (body: object) => teacher.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': `resubmit-${kind}-${++n}` });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    const schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    students = [];
    for (let i = 0; i < 3; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    env.clock.set('2026-11-16T00:30:00Z');
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
  });
  afterAll(() => env.close());

  it('keeps the version and flags, and an actual change still makes a new version', async () => {
    const exceptions = [{ personId: students[0], status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 38.5 }, { personId: students[1], status: 'absent_other', note: '事假' }];
    const first = await submit({ date: '2026-11-16', session: 'morning', exceptions, entryMs: 30_000 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().check.version).toBe(1);
    // Same content in another order, symptoms reordered, sent a moment later (too fast to be a real entry).
    const again = await submit({ date: '2026-11-16', session: 'morning', version: 1, exceptions: [exceptions[1], { ...exceptions[0], symptoms: ['cough', 'fever'] }], entryMs: 300 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().check).toMatchObject({ version: 1, flags: first.json().check.flags });
    const rows = await env.ctx.db.selectFrom('class_checks').select(['version']).where('class_id', '=', classId).execute();
    expect(rows).toEqual([{ version: 1 }]);

    const changed = await submit({ date: '2026-11-16', session: 'morning', version: 1, exceptions: [exceptions[0]], entryMs: 20_000 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().check.version).toBe(2);
  });
});
