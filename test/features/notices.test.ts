import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

let n = 0;
const key = () => `notice-key-${Date.now()}-${++n}`;

describe.each(databases())('notices and acknowledgements on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classA: number;
  let classB: number;
  let principal: TestSession;
  let teacherA: TestSession;
  let parent: TestSession;
  let children: number[];
  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classA = (await makeClass(env.ctx, { schoolId, gradeName: '二年级', name: '1班' })).id;
    classB = (await makeClass(env.ctx, { schoolId, gradeName: '二年级', name: '2班' })).id;
    const a = await Promise.all([0, 1, 2, 3].map(() => makeStudent(env.ctx, { classId: classA })));
    await Promise.all([0, 1].map(() => makeStudent(env.ctx, { classId: classB })));
    children = [a[0].id, a[1].id];
    principal = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    teacherA = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: classA })).username);
    parent = await login(env, (await makeAccount(env.ctx, { role: 'parent', childIds: children })).username);
  });
  afterAll(() => env.close());

  const letter = (target: { type: string; key: string }, audience = 'parents') => ({ title: '致家长和学生的一封信', body: '请做好晨检……', audience, target, idempotencyKey: key() });

  it('sends a letter to a school, and a retry does not send it twice', async () => {
    const body = letter({ type: 'school', key: String(schoolId) });
    const sent = await principal.post('/api/notices', body);
    expect(sent.json()).toMatchObject({ recipients: 6, duplicate: false });
    const again = await principal.post('/api/notices', body);
    expect(again.json()).toEqual({ id: sent.json().id, recipients: 6, duplicate: true });
    // The parent of two of the six hears of it once, in the inbox, linking to the phone page.
    expect(sent.json().notified).toBe(1);
    const inbox = (await parent.get('/api/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'notice.sent');
    expect(inbox).toEqual([expect.objectContaining({ title: expect.objectContaining({ zh: '新通知：致家长和学生的一封信' }), link: '/notices/mine' })]);
    const list = (await principal.get('/api/notices')).json().items;
    expect(list.filter((x: { id: number }) => x.id === sent.json().id)).toHaveLength(1);
  });

  it('a parent acknowledges on the phone page for both children; the rate per class follows; repeating changes nothing', async () => {
    const sent = (await principal.post('/api/notices', letter({ type: 'school', key: String(schoolId) }))).json();
    const mine = (await parent.get('/api/notices/mine')).json().items.find((x: { id: number }) => x.id === sent.id);
    expect(mine.for.map((f: { personId: number }) => f.personId).sort()).toEqual([...children].sort());
    expect(mine.for.every((f: { acknowledgedAt: string | null }) => f.acknowledgedAt === null)).toBe(true);
    expect((await parent.post(`/api/notices/${sent.id}/ack`)).json()).toEqual({ acknowledged: 2, already: 0 });
    expect((await parent.post(`/api/notices/${sent.id}/ack`)).json()).toEqual({ acknowledged: 0, already: 2 });
    const detail = (await principal.get(`/api/notices/${sent.id}`)).json();
    expect(detail.notice).toMatchObject({ recipients: 6, acknowledged: 2, rate: 33.3 });
    expect(detail.byClass).toEqual([
      { classId: classA, className: '二年级1班', recipients: 4, acknowledged: 2, rate: 50 },
      { classId: classB, className: '二年级2班', recipients: 2, acknowledged: 0, rate: 0 },
    ]);
    expect(detail.pending).toHaveLength(4);
    // The class teacher sees the own class's rate and reminds only the own class.
    const forTeacher = (await teacherA.get(`/api/notices/${sent.id}`)).json();
    expect(forTeacher.notice).toMatchObject({ recipients: 4, acknowledged: 2, rate: 50 });
    // The pending students have no parent accounts linked here, so the reminders reach no inbox.
    expect((await teacherA.post(`/api/notices/${sent.id}/remind`)).json()).toEqual({ reminded: 2, notified: 0 });
    expect((await principal.post(`/api/notices/${sent.id}/remind`)).json()).toEqual({ reminded: 4, notified: 0 });
    const after = (await principal.get(`/api/notices/${sent.id}`)).json();
    expect(after.pending.find((p: { className: string }) => p.className === '二年级1班').reminders).toBe(2);
    const acks = await env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'notice.acknowledge').where('object_id', '=', String(sent.id)).execute();
    expect(acks).toHaveLength(1);
  });

  it('reminds the parent who has not acknowledged, in the inbox, once per round; not after the acknowledgement', async () => {
    const sent = (await teacherA.post('/api/notices', { ...letter({ type: 'class', key: String(classA) }), title: '秋季传染病预防告家长书' })).json();
    const reminders = async () => (await parent.get('/api/notifications')).json().items.filter((n: { kind: string; title: { zh: string } }) => n.kind === 'notice.reminder' && n.title.zh.includes('秋季传染病预防告家长书'));
    expect((await teacherA.post(`/api/notices/${sent.id}/remind`)).json()).toEqual({ reminded: 4, notified: 1 });
    expect(await reminders()).toEqual([expect.objectContaining({ title: expect.objectContaining({ zh: '提醒：请阅读并确认《秋季传染病预防告家长书》' }), link: '/notices/mine' })]);
    env.clock.advance(60_000);
    expect((await teacherA.post(`/api/notices/${sent.id}/remind`)).json()).toMatchObject({ notified: 1 });
    expect(await reminders()).toHaveLength(2);
    expect((await parent.post(`/api/notices/${sent.id}/ack`)).json()).toEqual({ acknowledged: 2, already: 0 });
    env.clock.advance(60_000);
    expect((await teacherA.post(`/api/notices/${sent.id}/remind`)).json()).toEqual({ reminded: 2, notified: 0 });
    expect(await reminders()).toHaveLength(2);
  });

  it('a parent cannot acknowledge a notice that did not reach their children', async () => {
    const sent = (await teacherA.post('/api/notices', letter({ type: 'class', key: String(classB) }))).json();
    expect(sent.error.code).toBe('error.out_of_scope');
    const onlyB = (await principal.post('/api/notices', letter({ type: 'class', key: String(classB) }))).json();
    expect(onlyB.recipients).toBe(2);
    const res = await parent.post(`/api/notices/${onlyB.id}/ack`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('notice.not_recipient');
  });

  it('a notice with no audience is refused, naming the target, and nothing is written', async () => {
    const count = async () => Number((await env.ctx.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const emptyClass = (await makeClass(env.ctx, { schoolId, gradeName: '三年级', name: '9班' })).id;
    const empty = await principal.post('/api/notices', letter({ type: 'class', key: String(emptyClass) }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'notice.no_audience', field: 'target' });
    const staffToClass = await principal.post('/api/notices', letter({ type: 'class', key: String(classA) }, 'staff'));
    expect(staffToClass.json().error).toMatchObject({ code: 'notice.staff_target', field: 'target/type' });
    const unknown = await principal.post('/api/notices', letter({ type: 'grade', key: '999999' }));
    expect(unknown.json().error).toMatchObject({ code: 'notice.target_unknown', field: 'target/key' });
    expect(await count()).toBe(before);
  });
});
