// `npm run bench -- governance-dashboard [--runs 40]`: the bureau dashboard for a city the size of
// Zhengzhou (3,636 schools, 250 hospitals, ~1.1 million students, a term of inspections and findings)
// on PostgreSQL, against a baseline that computes the same figures school by school (one query each).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import { bureauDashboard } from '../src/features/governance-dashboard/dashboard';
import { loadRegions } from '../src/features/regions/load-regions';
import type { AppContext } from '../src/http/context';
import { FieldCipher } from '../src/security/crypto';
import { startCluster } from '../test/harness/postgres-cluster';

const CITY = '410100';

function p95(ms: number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

/** Direct generator: set-based inserts, so the city is built in seconds rather than through seedDemo's per-school path. */
async function generate(ctx: AppContext) {
  const counties = (await sql<{ code: string }>`select code from regions where parent_code = ${CITY} and level = 'county' order by code`.execute(ctx.db)).rows.map((r) => r.code);
  await sql`insert into schools (code, name, region_code, type, lng, lat)
    select '7' || lpad(g::text, 9, '0'), '学校' || g, (${sql.val(counties)}::text[])[1 + g % ${counties.length}], (array['primary','junior','senior','kindergarten'])[1 + g % 4],
      113.3 + (g % 97) * 0.008, 34.5 + (g % 89) * 0.006 from generate_series(1, 3636) g`.execute(ctx.db);
  await sql`insert into grades (school_id, name, entry_year) select id, '一年级', 2026 from schools`.execute(ctx.db);
  await sql`insert into classes (school_id, grade_id, name) select g.school_id, g.id, k || '班' from grades g, generate_series(1, 8) k`.execute(ctx.db);
  await sql`insert into persons (school_id, kind, name, class_id) select c.school_id, 'student', '学生', c.id from classes c, generate_series(1, 38) k`.execute(ctx.db);
  await sql`insert into hospitals (name, region_code, capacity, lng, lat)
    select '医院' || g, (${sql.val(counties)}::text[])[1 + g % ${counties.length}], 16, 113.3 + (g % 50) * 0.015, 34.5 + (g % 47) * 0.011 from generate_series(1, 250) g`.execute(ctx.db);
  await sql`insert into school_hospital_pairings (school_id, hospital_id) select s.id, (select min(id) from hospitals) + (s.id % 250) from schools s where s.id % 40 <> 0`.execute(ctx.db);
  const acc = await sql<{ id: number }>`insert into accounts (username, display_name, password_hash, role, region_code) values ('bench', '督导', 'x', 'city_officer', ${CITY}) returning id`.execute(ctx.db);
  const owner = acc.rows[0].id;
  const version = await sql<{ id: number }>`with t as (insert into checklist_templates (key, name, created_at) values ('bench', 'bench', now()) returning id)
    insert into checklist_versions (template_id, version, items, created_at) select id, 1, '[]', now() from t returning id`.execute(ctx.db);
  await sql`insert into inspections (school_id, region_code, level, method, status, scheduled_on, checklist_version_id, created_at)
    select id, ${CITY}, 'city', 'random_spot_check', case when id % 3 = 0 then 'completed' else 'planned' end, date '2026-11-30' + (id % 70)::int - 63, ${version.rows[0].id}, now() from schools`.execute(ctx.db);
  await sql`insert into findings (school_id, source, title, owner_account_id, deadline, required_evidence, status, created_at)
    select s.id, 'manual', '问题', ${owner}, date '2026-11-30' + (k * 7 + s.id % 20)::int - 30, '照片', case when k = 1 then 'closed' else 'open' end, now()
    from schools s, generate_series(1, 3) k where s.id % 2 = 0`.execute(ctx.db);
  await sql`insert into task_forces (region_code, name, created_at) select code, '专班', now() from regions where code = any(${sql.val(counties)}::text[])`.execute(ctx.db);
  await sql`insert into duty_shifts (task_force_id, account_id, starts_at, ends_at, created_at) select id, ${owner}, timestamptz '2026-11-30 00:00+08', timestamptz '2026-12-01 00:00+08', now() from task_forces`.execute(ctx.db);
  await sql`analyze`.execute(ctx.db);
}

/** The baseline: the same core figures computed school by school, as a report built from per-school lookups would. */
async function naiveDashboard(ctx: AppContext) {
  const schools = await sql<{ id: number }>`select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${CITY}`.execute(ctx.db);
  let students = 0;
  let paired = 0;
  let open = 0;
  for (const s of schools.rows) {
    const r = await sql<{ a: number; b: number; c: number }>`select (select count(*) from persons where school_id = ${s.id} and kind = 'student' and active) as a,
      (select count(*) from school_hospital_pairings where school_id = ${s.id}) as b, (select count(*) from findings where school_id = ${s.id} and status <> 'closed') as c`.execute(ctx.db);
    students += Number(r.rows[0].a);
    paired += Number(r.rows[0].b);
    open += Number(r.rows[0].c);
  }
  return { students, paired, open };
}

export default async function governanceDashboardBench(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || 40;
  const cluster = await startCluster();
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = await connect({ databaseUrl: cluster.url.replace(/\/postgres$/, `/${name}`) });
  try {
    await migrate(db);
    await loadRegions(db.kysely);
    const ctx: AppContext = { db: db.kysely, dbKind: db.kind, cipher: new FieldCipher(randomBytes(32)), now: () => new Date('2026-11-30T04:00:00Z'), secureCookies: false };
    const t0 = performance.now();
    await generate(ctx);
    const built = performance.now() - t0;
    const size = (await sql<{ s: number; p: number }>`select (select count(*) from schools) as s, (select count(*) from persons) as p`.execute(ctx.db)).rows[0];
    console.log(`city generated in ${(built / 1000).toFixed(1)} s: ${size.s} schools, ${Number(size.p).toLocaleString('en')} students`);
    await bureauDashboard(ctx, CITY);
    const times: number[] = [];
    let figures: Awaited<ReturnType<typeof bureauDashboard>> | null = null;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      figures = await bureauDashboard(ctx, CITY);
      times.push(performance.now() - t);
    }
    const baseTimes: number[] = [];
    let base: Awaited<ReturnType<typeof naiveDashboard>> | null = null;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      base = await naiveDashboard(ctx);
      baseTimes.push(performance.now() - t);
    }
    const value = (k: string) => figures!.figures.find((f) => f.key === k)!.value;
    const agree = base!.students === value('students') && base!.paired === value('pairingCoverage') && base!.open === value('findingsOpen');
    console.log(`dashboard (set-based, ${runs} runs): p95 ${p95(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
    console.log(`baseline (per-school queries, 3 runs): p95 ${p95(baseTimes).toFixed(0)} ms; same figures: ${agree}`);
    const result = { schools: Number(size.s), students: Number(size.p), runs, p95Ms: Math.round(p95(times) * 10) / 10, medianMs: Math.round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] * 10) / 10, baselineP95Ms: Math.round(p95(baseTimes)), figuresAgree: agree, targetMs: 300, met: p95(times) <= 300 };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await db.close();
    cluster.stop();
  }
}
