import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

describe.each(databases())('grid responsibility on %s', (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(kind);
  });
  afterAll(() => env.close());

  it('lists every unit without a responsible person and closes the gap when one is assigned', async () => {
    const school = await makeSchool(env.ctx, { regionCode: '410105', name: '网格小学' });
    const other = await makeSchool(env.ctx, { regionCode: '411627', name: '外县小学' });
    const cls = await makeClass(env.ctx, { schoolId: school.id });
    await makeClass(env.ctx, { schoolId: other.id });
    const officer = await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' });
    const teacher = await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school.id, classId: cls.id });
    const s = await login(env, officer.username);
    const before = (await s.get('/api/grid/coverage')).json().levels;
    const classes = before.find((l: { unitType: string }) => l.unitType === 'class');
    expect(classes).toMatchObject({ total: 1, covered: 0 });
    expect(classes.missing[0].unitKey).toBe(String(cls.id));
    expect(JSON.stringify(before)).not.toContain('外县小学');
    const put = await s.request('PUT', '/api/grid', { unitType: 'class', unitKey: String(cls.id), accountId: teacher.id });
    expect(put.statusCode).toBe(200);
    const after = (await s.get('/api/grid/coverage')).json().levels.find((l: { unitType: string }) => l.unitType === 'class');
    expect(after).toMatchObject({ total: 1, covered: 1, missing: [] });
    const outside = await s.request('PUT', '/api/grid', { unitType: 'school', unitKey: String(other.id), accountId: teacher.id });
    expect(outside.statusCode).toBe(403);
    const unknown = await s.request('PUT', '/api/grid', { unitType: 'class', unitKey: '999999', accountId: teacher.id });
    expect(unknown.json().error).toMatchObject({ code: 'grid.unit_unknown', field: 'unitKey' });
  });
});

/** The picker for a unit offers exactly the accounts the assignment to that unit accepts, within the caller's scope. */
describe.each(databases())('grid candidates for a unit on %s', (kind) => {
  let env: TestEnv;
  let county: TestSession;
  let principal: TestSession;
  let classA1: string;
  let classC: string;
  let schoolC: string;
  const acct: Record<string, number> = {};
  const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((c) => c.id).sort((a, b) => a - b);
  const of = (...names: string[]) => names.map((n) => acct[n]).sort((a, b) => a - b);

  beforeAll(async () => {
    env = await createTestEnv(kind);
    const schoolA = (await makeSchool(env.ctx, { regionCode: '410105', name: '候选小学' })).id;
    const schoolB = (await makeSchool(env.ctx, { regionCode: '410105', name: '同区小学' })).id;
    const other = (await makeSchool(env.ctx, { regionCode: '411627', name: '外县小学' })).id;
    schoolC = String(other);
    const a1 = await makeClass(env.ctx, { schoolId: schoolA });
    const a2 = await makeClass(env.ctx, { schoolId: schoolA });
    const b = await makeClass(env.ctx, { schoolId: schoolB });
    classA1 = String(a1.id);
    classC = String((await makeClass(env.ctx, { schoolId: other })).id);
    const make = async (name: string, o: Parameters<typeof makeAccount>[1]) => {
      acct[name] = (await makeAccount(env.ctx, { username: `cand_${name}`, ...o })).id;
    };
    await make('jinshui', { role: 'county_officer', regionCode: '410105' });
    await make('zhengzhou', { role: 'city_officer', regionCode: '410100' });
    await make('taikang', { role: 'county_officer', regionCode: '411627' });
    await make('auditor', { role: 'auditor', regionCode: '410105' });
    await make('principalA', { role: 'school_admin', schoolId: schoolA });
    await make('doctorA', { role: 'school_doctor', schoolId: schoolA });
    await make('guardA', { role: 'gate_guard', schoolId: schoolA });
    await make('teacherA1', { role: 'class_teacher', schoolId: schoolA, classId: a1.id });
    await make('teacherA2', { role: 'class_teacher', schoolId: schoolA, classId: a2.id });
    await make('principalB', { role: 'school_admin', schoolId: schoolB });
    await make('teacherB', { role: 'class_teacher', schoolId: schoolB, classId: b.id });
    await make('teacherC', { role: 'class_teacher', schoolId: other, classId: Number(classC) });
    county = await login(env, 'cand_jinshui');
    principal = await login(env, 'cand_principalA');
  }, 60_000);
  afterAll(() => env.close());

  it('a class: its teacher, the school staff and officers in the caller scope, not a teacher of another class or school', async () => {
    const res = await county.get(`/api/grid/candidates?unitType=class&unitKey=${classA1}`);
    expect(res.statusCode).toBe(200);
    // zhengzhou's region holds the class too, but lies outside a county officer's scope.
    expect(ids(res)).toEqual(of('jinshui', 'principalA', 'doctorA', 'guardA', 'teacherA1'));
    // Every one offered is accepted, and those left out are the ones the assignment refuses.
    for (const id of ids(res)) expect((await county.request('PUT', '/api/grid', { unitType: 'class', unitKey: classA1, accountId: id })).statusCode).toBe(200);
    for (const id of of('teacherA2', 'teacherB', 'principalB')) {
      const put = await county.request('PUT', '/api/grid', { unitType: 'class', unitKey: classA1, accountId: id });
      expect(put.json().error).toMatchObject({ code: 'grid.account_not_eligible', field: 'accountId' });
    }
    // A school administrator sees only the school's own staff.
    expect(ids(await principal.get(`/api/grid/candidates?unitType=class&unitKey=${classA1}`))).toEqual(of('principalA', 'doctorA', 'guardA', 'teacherA1'));
    // The search still applies.
    expect(ids(await county.get(`/api/grid/candidates?unitType=class&unitKey=${classA1}&q=teacherA`))).toEqual(of('teacherA1'));
  });

  it('a region or a school: officers whose region holds it, or the school staff without class teachers', async () => {
    expect(ids(await county.get('/api/grid/candidates?unitType=region&unitKey=410105'))).toEqual(of('jinshui'));
    const school = await county.get(`/api/grid/candidates?unitType=school&unitKey=${(await env.ctx.db.selectFrom('accounts').select('school_id').where('id', '=', acct.principalA).executeTakeFirstOrThrow()).school_id}`);
    expect(ids(school)).toEqual(of('jinshui', 'principalA', 'doctorA', 'guardA'));
  });

  it('refuses a unit outside the caller scope, an unknown unit and half a unit', async () => {
    for (const [unitType, unitKey] of [['class', classC], ['school', schoolC], ['region', '411627']]) {
      const res = await county.get(`/api/grid/candidates?unitType=${unitType}&unitKey=${unitKey}`);
      expect(res.statusCode, `${unitType} ${unitKey}`).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'unitKey' });
    }
    const unknown = await county.get('/api/grid/candidates?unitType=class&unitKey=999999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'grid.unit_unknown', field: 'unitKey' });
    const half = await county.get('/api/grid/candidates?unitType=class');
    expect(half.statusCode).toBe(400);
    expect(half.json().error).toMatchObject({ code: 'validation.required', field: 'unitKey' });
    expect((await county.get(`/api/grid/candidates?unitType=floor&unitKey=${classA1}`)).statusCode).toBe(400);
  });

  it('without a unit lists every staff and officer account in the caller scope, as before', async () => {
    const res = await county.get('/api/grid/candidates');
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toEqual(of('jinshui', 'principalA', 'doctorA', 'guardA', 'teacherA1', 'teacherA2', 'principalB', 'teacherB'));
    expect(ids(await county.get('/api/grid/candidates?q=principal'))).toEqual(of('principalA', 'principalB'));
  });
});
