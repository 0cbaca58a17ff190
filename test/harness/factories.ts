import type { Role, SchoolType, StaffRole, KeyPosition } from '../../src/db/tables';
import { makeIdNumber, maskIdNumber } from '../../src/domain/people/id-number';
import type { AppContext } from '../../src/http/context';
import { hashPassword } from '../../src/security/crypto';

/** Factories for feature tests: each makes one valid object with sensible defaults and returns its id. */
let counter = 0;
const next = () => ++counter;
export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | null = null;

export async function makeSchool(ctx: AppContext, o: { regionCode?: string; type?: SchoolType; boarding?: boolean; name?: string; lng?: number; lat?: number } = {}) {
  const n = next();
  const row = await ctx.db
    .insertInto('schools')
    .values({ code: `9${String(n).padStart(9, '0')}`, name: o.name ?? `测试学校${n}`, region_code: o.regionCode ?? '410105', type: o.type ?? 'primary', boarding: o.boarding ?? false, lng: o.lng ?? 113.66, lat: o.lat ?? 34.8 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function makeClass(ctx: AppContext, o: { schoolId: number; gradeName?: string; name?: string }) {
  const gradeName = o.gradeName ?? '一年级';
  let grade = await ctx.db.selectFrom('grades').select('id').where('school_id', '=', o.schoolId).where('name', '=', gradeName).executeTakeFirst();
  grade ??= await ctx.db.insertInto('grades').values({ school_id: o.schoolId, name: gradeName, entry_year: 2026 }).returning('id').executeTakeFirstOrThrow();
  const row = await ctx.db.insertInto('classes').values({ school_id: o.schoolId, grade_id: grade.id, name: o.name ?? `${next()}班` }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, gradeId: grade.id, schoolId: o.schoolId };
}

export async function makeDorm(ctx: AppContext, o: { schoolId: number; room?: string; capacity?: number }) {
  const row = await ctx.db.insertInto('dorms').values({ school_id: o.schoolId, building: '1号楼', room: o.room ?? String(100 + next()), capacity: o.capacity ?? 8, gender: null }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function makeStudent(ctx: AppContext, o: { classId: number; name?: string; dormId?: number; gender?: 'male' | 'female'; idNumber?: string }) {
  const cls = await ctx.db.selectFrom('classes').select('school_id').where('id', '=', o.classId).executeTakeFirstOrThrow();
  const n = next();
  const gender = o.gender ?? (n % 2 ? 'male' : 'female');
  const id = o.idNumber ?? makeIdNumber('410105', `2019-0${1 + (n % 9)}-1${n % 10}`, n, gender);
  const row = await ctx.db
    .insertInto('persons')
    .values({
      school_id: cls.school_id, kind: 'student', name: o.name ?? `学生${n}`, gender, birth_date: null, class_id: o.classId, dorm_id: o.dormId ?? null,
      student_number: `S${n}`, id_number_enc: ctx.cipher.encrypt(id), id_number_hash: ctx.cipher.lookupHash(id), id_number_masked: maskIdNumber(id),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, schoolId: cls.school_id, idNumber: id };
}

export async function makeStaff(ctx: AppContext, o: { schoolId: number; staffRole?: StaffRole; keyPosition?: KeyPosition | null; name?: string }) {
  const n = next();
  const row = await ctx.db
    .insertInto('persons')
    .values({ school_id: o.schoolId, kind: 'staff', name: o.name ?? `教职工${n}`, gender: 'female', staff_role: o.staffRole ?? 'teacher', key_position: o.keyPosition ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function makeCoResident(ctx: AppContext, o: { householdOf: number; occupation?: string; highRisk?: boolean }) {
  const host = await ctx.db.selectFrom('persons').select('school_id').where('id', '=', o.householdOf).executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('persons')
    .values({ school_id: host.school_id, kind: 'co_resident', name: `家属${next()}`, gender: 'male', household_of: o.householdOf, relation: '父亲', occupation: o.occupation ?? '企业职员', high_risk_occupation: o.highRisk ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function makeHospital(ctx: AppContext, o: { regionCode?: string; capacity?: number; pairWith?: number[] } = {}) {
  const row = await ctx.db.insertInto('hospitals').values({ name: `测试医院${next()}`, region_code: o.regionCode ?? '410105', capacity: o.capacity ?? 20, lng: 113.6, lat: 34.8 }).returning('id').executeTakeFirstOrThrow();
  for (const schoolId of o.pairWith ?? []) await ctx.db.insertInto('school_hospital_pairings').values({ school_id: schoolId, hospital_id: row.id }).execute();
  return { id: row.id };
}

export interface AccountOptions {
  role: Role;
  regionCode?: string;
  schoolId?: number;
  classId?: number;
  hospitalId?: number;
  childIds?: number[];
  canUnmask?: boolean;
  username?: string;
}

export async function makeAccount(ctx: AppContext, o: AccountOptions) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = o.username ?? `${o.role}_${next()}`;
  const row = await ctx.db
    .insertInto('accounts')
    .values({
      username, display_name: username, password_hash: await passwordHash, role: o.role, region_code: o.regionCode ?? null, school_id: o.schoolId ?? null,
      class_id: o.classId ?? null, hospital_id: o.hospitalId ?? null, person_id: null, can_unmask: o.canUnmask ?? false, email: null, phone: null, disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const personId of o.childIds ?? []) await ctx.db.insertInto('account_children').values({ account_id: row.id, person_id: personId }).execute();
  return { id: row.id, username, password: TEST_PASSWORD };
}
