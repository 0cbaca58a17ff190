// The product's daily scan (`runDailyScan`: reads, per-school calendars, detectors, raises into the alert
// queue) on PostgreSQL over a province-scale history of illness episodes, beside a baseline measured in
// the same run: one grouped read of every episode of the same 100 days (what any scan must read once).
// Episodes only: symptomatic checks would need 42 million class-check rows, and they go through the
// same statement's second branch (index check_exceptions_school_cases) finding none here.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connect } from '../../src/db/connect';
import { migrate } from '../../src/db/migrate';
import { addDays, defaultCalendar, isSchoolDay } from '../../src/domain/calendar';
import { mulberry32, poisson } from '../../src/domain/random/prng';
import { runDailyScan } from '../../src/features/alerts/scan';
import { loadRegions } from '../../src/features/regions/load-regions';
import { FieldCipher } from '../../src/security/crypto';
import { startCluster } from '../../test/harness/postgres-cluster';

/** The scan's day (a Friday) and the school days before it that hold the history. */
const SCAN_DATE = '2026-11-27';
const CLASSES_PER_SCHOOL = 15;
/** Students per class who fall ill, in turn across the school (one child's episodes weeks apart stay separate illnesses). */
const PERSONS_PER_CLASS = 2;
const SYMPTOMS: string[][] = [['cough', 'fever'], ['diarrhea'], ['rash'], ['fever'], []];
const SYMPTOM_SHARE = [0.3, 0.09, 0.03, 0.18, 0.4];

export interface DbScanResult {
  schools: number;
  classes: number;
  counties: number;
  episodes: number;
  generateSeconds: number;
  seconds: number;
  baselineSeconds: number;
  signals: number;
  raised: number;
  schoolsScanned: number;
  classesScanned: number;
  rssMb: number;
}

export async function dbScan(seed: number, scale: number, log: (line: string) => void): Promise<DbScanResult> {
  const cluster = await startCluster();
  const db = await connect({ databaseUrl: cluster.url });
  try {
    const t0 = performance.now();
    await migrate(db);
    await loadRegions(db.kysely);
    const counties = (await sql<{ code: string }>`select code from regions where level = 'county' and code like '41%' order by code`.execute(db.kysely)).rows.map((r) => r.code);
    const schoolsN = Math.round(47_000 * scale);
    const countiesN = Math.max(1, Math.min(counties.length, Math.round(157 * scale)));
    await sql`insert into schools (code, name, region_code, type)
      select 'S' || g, '扫描学校' || g, (${sql.val(counties.slice(0, countiesN))}::text[])[1 + g % ${countiesN}], 'primary' from generate_series(1, ${schoolsN}) g`.execute(db.kysely);
    await sql`insert into grades (school_id, name, entry_year) select id, '一年级', 2026 from schools`.execute(db.kysely);
    await sql`insert into classes (school_id, grade_id, name) select g.school_id, g.id, n || '班' from grades g, generate_series(1, ${CLASSES_PER_SCHOOL}) n`.execute(db.kysely);
    await sql`insert into persons (school_id, kind, name, class_id, student_number)
      select c.school_id, 'student', '学生' || c.id || '-' || n, c.id, c.id || '-' || n
      from classes c, generate_series(1, ${PERSONS_PER_CLASS}) n`.execute(db.kysely);
    await sql`analyze`.execute(db.kysely);
    const schools = (await sql<{ id: number; classes: number[]; persons: number[] }>`select s.id,
        (select array_agg(c.id order by c.id) from classes c where c.school_id = s.id) as classes,
        (select array_agg(p.id order by p.id) from persons p where p.school_id = s.id) as persons
      from schools s order by s.id`.execute(db.kysely)).rows;

    // 60 school days up to the scan's day; onsets per class and day from each school's own rate (0.02–0.12
    // a class-day, kindergartens to middle schools), and an outbreak in one class in 2,000.
    const calendar = defaultCalendar(2025, 2027);
    const days: string[] = [];
    for (let d = SCAN_DATE; days.length < 60; d = addDays(d, -1)) if (isSchoolDay(d, calendar).schoolDay) days.unshift(d);
    const rng = mulberry32(seed);
    let episodes = 0;
    let chunk: { school: number[]; cls: number[]; person: number[]; day: string[]; symptoms: number[] } = { school: [], cls: [], person: [], day: [], symptoms: [] };
    const flush = async () => {
      if (!chunk.school.length) return;
      await sql`insert into absence_episodes (school_id, person_id, class_id, kind, status, opened_on, last_absent_on, closed_on, symptoms, created_at, updated_at)
        select u.s, u.p, u.c, 'illness', 'closed', u.d, u.d + 1, u.d + 2, (${sql.val(SYMPTOMS.map((s) => `{${s.join(',')}}`))}::text[])[u.k + 1]::text[], now(), now()
        from unnest(${sql.val(chunk.school)}::bigint[], ${sql.val(chunk.person)}::bigint[], ${sql.val(chunk.cls)}::bigint[], ${sql.val(chunk.day)}::date[], ${sql.val(chunk.symptoms)}::int[]) as u(s, p, c, d, k)`.execute(db.kysely);
      episodes += chunk.school.length;
      chunk = { school: [], cls: [], person: [], day: [], symptoms: [] };
    };
    const symptomsOf = () => {
      let u = rng();
      for (let k = 0; k < SYMPTOM_SHARE.length; k++) if ((u -= SYMPTOM_SHARE[k]) < 0) return k;
      return SYMPTOM_SHARE.length - 1;
    };
    for (const s of schools) {
      const rate = 0.02 + rng() * 0.1;
      let turn = 0;
      for (const c of s.classes) {
        const outbreakDay = rng() < 0.0005 ? 40 + Math.floor(rng() * 20) : -1;
        for (let t = 0; t < days.length; t++) {
          let y = poisson(rng, rate);
          if (outbreakDay >= 0 && t >= outbreakDay) y += poisson(rng, 1 + (t - outbreakDay));
          for (let i = 0; i < y; i++) {
            chunk.school.push(s.id);
            chunk.cls.push(c);
            chunk.person.push(s.persons[turn++ % s.persons.length]);
            chunk.day.push(days[t]);
            chunk.symptoms.push(outbreakDay >= 0 && t >= outbreakDay ? 0 : symptomsOf());
          }
        }
      }
      if (chunk.school.length >= 50_000) await flush();
    }
    await flush();
    await sql`analyze`.execute(db.kysely);
    const generateSeconds = (performance.now() - t0) / 1000;
    log(`database: ${schools.length} schools, ${schools.length * CLASSES_PER_SCHOOL} classes, ${countiesN} counties, ${episodes} illness episodes over ${days.length} school days; generated in ${generateSeconds.toFixed(0)} s`);

    const ctx = { db: db.kysely, dbKind: 'postgres' as const, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(`${SCAN_DATE}T10:30:00Z`), secureCookies: false };
    const b0 = performance.now();
    const read = await sql<{ n: number }>`select count(*)::int as n from (
        select school_id, class_id, opened_on, symptoms, count(*) from absence_episodes
        where kind = 'illness' and opened_on between ${addDays(SCAN_DATE, -100)}::date and ${SCAN_DATE}::date group by 1, 2, 3, 4) g`.execute(db.kysely);
    const baselineSeconds = (performance.now() - b0) / 1000;
    const s0 = performance.now();
    const scan = await runDailyScan(ctx, SCAN_DATE);
    const seconds = (performance.now() - s0) / 1000;
    const rssMb = Math.round(process.memoryUsage().rss / 1e6);
    log(`product scan (runDailyScan): ${seconds.toFixed(1)} s for ${scan.schools} schools and ${scan.classes} classes scanned in ${scan.counties} counties, ${scan.signals} signals, ${scan.raised} alerts raised`);
    log(`baseline, one grouped read of all episodes of the 100 days (${read.rows[0].n} groups): ${baselineSeconds.toFixed(1)} s; ratio ${(seconds / baselineSeconds).toFixed(1)}; resident memory ${rssMb} MB`);
    return {
      schools: schools.length, classes: schools.length * CLASSES_PER_SCHOOL, counties: countiesN, episodes, generateSeconds: Math.round(generateSeconds),
      seconds: Math.round(seconds * 10) / 10, baselineSeconds: Math.round(baselineSeconds * 10) / 10, signals: scan.signals, raised: scan.raised,
      schoolsScanned: scan.schools, classesScanned: scan.classes, rssMb,
    };
  } finally {
    await db.close();
    await cluster.stop();
  }
}
