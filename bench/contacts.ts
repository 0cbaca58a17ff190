// `npm run bench -- contacts [--county 300000]`: contact proposal in a 3,000-student boarding school
// and risk recomputation for a county after a new risk area, each beside a naive baseline.
import { sql } from 'kysely';
import { connect } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import { mergeLinks } from '../src/domain/contacts/propose';
import { loadRegions } from '../src/features/regions/load-regions';
import { structureLinks } from '../src/features/contacts/queries';
import { effectivePolicy } from '../src/features/policies/queries';
import { recomputeRisk } from '../src/features/risk/recompute';

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const arg = (args: string[], name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

export default async function bench(args: string[]) {
  const countyPeople = arg(args, 'county', 300_000);
  const db = await connect({ memory: true });
  await migrate(db);
  await loadRegions(db.kysely);
  const k = db.kysely;
  const policy = await effectivePolicy(k, 'covid19', null);

  // A 3,000-student boarding school: 60 classes of 50, rooms of 8, 30 dining groups, 10 bus routes, a household member each, 3 teachers per class.
  await sql`insert into schools (code, name, region_code, type, boarding) values ('B000000001', '寄宿学校', '410105', 'senior', true)`.execute(k);
  await sql`insert into grades (school_id, name, entry_year) values (1, '高一', 2026)`.execute(k);
  await sql`insert into classes (school_id, grade_id, name) select 1, 1, g || '班' from generate_series(1, 60) g`.execute(k);
  await sql`insert into dorms (school_id, building, room, capacity) select 1, 'A', g::text, 8 from generate_series(1, 375) g`.execute(k);
  await sql`insert into persons (school_id, kind, name, class_id, dorm_id, student_number) select 1, 'student', '学生' || g, 1 + (g - 1) % 60, 1 + (g - 1) / 8, 'S' || g from generate_series(1, 3000) g`.execute(k);
  await sql`insert into persons (school_id, kind, name, household_of, relation) select 1, 'co_resident', '家属' || g, g, '母亲' from generate_series(1, 3000) g`.execute(k);
  await sql`insert into persons (school_id, kind, name, staff_role) select 1, 'staff', '教师' || g, 'teacher' from generate_series(1, 180) g`.execute(k);
  await sql`insert into class_teachers (class_id, person_id) select 1 + (g - 1) / 3, 6000 + g from generate_series(1, 180) g`.execute(k);
  await sql`insert into exposure_groups (school_id, kind, name) select 1, 'dining', '餐' || g from generate_series(1, 30) g`.execute(k);
  await sql`insert into exposure_groups (school_id, kind, name) select 1, 'bus', '车' || g from generate_series(1, 10) g`.execute(k);
  await sql`insert into exposure_group_members (group_id, person_id) select 1 + (g - 1) % 30, g from generate_series(1, 3000) g`.execute(k);
  await sql`insert into exposure_group_members (group_id, person_id) select 31 + (g - 1) % 10, g from generate_series(1, 600) g`.execute(k);
  await sql`analyze`.execute(k);

  const casePersons = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % 3000));
  const fast: number[] = [];
  let proposedSize = 0;
  for (const person of casePersons) {
    const t = performance.now();
    const proposals = mergeLinks(await structureLinks(k, person), { casePersonId: person, via: policy.rules.contacts.via });
    fast.push(performance.now() - t);
    proposedSize = proposals.length;
  }
  // Baseline: what a per-person check does — for every person of the school, ask whether they share anything with the case.
  const naive: number[] = [];
  const everyone = (await k.selectFrom('persons').select('id').where('school_id', '=', 1).execute()).map((r) => r.id);
  for (const person of casePersons.slice(0, 3)) {
    const t = performance.now();
    const me = await k.selectFrom('persons').selectAll().where('id', '=', person).executeTakeFirstOrThrow();
    const found: number[] = [];
    for (const other of everyone) {
      const o = await k.selectFrom('persons').selectAll().where('id', '=', other).executeTakeFirstOrThrow();
      const shared = await sql<{ n: number }>`select count(*)::int as n from exposure_group_members a join exposure_group_members b on a.group_id = b.group_id where a.person_id = ${person} and b.person_id = ${other}`.execute(k);
      if (o.id !== me.id && (o.class_id === me.class_id || o.dorm_id === me.dorm_id || o.household_of === me.id || shared.rows[0].n > 0)) found.push(o.id);
    }
    naive.push(performance.now() - t);
  }
  console.log(`contacts: ${proposedSize} proposed per case; set-based p95 ${p95(fast).toFixed(2)} ms over ${fast.length} cases; naive per-person loop mean ${(naive.reduce((a, b) => a + b, 0) / naive.length).toFixed(0)} ms over ${naive.length} cases`);

  // A county of `countyPeople` persons in 100 schools; 5% stayed in 邵原镇, a few cases and contacts exist already.
  const perSchool = Math.ceil(countyPeople / 100);
  let t0 = performance.now();
  await sql`insert into schools (code, name, region_code, type) select 'C' || lpad(g::text, 9, '0'), '县校' || g, '419001', 'primary' from generate_series(1, 100) g`.execute(k);
  await sql`insert into grades (school_id, name, entry_year) select id, '一年级', 2026 from schools where region_code = '419001'`.execute(k);
  await sql`insert into classes (school_id, grade_id, name) select s.id, g.id, '1班' from schools s join grades g on g.school_id = s.id where s.region_code = '419001'`.execute(k);
  await sql`insert into persons (school_id, kind, name, class_id, student_number)
    select c.school_id, 'student', 'P' || g, c.id, 'N' || g from classes c cross join generate_series(1, ${perSchool}) g join schools s on s.id = c.school_id where s.region_code = '419001'`.execute(k);
  const countyIds = await sql<{ lo: number; hi: number; n: number }>`select min(p.id)::int as lo, max(p.id)::int as hi, count(*)::int as n from persons p join schools s on s.id = p.school_id where s.region_code = '419001'`.execute(k);
  const { lo, n } = countyIds.rows[0];
  await sql`insert into travel_records (person_id, region_code, place, from_date, to_date, residence, source, created_at)
    select id, '419001', case when id % 2 = 0 then '济源市邵原镇' else '济源市区' end, '2022-05-01', '2022-05-04', id % 40 = 0, 'screening', now() from persons where id >= ${lo} and id % 10 = 0`.execute(k);
  await sql`insert into cases (person_id, school_id, disease, status, found_by, policy_id, created_at, updated_at)
    select id, school_id, 'covid19', 'confirmed', 'test', ${policy.id}, now(), now() from persons where id >= ${lo} and id % 5000 = 1`.execute(k);
  await sql`insert into contacts (case_id, person_id, school_id, via, exposure_from, exposure_to, status, created_at)
    select c.id, p.id, p.school_id, '{class}', '2022-05-03', '2022-05-06', 'confirmed', now() from cases c join persons p on p.class_id = (select class_id from persons where id = c.person_id) and p.id <> c.person_id and p.id % 50 = 3`.execute(k);
  await sql`analyze`.execute(k);
  const setup = performance.now() - t0;
  const today = '2022-05-08';
  const now = new Date('2022-05-08T02:00:00Z');
  await recomputeRisk(k, { regionCode: '419001' }, { now, today }); // statuses before the area exists
  await sql`insert into risk_areas (region_code, name, level, starts_on, created_at) values ('419001', '邵原镇', 'lockdown', '2022-05-02', now())`.execute(k);
  t0 = performance.now();
  const result = await recomputeRisk(k, { regionCode: '419001' }, { now, today });
  const riskMs = performance.now() - t0;
  // Baseline: one recomputation per person (the per-person loop), on a sample, scaled to the county.
  const sample = 500;
  t0 = performance.now();
  for (let i = 0; i < sample; i++) await recomputeRisk(k, { personIds: [lo + i * Math.floor(n / sample)] }, { now, today });
  const perPerson = (performance.now() - t0) / sample;
  const naiveRiskMs = perPerson * n;
  console.log(`risk: ${n} persons in the county (set-up ${(setup / 1000).toFixed(1)} s); set-based recomputation ${(riskMs / 1000).toFixed(2)} s, ${result.evaluated} with facts, ${result.changes.length} changed; per-person loop ${perPerson.toFixed(2)} ms/person → ${(naiveRiskMs / 1000).toFixed(0)} s for the county (measured on ${sample})`);
  await db.close();
  console.log(`RESULT ${JSON.stringify({
    contactsP95Ms: Number(p95(fast).toFixed(2)), contactsTargetMs: 50, contactsProposedPerCase: proposedSize, contactsNaiveMeanMs: Math.round(naive.reduce((a, b) => a + b, 0) / naive.length),
    riskCountyPersons: n, riskRecomputeMs: Math.round(riskMs), riskTargetMs: 10_000, riskChanged: result.changes.length, riskNaiveEstimateMs: Math.round(naiveRiskMs), riskNaiveSample: sample,
  })}`);
}
