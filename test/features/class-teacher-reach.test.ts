import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

let n = 0;
const key = () => `reach-key-${Date.now()}-${++n}`;

describe.each(databases())('what a class teacher may write, and what a clashing ID number tells, on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let classA: number;
  let classB: number;
  let studentA: number;
  let studentB: number;
  let teacher: TestSession;
  let principal: TestSession;

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classA = (await makeClass(env.ctx, { schoolId })).id;
    classB = (await makeClass(env.ctx, { schoolId })).id;
    studentA = (await makeStudent(env.ctx, { classId: classA })).id;
    studentB = (await makeStudent(env.ctx, { classId: classB })).id;
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId: classA })).username);
    principal = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
  });
  afterAll(() => env.close());

  const denied = (objectType: string, objectId: number | string) =>
    env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'access.denied').where('object_type', '=', objectType).where('object_id', '=', String(objectId)).execute();
  const letter = (type: string, target: string) => ({ title: '告家长书', body: '请做好晨检', audience: 'parents', target: { type, key: target }, idempotencyKey: key() });

  it('a class teacher sends notices to the own class only: school and region targets are refused like a grade', async () => {
    const school = await teacher.post('/api/notices', letter('school', String(schoolId)));
    expect(school.statusCode).toBe(403);
    expect(school.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'target/key' });
    expect(await denied('notice_target.school', schoolId)).toHaveLength(1);
    const region = await teacher.post('/api/notices', letter('region', '410105'));
    expect(region.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'target/key' });
    const staff = await teacher.post('/api/notices', { ...letter('school', String(schoolId)), audience: 'staff' });
    expect(staff.statusCode).toBe(403);
    expect((await teacher.post('/api/notices', letter('class', String(classA)))).json()).toMatchObject({ recipients: 1 });
    expect((await principal.post('/api/notices', letter('school', String(schoolId)))).json()).toMatchObject({ recipients: 2 });
    expect(await env.ctx.db.selectFrom('notices').select('id').execute()).toHaveLength(2);
  });

  it('a class teacher adds household members to the own class’s students only', async () => {
    const foreign = await teacher.post('/api/people', { kind: 'co_resident', schoolId, name: '测试', householdOf: studentB, relation: '父亲' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'householdOf' });
    expect(await denied('person', studentB)).toHaveLength(1);
    expect(await env.ctx.db.selectFrom('persons').select('id').where('household_of', '=', studentB).execute()).toHaveLength(0);
    const own = await teacher.post('/api/people', { kind: 'co_resident', schoolId, name: '张父', householdOf: studentA, relation: '父亲' });
    expect(own.statusCode).toBe(200);
    // The principal reaches the whole school.
    expect((await principal.post('/api/people', { kind: 'co_resident', schoolId, name: '李母', householdOf: studentB, relation: '母亲' })).statusCode).toBe(200);
  });

  it('a class teacher cannot move a student to another class; the school administrator can', async () => {
    const move = await teacher.request('PATCH', `/api/people/${studentA}`, { classId: classB });
    expect(move.statusCode).toBe(403);
    expect(move.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'classId' });
    expect(await denied('person', studentA)).toHaveLength(1);
    // An edit that repeats the own class is not a move.
    expect((await teacher.request('PATCH', `/api/people/${studentA}`, { classId: classA, name: '张小明' })).statusCode).toBe(200);
    const row = await env.ctx.db.selectFrom('persons').select(['class_id', 'name']).where('id', '=', studentA).executeTakeFirstOrThrow();
    expect(row).toEqual({ class_id: classA, name: '张小明' });
    expect((await principal.request('PATCH', `/api/people/${studentA}`, { classId: classB })).statusCode).toBe(200);
    expect((await principal.request('PATCH', `/api/people/${studentA}`, { classId: classA })).statusCode).toBe(200);
  });

  it('an ID number enrolled outside the caller’s scope gets a neutral answer that names no record, and is audited', async () => {
    const farSchool = (await makeSchool(env.ctx, { regionCode: '411627' })).id;
    const farClass = (await makeClass(env.ctx, { schoolId: farSchool })).id;
    const far = await makeStudent(env.ctx, { classId: farClass });
    const body = (idNumber: string, studentNumber: string) => ({ kind: 'student', schoolId, classId: classA, name: '测试', idNumber, studentNumber });

    const res = await principal.post('/api/people', body(far.idNumber, 'QA3X0001'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'person.id_number_unavailable', field: 'idNumber' });
    expect(res.json().error.message).not.toMatch(/学生|已存在/);
    const audit = await env.ctx.db.selectFrom('audit_log').select(['object_id', 'result']).where('action', '=', 'person.create').where('result', '=', 'denied').execute();
    expect(audit).toEqual([{ object_id: String(far.id), result: 'denied' }]);

    // Inside the caller's scope the clash is named: the record can be found there.
    const near = await makeStudent(env.ctx, { classId: classB });
    const taken = await principal.post('/api/people', body(near.idNumber, 'QA3X0002'));
    expect(taken.json().error).toMatchObject({ code: 'person.id_number_taken', field: 'idNumber' });
    // A class teacher's scope is the class: another class's student is outside it.
    const fromTeacher = await teacher.post('/api/people', body(near.idNumber, 'QA3X0003'));
    expect(fromTeacher.json().error.code).toBe('person.id_number_unavailable');
  });
});
