import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeHospital, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/** Pairing names only hospitals the officer oversees (the GET /api/hospitals set) and reachable phone numbers. */
describe.each(databases())('pairing stays inside the officer’s scope on %s', (kind) => {
  let env: TestEnv;
  let county: TestSession;
  let school: number;
  let own: number;
  let pairedNeighbour: number;
  let otherCounty: number;
  let otherCity: number;
  beforeAll(async () => {
    env = await createTestEnv(kind);
    school = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    const neighbourSchool = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    own = (await makeHospital(env.ctx, { regionCode: '410105' })).id;
    // 中原区 hospital already paired with a 金水区 school: listed for the officer, so usable.
    pairedNeighbour = (await makeHospital(env.ctx, { regionCode: '410102', pairWith: [neighbourSchool] })).id;
    otherCounty = (await makeHospital(env.ctx, { regionCode: '410102' })).id;
    otherCity = (await makeHospital(env.ctx, { regionCode: '419001' })).id;
    county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
  }, 60_000);
  afterAll(() => env.close());

  const pair = (hospitalId: number, schoolContactPhone = '13800001111') => county.request('PUT', `/api/pairings/${school}`, { hospitalId, schoolContactName: '李主任', schoolContactPhone });
  const pairedTo = async () => (await env.ctx.db.selectFrom('school_hospital_pairings').select('hospital_id').where('school_id', '=', school).executeTakeFirst())?.hospital_id;

  it('refuses a hospital outside the listed set with 403 on hospitalId, so its liaison gains nothing', async () => {
    const listed = (await county.get('/api/hospitals')).json().items.map((h: { id: number }) => h.id);
    expect(listed.sort()).toEqual([own, pairedNeighbour].sort());
    const liaison = await makeAccount(env.ctx, { role: 'hospital_liaison', hospitalId: otherCity });
    for (const h of [otherCounty, otherCity]) {
      const res = await pair(h);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'hospitalId' });
    }
    expect(await pairedTo()).toBeUndefined();
    const me = (await (await login(env, liaison.username)).get('/api/me')).json();
    expect(me.account.scope).toEqual({ kind: 'schools', schoolIds: [] });
    const denied = await env.ctx.db.selectFrom('audit_log').select('object_id').where('action', '=', 'access.denied').where('object_type', '=', 'hospital').execute();
    expect(denied.map((d) => String(d.object_id)).sort()).toEqual([String(otherCounty), String(otherCity)].sort());
    const doctor = await county.request('PUT', `/api/school-doctors/${school}`, { name: '王医生', phone: '13800002222', kind: 'contracted', hospitalId: otherCity });
    expect(doctor.json().error).toMatchObject({ code: 'error.out_of_scope', field: 'hospitalId' });

    expect((await pair(pairedNeighbour)).statusCode).toBe(200);
    expect((await pair(own)).statusCode).toBe(200);
    expect(await pairedTo()).toBe(own);
    expect((await pair(999_999)).json().error).toMatchObject({ code: 'pairing.hospital_unknown', field: 'hospitalId' });
  });

  it('accepts mobile and landline numbers and refuses others with the field named', async () => {
    for (const phone of ['13800001111', '19912345678', '0371-12345678', '037112345678', '010-12345678']) expect((await pair(own, phone)).statusCode, phone).toBe(200);
    for (const phone of ['12345', '12800001111', '1380000111', '138000011112', '0371-123', 'abc-defghij']) {
      const res = await pair(own, phone);
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().error, phone).toMatchObject({ field: 'schoolContactPhone' });
    }
    const saved = await env.ctx.db.selectFrom('school_hospital_pairings').select('school_contact_phone').where('school_id', '=', school).executeTakeFirstOrThrow();
    expect(saved.school_contact_phone).toBe('010-12345678');
    const bad = await county.request('PUT', `/api/school-doctors/${school}`, { name: '王医生', phone: '12345', kind: 'staff' });
    expect(bad.json().error).toMatchObject({ code: 'pairing.phone_invalid', field: 'phone' });
    const hospital = await county.post('/api/hospitals', { name: '金水区新医院', kind: 'hospital', regionCode: '410105', capacity: 2, lng: 113.6, lat: 34.8, contacts: [{ name: '联络人', phone: '99999' }] });
    expect(hospital.json().error).toMatchObject({ code: 'pairing.phone_invalid', field: 'contacts/0/phone' });
  });
});

/** Grid responsibility goes only to active accounts that can act for the whole unit. */
describe.each(databases())('grid responsibility stays with accounts that can act for the unit on %s', (kind) => {
  let env: TestEnv;
  let principal: TestSession;
  let county: TestSession;
  let school: number;
  let grade: string;
  let classA: number;
  let pupilA: number;
  const acct: Record<string, number> = {};
  beforeAll(async () => {
    env = await createTestEnv(kind);
    school = (await makeSchool(env.ctx, { regionCode: '410105', name: '网格小学' })).id;
    const other = (await makeSchool(env.ctx, { regionCode: '411627', name: '外县小学' })).id;
    classA = (await makeClass(env.ctx, { schoolId: school, gradeName: '二年级' })).id;
    const classB = (await makeClass(env.ctx, { schoolId: school, gradeName: '二年级' })).id;
    grade = String((await env.ctx.db.selectFrom('classes').select('grade_id').where('id', '=', classA).executeTakeFirstOrThrow()).grade_id);
    pupilA = (await makeStudent(env.ctx, { classId: classA })).id;
    const make = async (name: string, o: Parameters<typeof makeAccount>[1]) => {
      acct[name] = (await makeAccount(env.ctx, o)).id;
    };
    await make('principal', { role: 'school_admin', schoolId: school });
    await make('doctor', { role: 'school_doctor', schoolId: school });
    await make('guard', { role: 'gate_guard', schoolId: school });
    await make('teacherA', { role: 'class_teacher', schoolId: school, classId: classA });
    await make('teacherB', { role: 'class_teacher', schoolId: school, classId: classB });
    await make('parent', { role: 'parent', childIds: [pupilA] });
    await make('jinshui', { role: 'county_officer', regionCode: '410105' });
    await make('zhengzhou', { role: 'city_officer', regionCode: '410100' });
    await make('taikang', { role: 'county_officer', regionCode: '411627' });
    await make('auditor', { role: 'auditor', regionCode: '410105' });
    await make('liaison', { role: 'hospital_liaison', hospitalId: (await makeHospital(env.ctx, { pairWith: [school] })).id });
    await make('otherDoctor', { role: 'school_doctor', schoolId: other });
    await make('disabled', { role: 'school_doctor', schoolId: school });
    await env.ctx.db.updateTable('accounts').set({ disabled_at: env.ctx.now() }).where('id', '=', acct.disabled).execute();
    const usernames = await env.ctx.db.selectFrom('accounts').select(['id', 'username']).where('id', 'in', [acct.principal, acct.jinshui]).execute();
    const name = (id: number) => usernames.find((u) => u.id === id)!.username;
    principal = await login(env, name(acct.principal));
    county = await login(env, name(acct.jinshui));
  }, 60_000);
  afterAll(() => env.close());

  async function expectAssign(s: TestSession, unitType: string, unitKey: string, allowed: string[], refused: string[]) {
    for (const who of allowed) expect((await s.request('PUT', '/api/grid', { unitType, unitKey, accountId: acct[who] })).statusCode, `${unitType} ${who}`).toBe(200);
    for (const who of refused) {
      const res = await s.request('PUT', '/api/grid', { unitType, unitKey, accountId: acct[who] });
      expect(res.statusCode, `${unitType} ${who}`).toBe(400);
      expect(res.json().error, `${unitType} ${who}`).toMatchObject({ code: 'grid.account_not_eligible', field: 'accountId' });
    }
  }

  it('a grade: school staff and officers whose region holds the school; never a parent, another county or a class teacher', async () => {
    await expectAssign(principal, 'grade', grade, ['doctor', 'guard', 'principal', 'jinshui', 'zhengzhou'], ['parent', 'taikang', 'otherDoctor', 'teacherA', 'auditor', 'liaison']);
    const gone = await principal.request('PUT', '/api/grid', { unitType: 'grade', unitKey: grade, accountId: acct.disabled });
    expect(gone.json().error).toMatchObject({ code: 'grid.account_unknown', field: 'accountId' });
    const listed = (await principal.get(`/api/grid?schoolId=${school}`)).json().items;
    expect(listed.map((g: { accountId: number }) => g.accountId)).toEqual([acct.zhengzhou]);
  });

  it('a class and its pupils: the class teacher of that class, not of another', async () => {
    await expectAssign(principal, 'class', String(classA), ['teacherA', 'doctor'], ['teacherB', 'parent', 'taikang']);
    await expectAssign(principal, 'student', String(pupilA), ['teacherA'], ['teacherB', 'parent']);
    await expectAssign(principal, 'school', String(school), ['principal'], ['teacherA', 'taikang']);
  });

  it('a region: officers whose region contains it, not school staff', async () => {
    await expectAssign(county, 'region', '410105', ['jinshui', 'zhengzhou'], ['principal', 'taikang', 'auditor']);
  });
});
