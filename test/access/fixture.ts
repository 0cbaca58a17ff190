import type { Role } from '../../src/db/tables';
import type { TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeCoResident, makeHospital, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

export const ALL_ROLES: Role[] = [
  'province_officer', 'city_officer', 'county_officer', 'school_admin', 'school_doctor', 'class_teacher', 'gate_guard', 'parent', 'hospital_liaison', 'auditor', 'sysadmin',
];

/** Roles whose scope reaches school B in Taikang (Zhoukou) as well as school A in Jinshui (Zhengzhou). */
export const SEES_BOTH_SIDES: Role[] = ['province_officer', 'auditor', 'sysadmin'];

/**
 * Two sides of the hierarchy: everything "A" is inside every test account's scope, everything "B"
 * (another city) is outside it, except for the province-wide roles.
 */
export interface Fixture {
  schoolA: number;
  classA: number;
  gradeA: number;
  studentA: number;
  staffA: number;
  coResidentA: number;
  schoolB: number;
  classB: number;
  gradeB: number;
  studentB: number;
  staffB: number;
  hospitalA: number;
  hospitalB: number;
  victimA: number;
  victimB: number;
  accounts: Record<Role, { id: number; username: string }>;
  sessions: Record<Role, TestSession>;
  /** Capabilities put the ids of their own objects here (alerts, cases, checks …). */
  extra: Record<string, number>;
  /** The test environment, for set-up that needs an account on one side only. */
  env: TestEnv;
}

export async function buildFixture(env: TestEnv): Promise<Fixture> {
  const ctx = env.ctx;
  const schoolA = (await makeSchool(ctx, { regionCode: '410105', name: '甲校' })).id;
  const schoolB = (await makeSchool(ctx, { regionCode: '411627', name: '乙校' })).id;
  const a = await makeClass(ctx, { schoolId: schoolA });
  const b = await makeClass(ctx, { schoolId: schoolB });
  const studentA = (await makeStudent(ctx, { classId: a.id })).id;
  const studentB = (await makeStudent(ctx, { classId: b.id })).id;
  const hospitalA = (await makeHospital(ctx, { regionCode: '410105', pairWith: [schoolA] })).id;
  const hospitalB = (await makeHospital(ctx, { regionCode: '411627', pairWith: [schoolB] })).id;
  const binding: Record<Role, Parameters<typeof makeAccount>[1]> = {
    province_officer: { role: 'province_officer', regionCode: '410000' },
    city_officer: { role: 'city_officer', regionCode: '410100' },
    county_officer: { role: 'county_officer', regionCode: '410105' },
    school_admin: { role: 'school_admin', schoolId: schoolA },
    school_doctor: { role: 'school_doctor', schoolId: schoolA, canUnmask: true },
    class_teacher: { role: 'class_teacher', schoolId: schoolA, classId: a.id, canUnmask: true },
    gate_guard: { role: 'gate_guard', schoolId: schoolA },
    parent: { role: 'parent', childIds: [studentA] },
    hospital_liaison: { role: 'hospital_liaison', hospitalId: hospitalA },
    auditor: { role: 'auditor', regionCode: '410000' },
    sysadmin: { role: 'sysadmin' },
  };
  const accounts = {} as Fixture['accounts'];
  const sessions = {} as Fixture['sessions'];
  for (const role of ALL_ROLES) {
    accounts[role] = await makeAccount(ctx, binding[role]);
    sessions[role] = await login(env, accounts[role].username);
  }
  const grid = async (schoolId: number, accountId: number) =>
    (await ctx.db.insertInto('grid_responsibilities').values({ unit_type: 'school', unit_key: String(schoolId), school_id: schoolId, region_code: null, account_id: accountId, assigned_by: null }).returning('id').executeTakeFirstOrThrow()).id;
  const victimA = (await makeAccount(ctx, { role: 'gate_guard', schoolId: schoolA })).id;
  const victimB = (await makeAccount(ctx, { role: 'gate_guard', schoolId: schoolB })).id;
  return {
    schoolA, classA: a.id, gradeA: a.gradeId, studentA, staffA: (await makeStaff(ctx, { schoolId: schoolA })).id, coResidentA: (await makeCoResident(ctx, { householdOf: studentA })).id,
    schoolB, classB: b.id, gradeB: b.gradeId, studentB, staffB: (await makeStaff(ctx, { schoolId: schoolB })).id,
    hospitalA, hospitalB,
    victimA,
    victimB,
    accounts, sessions, extra: { gridA: await grid(schoolA, victimA), gridB: await grid(schoolB, victimB) },
    env,
  };
}
