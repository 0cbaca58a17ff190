import type { Insertable, Kysely } from 'kysely';
import type { Database, PersonsTable, Role } from '../../db/tables';
import { makeIdNumber, maskIdNumber, maskPhone } from '../../domain/people/id-number';
import type { AppContext } from '../../http/context';
import { hashPassword } from '../../security/crypto';
import { seedCampusDemo } from '../gate/demo';
import { seedGovernanceDemo } from '../plans/governance-demo';
import { loadRegions } from '../regions/load-regions';
import { seedResponseDemo } from '../screening/demo';
import { between, mobile, occupation, personName, pick, type Rng, seededRng } from './names';
import { type PlannedSchool, type Scale, planSchools } from './school-plan';

export const DEMO_PASSWORD = 'spring-rain-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  roleZh: string;
  roleEn: string;
}

/** One account per role; the school roles work in the first demo school (金水区, a primary school). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'henan', displayName: '省教育厅 防控专班', role: 'province_officer', roleZh: '省级教育局', roleEn: 'province bureau officer (Henan)' },
  { username: 'zhengzhou', displayName: '郑州市教育局 督导科', role: 'city_officer', roleZh: '市级教育局', roleEn: 'city bureau officer (Zhengzhou)' },
  { username: 'jinshui', displayName: '金水区教体局 防控办', role: 'county_officer', roleZh: '县（区）教育局', roleEn: 'county bureau officer (Jinshui)' },
  { username: 'taikang', displayName: '太康县教体局 防控办', role: 'county_officer', roleZh: '县（区）教育局', roleEn: 'county bureau officer (Taikang)' },
  { username: 'principal', displayName: '刘校长', role: 'school_admin', roleZh: '学校管理员（校长）', roleEn: 'school administrator' },
  { username: 'doctor', displayName: '王校医', role: 'school_doctor', roleZh: '校医', roleEn: 'school doctor' },
  { username: 'teacher', displayName: '陈老师', role: 'class_teacher', roleZh: '班主任', roleEn: 'class teacher' },
  { username: 'guard', displayName: '赵师傅', role: 'gate_guard', roleZh: '门卫', roleEn: 'gate guard' },
  { username: 'parent', displayName: '学生家长', role: 'parent', roleZh: '家长', roleEn: 'parent' },
  { username: 'hospital', displayName: '对口医院联络员', role: 'hospital_liaison', roleZh: '对口医院联络员', roleEn: 'hospital liaison' },
  { username: 'auditor', displayName: '审计员', role: 'auditor', roleZh: '审计员', roleEn: 'auditor' },
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin', roleZh: '系统管理员', roleEn: 'system administrator' },
];

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').where('username', '=', 'admin').executeTakeFirst());
}

type Progress = (done: number, total: number, label: string) => void;

async function insertMany<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[], chunk = 500) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const result = await db.insertInto(table).values(part as never).returning('id' as never).execute();
    for (const r of result as unknown as { id: number }[]) ids.push(r.id);
  }
  return ids;
}

/** Generates the demo region: regions, schools, classes, dorms, people, hospitals, pairings, grid and accounts. */
export async function seedDemo(ctx: AppContext, options: { scale: Scale; seed?: number; progress?: Progress }) {
  const rng = seededRng(options.seed ?? 20220501);
  const db = ctx.db;
  await loadRegions(db);
  const plan = planSchools(options.scale, rng);
  const schoolIds: number[] = [];
  let firstClassOfFirstSchool = 0;
  for (let i = 0; i < plan.length; i++) {
    const id = await db.transaction().execute((trx) => seedSchool(ctx, trx, plan[i], rng, i));
    schoolIds.push(id.schoolId);
    if (i === 0) firstClassOfFirstSchool = id.firstClassId;
    options.progress?.(i + 1, plan.length, plan[i].name);
  }
  await seedHospitals(db, plan, schoolIds, rng);
  await seedAccountsAndGrid(db, plan, schoolIds, firstClassOfFirstSchool);
  await seedCampusDemo(ctx);
  await seedGovernanceDemo(ctx);
  await seedResponseDemo(ctx);
  return { schools: plan.length };
}

const usedIds = new Set<string>();

/** A valid ID number not yet used in this run (region, birth date, sequence and gender as given). */
function uniqueIdNumber(region: string, birth: string, start: number, gender: 'male' | 'female'): string {
  for (let k = 0; k < 2000; k += 2) {
    const id = makeIdNumber(region, birth, start + k, gender);
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
  throw new Error(`no free ID number for ${region} ${birth}`);
}

async function seedSchool(ctx: AppContext, db: Kysely<Database>, s: PlannedSchool, rng: Rng, index: number) {
  const { id: schoolId } = await db
    .insertInto('schools')
    .values({ code: s.code, name: s.name, region_code: s.countyCode, type: s.type, boarding: s.boarding, address: s.address, lng: s.lng, lat: s.lat })
    .returning('id')
    .executeTakeFirstOrThrow();
  const students: Insertable<PersonsTable>[] = [];
  const guardianPlans: { name: string; relation: string; phone: string }[][] = [];
  let firstClassId = 0;
  let dormRooms: number[] = [];
  if (s.boarding) {
    const rooms = Math.ceil(s.grades.reduce((n, g) => n + g.classes.reduce((a, b) => a + b, 0), 0) / 8) + 2;
    const dormRows = Array.from({ length: rooms }, (_, r) => ({ school_id: schoolId, building: `${r % 2 ? '女生' : '男生'}${Math.floor(r / 40) + 1}号楼`, room: String(101 + (r % 40)), capacity: 8, gender: (r % 2 ? 'female' : 'male') as 'male' | 'female' }));
    dormRooms = await insertMany(db, 'dorms', dormRows);
  }
  const dormFill = new Map<number, number>();
  let seq = index * 7919;
  for (const [gi, grade] of s.grades.entries()) {
    const { id: gradeId } = await db.insertInto('grades').values({ school_id: schoolId, name: grade.name, entry_year: grade.entryYear, sort_order: gi }).returning('id').executeTakeFirstOrThrow();
    for (const [ci, size] of grade.classes.entries()) {
      const { id: classId } = await db.insertInto('classes').values({ school_id: schoolId, grade_id: gradeId, name: `${ci + 1}班`, sort_order: ci }).returning('id').executeTakeFirstOrThrow();
      firstClassId ||= classId;
      for (let k = 0; k < size; k++) {
        const gender = rng() < 0.52 ? 'male' : 'female';
        const birthYear = 2026 - grade.age - (rng() < 0.7 ? 1 : 0);
        const birth = `${birthYear}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}`;
        const idNumber = uniqueIdNumber(s.countyCode, birth, seq++ % 1000, gender);
        const name = personName(rng, gender);
        let dormId: number | null = null;
        if (dormRooms.length && (s.type === 'senior' || rng() < 0.6)) {
          const candidates = dormRooms.filter((_, r) => (r % 2 === 1) === (gender === 'female'));
          dormId = candidates.find((d) => (dormFill.get(d) ?? 0) < 8) ?? null;
          if (dormId) dormFill.set(dormId, (dormFill.get(dormId) ?? 0) + 1);
        }
        students.push({
          school_id: schoolId, kind: 'student', name, gender, birth_date: birth,
          id_number_enc: ctx.cipher.encrypt(idNumber), id_number_hash: ctx.cipher.lookupHash(`${idNumber}`), id_number_masked: maskIdNumber(idNumber),
          class_id: classId, dorm_id: dormId, student_number: `${s.code.slice(-6)}${grade.entryYear}${String(students.length + 1).padStart(4, '0')}`,
        });
        const parentPhone = mobile(rng);
        const guardians = [{ name: personName(rng, 'male', name[0]), relation: '父亲', phone: parentPhone }];
        if (rng() < 0.7) guardians.push({ name: personName(rng, 'female'), relation: '母亲', phone: mobile(rng) });
        guardianPlans.push(guardians);
      }
    }
  }
  // Demo student numbers: school, entry year and a running number (real ones are often G + ID number, shown masked).
  const studentIds = await insertMany(db, 'persons', students);
  const guardianRows = studentIds.flatMap((sid, i) =>
    guardianPlans[i].map((g) => ({ student_id: sid, school_id: schoolId, name: g.name, relation: g.relation, phone_enc: ctx.cipher.encrypt(g.phone), phone_masked: maskPhone(g.phone) })),
  );
  await insertMany(db, 'guardians', guardianRows, 1000);

  const studentCount = students.length;
  const staff: Insertable<PersonsTable>[] = [];
  const addStaff = (staffRole: PersonsTable['staff_role'], keyPosition: PersonsTable['key_position'], count: number) => {
    for (let i = 0; i < count; i++) {
      const gender = rng() < 0.6 ? 'female' : 'male';
      const birth = `${between(rng, 1966, 2000)}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}`;
      const idNumber = uniqueIdNumber(s.countyCode, birth, seq++ % 1000, gender);
      const phone = mobile(rng);
      staff.push({
        school_id: schoolId, kind: 'staff', name: personName(rng, gender), gender, birth_date: birth,
        id_number_enc: ctx.cipher.encrypt(idNumber), id_number_hash: ctx.cipher.lookupHash(idNumber), id_number_masked: maskIdNumber(idNumber),
        phone_enc: ctx.cipher.encrypt(phone), phone_masked: maskPhone(phone), staff_role: staffRole, key_position: keyPosition,
      });
    }
  };
  addStaff('principal', null, 1);
  addStaff('doctor', null, 1);
  addStaff('teacher', null, Math.max(3, Math.round(studentCount / 15)));
  addStaff('security', 'security', between(rng, 2, 4));
  addStaff('cleaning', 'cleaning', Math.max(2, Math.round(studentCount / 300)));
  addStaff('catering', 'catering', Math.max(2, Math.round(studentCount / (s.boarding ? 100 : 250))));
  if (s.boarding) addStaff('dormitory', 'dormitory', Math.max(2, Math.round(studentCount / 200)));
  const staffIds = await insertMany(db, 'persons', staff);

  // Household members (共同居住人) for a share of students and staff, with occupations and their risk.
  const coResidents: Insertable<PersonsTable>[] = [];
  const hosts = [...studentIds.filter(() => rng() < 0.25), ...staffIds.filter(() => rng() < 0.2)];
  for (const host of hosts) {
    const n = rng() < 0.7 ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const gender = rng() < 0.5 ? 'male' : 'female';
      const occ = occupation(rng);
      const phone = mobile(rng);
      coResidents.push({
        school_id: schoolId, kind: 'co_resident', name: personName(rng, gender), gender, household_of: host,
        relation: pick(rng, gender === 'male' ? ['父亲', '祖父', '外祖父', '兄弟'] : ['母亲', '祖母', '外祖母', '姐妹']),
        occupation: occ.name, high_risk_occupation: occ.highRisk, phone_enc: ctx.cipher.encrypt(phone), phone_masked: maskPhone(phone),
      });
    }
  }
  await insertMany(db, 'persons', coResidents);
  return { schoolId, firstClassId };
}

const HOSPITAL_KINDS = [
  { suffix: '人民医院', level: '三级', kind: 'hospital' as const, capacity: 40 },
  { suffix: '中医院', level: '二级', kind: 'hospital' as const, capacity: 25 },
  { suffix: '妇幼保健院', level: '二级', kind: 'hospital' as const, capacity: 20 },
  { suffix: '疾病预防控制中心', level: '', kind: 'cdc' as const, capacity: 30 },
];

/** Hospitals per county and a nearest-with-capacity pairing, leaving the last school unpaired to show the gap. */
async function seedHospitals(db: Kysely<Database>, plan: PlannedSchool[], schoolIds: number[], rng: Rng) {
  const counties = [...new Set(plan.map((s) => s.countyCode))];
  const regions = await db.selectFrom('regions').select(['code', 'name', 'lng', 'lat']).where('code', 'in', counties).execute();
  for (const region of regions) {
    const schools = plan.map((s, i) => ({ s, id: schoolIds[i] })).filter((x) => x.s.countyCode === region.code);
    const needed = Math.max(2, Math.ceil(schools.length / 25));
    const rows = Array.from({ length: needed }, (_, i) => {
      const k = HOSPITAL_KINDS[i % HOSPITAL_KINDS.length];
      return {
        name: `${region.name}${k.suffix}${i >= HOSPITAL_KINDS.length ? `第${Math.floor(i / HOSPITAL_KINDS.length) + 1}分院` : ''}`,
        kind: k.kind, level: k.level, region_code: region.code, address: `${region.name}${pick(rng, ['健康路', '卫生路', '人民路'])}${between(rng, 1, 200)}号`,
        lng: region.lng == null ? null : region.lng + (rng() - 0.5) * 0.08, lat: region.lat == null ? null : region.lat + (rng() - 0.5) * 0.06,
        capacity: k.capacity, contact_name: personName(rng, rng() < 0.5 ? 'male' : 'female'), contact_phone: mobile(rng),
      };
    });
    const hospitalIds = await insertMany(db, 'hospitals', rows);
    const load = new Map<number, number>();
    const pairs = schools.slice(0, schools.length - (region.code === '410105' ? 1 : 0)).map(({ s, id }) => {
      const ranked = hospitalIds
        .map((hid, i) => ({ hid, cap: rows[i].capacity, d: ((rows[i].lng ?? 0) - (s.lng ?? 0)) ** 2 + ((rows[i].lat ?? 0) - (s.lat ?? 0)) ** 2 }))
        .sort((a, b) => a.d - b.d);
      const chosen = ranked.find((h) => (load.get(h.hid) ?? 0) < h.cap) ?? ranked[0];
      load.set(chosen.hid, (load.get(chosen.hid) ?? 0) + 1);
      return { school_id: id, hospital_id: chosen.hid };
    });
    if (pairs.length) await db.insertInto('school_hospital_pairings').values(pairs).execute();
  }
}

async function seedAccountsAndGrid(db: Kysely<Database>, plan: PlannedSchool[], schoolIds: number[], classId: number) {
  const schoolId = schoolIds[0];
  const hash = await hashPassword(DEMO_PASSWORD);
  const child = await db.selectFrom('persons').select('id').where('class_id', '=', classId).orderBy('id').executeTakeFirstOrThrow();
  const pairing = await db.selectFrom('school_hospital_pairings').select('hospital_id').where('school_id', '=', schoolId).executeTakeFirst();
  const binding: Record<string, Partial<Insertable<Database['accounts']>>> = {
    henan: { region_code: '410000' }, zhengzhou: { region_code: '410100' }, jinshui: { region_code: plan[0].countyCode }, taikang: { region_code: '411627' },
    principal: { school_id: schoolId }, doctor: { school_id: schoolId, can_unmask: true }, teacher: { school_id: schoolId, class_id: classId },
    guard: { school_id: schoolId }, parent: {}, hospital: { hospital_id: pairing?.hospital_id ?? null }, auditor: { region_code: '410000' }, admin: {},
  };
  const ids = new Map<string, number>();
  // `admin` goes last: its presence marks a finished seed.
  for (const a of DEMO_ACCOUNTS) {
    const row = await db
      .insertInto('accounts')
      .values({ username: a.username, display_name: a.displayName, password_hash: hash, role: a.role, region_code: null, school_id: null, class_id: null, hospital_id: null, person_id: null, email: null, phone: null, disabled_at: null, ...binding[a.username] })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(a.username, row.id);
    if (a.username === 'parent') await db.insertInto('account_children').values({ account_id: row.id, person_id: child.id }).execute();
  }
  // Grid: the county officer answers for the county, the principal for the school, the teacher for the first class;
  // other classes stay open so the coverage view has gaps to show.
  await db
    .insertInto('grid_responsibilities')
    .values([
      { unit_type: 'region', unit_key: plan[0].countyCode, region_code: plan[0].countyCode, school_id: null, account_id: ids.get('jinshui')!, assigned_by: ids.get('admin')! },
      { unit_type: 'region', unit_key: '410100', region_code: '410100', school_id: null, account_id: ids.get('zhengzhou')!, assigned_by: ids.get('admin')! },
      { unit_type: 'school', unit_key: String(schoolId), school_id: schoolId, region_code: null, account_id: ids.get('principal')!, assigned_by: ids.get('admin')! },
      { unit_type: 'class', unit_key: String(classId), school_id: schoolId, region_code: null, account_id: ids.get('teacher')!, assigned_by: ids.get('admin')! },
    ])
    .execute();
}
