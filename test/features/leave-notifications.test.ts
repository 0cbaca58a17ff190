import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';

describe.each(databases())('who hears about a leave request on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-16T01:00:00Z');
  });
  afterAll(() => env.close());

  const inbox = (accountId: number) =>
    env.ctx.db.selectFrom('notifications').select(['kind', 'title_zh', 'body_zh', 'body_en', 'link']).where('account_id', '=', accountId).orderBy('id').execute();

  it('tells the approver whose turn it is, once, and the guardian and class teacher the decision', async () => {
    const schoolId = (await makeSchool(env.ctx)).id;
    const classId = (await makeClass(env.ctx, { schoolId })).id;
    const child = (await makeStudent(env.ctx, { classId, name: '李小雨' })).id;
    const parent = await makeAccount(env.ctx, { role: 'parent', childIds: [child] });
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId });
    const p = await login(env, parent.username);
    const t = await login(env, teacher.username);

    const body = { personId: child, fromDate: '2026-11-17', toDate: '2026-11-18', reason: '看牙医', destination: '市口腔医院', idempotencyKey: `leave-note-${kind}` };
    const asked = await p.post('/api/leave', body);
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await p.post('/api/leave', body)).json().id).toBe(asked.json().id);
    const pending = await inbox(teacher.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ kind: 'leave.pending', link: '/leave' });
    expect(pending[0].body_zh).toContain('李小雨');
    expect(pending[0].body_zh).toContain('2026-11-17');
    expect(await inbox(parent.id)).toHaveLength(0);

    const decided = await t.post(`/api/leave/${asked.json().id}/decision`, { decision: 'approved' });
    expect(decided.statusCode, decided.body).toBe(200);
    await expect.poll(async () => (await inbox(parent.id)).length).toBe(1);
    const [told] = await inbox(parent.id);
    expect(told.kind).toBe('response.leave_decided');
    expect(told.body_zh).toContain('李小雨');
    expect(told.body_zh).toContain('已批准');
    expect(told.body_en).toContain('approved');
  });
});
