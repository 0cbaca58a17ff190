// `npm run bench -- import [--rows 50000] [--postgres] [--seed 1]`
// Imports a generated student roster (.xlsx) through the HTTP API as a logged-in school administrator,
// on a fresh database: embedded PGlite by default, a throw-away PostgreSQL cluster with --postgres, or
// DATABASE_URL (use an empty database). In the same run it measures the parts (reading the file,
// validating the rows) and a baseline: the same rows inserted by plain multi-row INSERTs without
// validation or encryption.
import { randomBytes } from 'node:crypto';
import { connect, type Db } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import type { Database } from '../src/db/tables';
import { makeIdNumber } from '../src/domain/people/id-number';
import { STUDENT_COLUMNS } from '../src/domain/roster/columns';
import { validateRoster } from '../src/domain/roster/validate';
import { between, mobile, personName, seededRng } from '../src/features/demo/names';
import { loadRegions } from '../src/features/regions/load-regions';
import { CHUNK, shanghaiDate } from '../src/features/roster/import';
import { readRosterFile } from '../src/features/roster/parse';
import { XLSX_TYPE } from '../src/features/roster/routes';
import { buildRosterWorkbook } from '../src/features/roster/workbook';
import { buildApp } from '../src/http/app';
import type { AppContext } from '../src/http/context';
import { FieldCipher } from '../src/security/crypto';
import { makeAccount } from '../test/harness/factories';
import { startCluster } from '../test/harness/postgres-cluster';
import { login } from '../test/harness/session';
import type { Kysely } from 'kysely';

const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级', '高一', '高二', '高三'];
const CLASSES_PER_GRADE = 24;
const REGION = '411627'; // 太康县

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} needs a positive integer`);
  return v;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t };
}

/** A twelve-year school with 24 classes per grade and 300 dormitory rooms. */
async function makeSchool(db: Kysely<Database>, code: string) {
  const school = await db.insertInto('schools').values({ code, name: `太康县基准测试实验学校${code.slice(-2)}`, region_code: REGION, type: 'twelve_year', boarding: true, lng: 114.85, lat: 34.06 }).returning('id').executeTakeFirstOrThrow();
  for (const [gi, grade] of GRADES.entries()) {
    const g = await db.insertInto('grades').values({ school_id: school.id, name: grade, entry_year: 2026 - gi, sort_order: gi }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('classes').values(Array.from({ length: CLASSES_PER_GRADE }, (_, c) => ({ school_id: school.id, grade_id: g.id, name: `${c + 1}班`, sort_order: c }))).execute();
  }
  // 男生1–3号楼 and 女生1–3号楼, rooms 101–150 each.
  const dorms = ['男生', '女生'].flatMap((side) => [1, 2, 3].flatMap((b) => Array.from({ length: 50 }, (_, r) => ({
    school_id: school.id, building: `${side}${b}号楼`, room: String(101 + r), capacity: 8, gender: (side === '女生' ? 'female' : 'male') as 'male' | 'female',
  }))));
  await db.insertInto('dorms').values(dorms).execute();
  return school.id;
}

/** Valid, distinct students: birth dates over twelve school years, grade from the birth date, 1–2 guardians. */
function generateRows(n: number, seed: number): string[][] {
  const rng = seededRng(seed);
  const start = Date.UTC(2008, 8, 1);
  const days = 12 * 365;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const gender = rng() < 0.52 ? 'male' : 'female';
    const day = i % days;
    const birth = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const id = makeIdNumber(REGION, birth, Math.floor(i / days) * 2, gender);
    const grade = GRADES[11 - Math.min(11, Math.floor(day / 365))];
    const name = personName(rng, gender);
    const boarding = rng() < 0.2;
    const room = between(rng, 0, 49);
    const g2 = rng() < 0.6;
    const cells: Record<string, string> = {
      姓名: name, 性别: gender === 'male' ? '男' : '女', 出生日期: birth, 身份证号: id, 学籍号: `G${id}`, 年级: grade, 班级: `${between(rng, 1, CLASSES_PER_GRADE)}班`,
      宿舍楼: boarding ? `${gender === 'male' ? '男生' : '女生'}${between(rng, 1, 3)}号楼` : '', 宿舍号: boarding ? String(101 + room) : '',
      监护人姓名: personName(rng, 'male', name[0]), 监护人关系: '父亲', 监护人电话: mobile(rng),
      监护人2姓名: g2 ? personName(rng, 'female') : '', 监护人2关系: g2 ? '母亲' : '', 监护人2电话: g2 ? mobile(rng) : '',
    };
    rows.push(STUDENT_COLUMNS.map((c) => cells[c.header]));
  }
  return rows;
}

/** The baseline: the same people and guardians by plain multi-row INSERTs, no validation, no encryption. */
async function plainInsert(db: Kysely<Database>, schoolId: number, rows: string[][]) {
  const col = (name: string) => STUDENT_COLUMNS.findIndex((c) => c.header === name);
  const classes = await db.selectFrom('classes').innerJoin('grades', 'grades.id', 'classes.grade_id').select(['classes.id', 'classes.name', 'grades.name as grade']).where('classes.school_id', '=', schoolId).execute();
  const classId = new Map(classes.map((c) => [`${c.grade}${c.name}`, c.id]));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const ids = await trx.insertInto('persons').values(part.map((r, k) => ({
        school_id: schoolId, kind: 'student' as const, name: r[col('姓名')], gender: r[col('性别')] === '男' ? ('male' as const) : ('female' as const), birth_date: r[col('出生日期')],
        id_number_enc: r[col('身份证号')], id_number_hash: `baseline-${i + k}`, id_number_masked: r[col('身份证号')], class_id: classId.get(`${r[col('年级')]}${r[col('班级')]}`)!, student_number: r[col('学籍号')],
      }))).returning('id').execute();
      const guardians = part.flatMap((r, k) => [['监护人姓名', '监护人关系', '监护人电话'], ['监护人2姓名', '监护人2关系', '监护人2电话']]
        .filter(([n]) => r[col(n)])
        .map(([n, rel, p]) => ({ student_id: ids[k].id, school_id: schoolId, name: r[col(n)], relation: r[col(rel)], phone_enc: r[col(p)], phone_masked: r[col(p)] })));
      await trx.insertInto('guardians').values(guardians).execute();
    }
  });
}

export default async function importBench(args: string[]): Promise<void> {
  const n = option(args, 'rows', 50_000);
  const seed = option(args, 'seed', 1);
  const cluster = args.includes('--postgres') ? await startCluster() : null;
  const url = cluster?.url ?? process.env.DATABASE_URL;
  let db: Db | null = null;
  try {
    db = await connect(url ? { databaseUrl: url } : { memory: true });
    await migrate(db);
    await loadRegions(db.kysely);
    const ctx: AppContext = { db: db.kysely, dbKind: db.kind, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), secureCookies: false };
    const stamp = String(Date.now()).slice(-7);
    const schoolId = await makeSchool(db.kysely, `8${stamp}01`);
    const baselineSchool = await makeSchool(db.kysely, `8${stamp}02`);
    const app = await buildApp(ctx, { webDist: null });
    const account = await makeAccount(ctx, { role: 'school_admin', schoolId });
    const session = await login({ app }, account.username);

    console.log(`roster import: ${n} students, one twelve-year school (${GRADES.length * CLASSES_PER_GRADE} classes), ${db.kind}${cluster ? ' (temporary cluster)' : url ? ' (DATABASE_URL)' : ' (in memory)'}`);
    const rows = generateRows(n, seed);
    const gen = await timed(() => buildRosterWorkbook('student', rows));
    const file = gen.value;
    console.log(`  generated ${(file.length / 1024 / 1024).toFixed(1)} MB .xlsx in ${seconds(gen.ms)} s (not counted)`);

    const parse = await timed(() => readRosterFile(file, 'xlsx'));
    const validate = await timed(async () => validateRoster('student', parse.value, { today: shanghaiDate(new Date()) }));
    if (validate.value.issues.length) throw new Error(`generated roster has problems: ${JSON.stringify(validate.value.issues.slice(0, 3))}`);

    // The baseline runs first, so the import meets the larger tables and indexes.
    const baseline = await timed(() => plainInsert(db!.kysely, baselineSchool, rows));
    const imported = await timed(() => session.request('POST', `/api/schools/${schoolId}/roster?kind=student`, file, { 'content-type': XLSX_TYPE }));
    if (imported.value.statusCode !== 200) throw new Error(`import failed: ${imported.value.statusCode} ${imported.value.body.slice(0, 500)}`);
    const result = imported.value.json() as { imported: number; guardians: number };
    const stored = await db.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow();
    if (stored.n !== n || result.imported !== n) throw new Error(`expected ${n} persons, found ${stored.n}`);

    const rate = (ms: number) => Math.round(n / (ms / 1000));
    console.log('');
    const line = (label: string, ms: number) => console.log(`  ${label.padEnd(62)} ${seconds(ms).padStart(7)}  ${String(rate(ms)).padStart(8)}`);
    console.log(`  ${'step'.padEnd(62)} ${'seconds'.padStart(7)}  ${'rows/s'.padStart(8)}`);
    line('read .xlsx (exceljs streaming reader)', parse.ms);
    line('validate rows (pure, no I/O)', validate.ms);
    line(`import via HTTP (+ DB checks, encryption, ${result.guardians} guardians)`, imported.ms);
    line('baseline: plain multi-row INSERT of the same rows', baseline.ms);
    console.log(`  target: ${n} rows in under 15 s — ${imported.ms < 15_000 ? 'met' : 'NOT met'}`);
    console.log(`RESULT ${JSON.stringify({ rowsPerSecond: rate(imported.ms), rows: n, seconds: Number(seconds(imported.ms)), baselineRowsPerSecond: rate(baseline.ms), db: db.kind, parseSeconds: Number(seconds(parse.ms)), validateSeconds: Number(seconds(validate.ms)) })}`);
    await app.close();
  } finally {
    await db?.close();
    cluster?.stop();
  }
}
