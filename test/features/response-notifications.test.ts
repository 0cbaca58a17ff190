import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';

describe.each(databases())('response events reach the right people on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('a manual risk status change notifies the class teacher and the guardian, once', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const otherClass = (await makeClass(env.ctx, { schoolId })).id;
    const student = await makeStudent(env.ctx, { classId, name: '王小明' });
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    const otherTeacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: otherClass });
    const parent = await makeAccount(env.ctx, { role: 'parent', childIds: [student.id] });
    const officer = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' });
    const s = await login(env, officer.username);
    const res = await s.post(`/api/people/${student.id}/risk/override`, { status: 'yellow', reason: '密接者同住' });
    expect(res.statusCode).toBe(200);
    const rows = async (accountId: number) => env.ctx.db.selectFrom('notifications').select(['kind', 'title_zh']).where('account_id', '=', accountId).execute();
    await expect.poll(async () => (await rows(teacher.id)).length).toBe(1);
    expect((await rows(teacher.id))[0]).toMatchObject({ kind: 'response.risk_status_changed', title_zh: '风险状态变更' });
    // A sentence naming the child and the colours, not the payload's codes.
    const body = await env.ctx.db.selectFrom('notifications').select(['body_zh', 'body_en']).where('account_id', '=', parent.id).executeTakeFirstOrThrow();
    expect(body.body_zh).toContain('王小明');
    expect(body.body_zh).toContain('黄色');
    expect(body.body_en).toContain('yellow');
    expect(`${body.body_zh} ${body.body_en}`).not.toMatch(/[a-z]+_[a-z]+|from:|to:/);
    expect(await rows(parent.id)).toHaveLength(1);
    expect(await rows(otherTeacher.id)).toHaveLength(0);
  });
});
