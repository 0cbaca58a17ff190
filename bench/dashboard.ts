// `npm run bench -- dashboard [--quick] [--runs 40]`
// City-scale daily-monitoring data on a throw-away PostgreSQL: 3,636 schools of one city (Zhengzhou's
// counties), 32 classes each, morning and noon checks on 90 school days of a term with about 2 % of
// reports missing: ≥ 20 million class-check rows, generated inside PostgreSQL (generate_series), and the
// summary tables built from them. Then the bureau dashboard's queries (src/features/dashboards/queries.ts:
// trend over 30 days with the opening of the window's expected schools (src/features/dashboards/window.ts),
// child regions, schools sorted by illness-absence rate) for the city and for a county, beside the same
// figures computed from the raw rows in the same run. `--quick`: 364 schools.
import { sql } from 'kysely';
import { connect } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import { addDays } from '../src/domain/calendar/dates';
import { childRegions, regionTrend, schoolsOfRegion } from '../src/features/dashboards/queries';
import { openWindow } from '../src/features/dashboards/window';
import { loadRegions } from '../src/features/regions/load-regions';
import { startCluster } from '../test/harness/postgres-cluster';

const CITY = '410100';
const option = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10 : 0;
};
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

export default async function dashboardBench(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const schoolsN = quick ? 364 : 3636;
  const classesPerSchool = 32;
  const runs = option(args, 'runs', quick ? 20 : 40);
  const rawRuns = option(args, 'raw-runs', quick ? 5 : 3);
  // Generation needs no durability; the queries read from memory and disk either way.
  const cluster = await startCluster({ fsync: false });
  const db = await connect({ databaseUrl: cluster.url });
  try {
    await migrate(db);
    await loadRegions(db.kysely);
    const k = db.kysely;
    const t0 = performance.now();
    await sql`set max_parallel_workers_per_gather = 2`.execute(k);
    await sql`insert into schools (code, name, region_code, type)
      select 'D' || g, '学校' || g, (array(select code from regions where parent_code = ${CITY} order by code))[1 + g % (select count(*) from regions where parent_code = ${CITY})::int], 'primary'
      from generate_series(1, ${schoolsN}) g`.execute(k);
    await sql`insert into grades (school_id, name, entry_year) select id, '一年级', 2026 from schools`.execute(k);
    await sql`insert into classes (school_id, grade_id, name) select g.school_id, g.id, n || '班' from grades g, generate_series(1, ${classesPerSchool}) n`.execute(k);
    // Ninety weekdays of the autumn term (holidays do not change what is measured).
    const days = (await sql<{ d: string }>`select d::date::text as d from generate_series('2026-09-01'::date, '2027-01-31'::date, '1 day') d
      where extract(isodow from d) < 6 order by d limit 90`.execute(k)).rows.map((r) => r.d);
    // Bulk load without the secondary indexes, then build them: the usual way to load a table.
    await sql`drop index class_checks_class_day, class_checks_staff_day, class_checks_school_day`.execute(k);
    // Deterministic figures per class, day and session from a hash; about 2 % of reports are missing.
    await sql`insert into class_checks (school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, zero_report, submitted_at, updated_at, late)
      select c.school_id, c.id, d.day, s.session, e.expected, e.expected - e.ill - e.other, e.ill, e.other, e.sym, e.ill + e.other + e.sym = 0,
        d.day + time '08:30' - interval '8 hours', d.day + time '08:30' - interval '8 hours', e.h % 100 < 3
      from classes c
      cross join (select unnest(${sql.val(days)}::date[]) as day, generate_series(1, ${days.length}) as dn) d
      cross join (values ('morning', 1), ('noon', 2)) s(session, sn)
      cross join lateral (select h, 38 + (c.id % 9)::int as expected, (h % 97 < 6)::int + (h % 89 < 2)::int as ill, (h % 83 < 5)::int as other, (h % 71 < 4)::int as sym
        from (select abs(hashint8(c.id * 1000 + d.dn * 3 + s.sn)) as h) x) e
      where e.h % 50 <> 0`.execute(k);
    const tLoaded = seconds(t0);
    const t1 = performance.now();
    await sql`create unique index class_checks_class_day on class_checks (class_id, check_date, session) where class_id is not null`.execute(k);
    await sql`create unique index class_checks_staff_day on class_checks (school_id, check_date, session) where class_id is null`.execute(k);
    await sql`create index class_checks_school_day on class_checks (school_id, check_date)`.execute(k);
    const tIndexed = seconds(t1);
    const t2 = performance.now();
    await sql`insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected, classes_reported, classes_on_time, expected, present, absent_ill, absent_other, symptomatic)
      select c.school_id, s.region_code, c.check_date, c.session, ${classesPerSchool} * 42, ${classesPerSchool}, count(*), count(*) filter (where not c.late),
        sum(c.expected), sum(c.present), sum(c.absent_ill), sum(c.absent_other), sum(c.symptomatic)
      from class_checks c join schools s on s.id = c.school_id group by c.school_id, s.region_code, c.check_date, c.session`.execute(k);
    await sql`insert into region_day_summary (region_code, check_date, session, schools, enrolled, classes_expected, classes_reported, classes_on_time, expected, present, absent_ill, absent_other, symptomatic)
      select region_code, check_date, session, count(*), sum(enrolled), sum(classes_expected), sum(classes_reported), sum(classes_on_time), sum(expected), sum(present), sum(absent_ill), sum(absent_other), sum(symptomatic)
      from school_day_summary group by region_code, check_date, session`.execute(k);
    // School days without any check (the make-up working days of the holiday table) get their rows as a
    // first view of them would open them, so the measured views find the steady state.
    const opened = (await openWindow(k, CITY, days[0], days[days.length - 1], 'morning')).opened;
    await sql`vacuum analyze`.execute(k);
    const tSummaries = seconds(t2);
    const rows = Number((await sql<{ n: number }>`select count(*)::int as n from class_checks`.execute(k)).rows[0].n);
    const county = (await sql<{ code: string }>`select s.region_code as code from schools s group by s.region_code order by count(*) desc, s.region_code limit 1`.execute(k)).rows[0].code;
    console.log(`data: ${schoolsN} schools, ${rows.toLocaleString('en')} class-check rows over ${days.length} days; loaded in ${tLoaded}, indexed in ${tIndexed}, summaries in ${tSummaries} (${opened} school days opened)`);

    // One dashboard view: 30-day trend, the child regions (a city) and the schools sorted by rate.
    const view = async (code: string, date: string) => {
      const { schoolDays } = await openWindow(k, code, addDays(date, -29), date, 'morning');
      const trend = (await regionTrend(k, code, addDays(date, -29), date, 'morning')).filter((t) => schoolDays.has(t.date) || t.classesReported > 0);
      const children = code === CITY ? await childRegions(k, code, date, 'morning') : [];
      const schools = await schoolsOfRegion(k, code, date, 'morning', code === CITY ? 50 : 1000);
      return { trend, children, schools };
    };
    const rawView = async (code: string, date: string) => {
      const inRegion = sql`s.region_code in (select code from region_closure where ancestor_code = ${code})`;
      const trend = await sql`select c.check_date, count(*) as classes_reported, sum(c.expected) as expected, sum(c.absent_ill) as absent_ill
        from class_checks c join schools s on s.id = c.school_id where ${inRegion} and c.session = 'morning' and c.check_date between ${addDays(date, -29)} and ${date} group by c.check_date`.execute(k);
      const children = code === CITY ? await sql`select s.region_code, count(*) as classes_reported, sum(c.expected) as expected, sum(c.absent_ill) as absent_ill
        from class_checks c join schools s on s.id = c.school_id where ${inRegion} and c.session = 'morning' and c.check_date = ${date} group by s.region_code`.execute(k) : null;
      const schools = await sql`select c.school_id, count(*) as classes_reported, sum(c.expected) as expected, sum(c.absent_ill) as absent_ill
        from class_checks c join schools s on s.id = c.school_id where ${inRegion} and c.session = 'morning' and c.check_date = ${date}
        group by c.school_id order by sum(c.absent_ill)::float / nullif(sum(c.expected), 0) desc, c.school_id limit 1000`.execute(k);
      return { trend: trend.rows, children: children?.rows ?? [], schools: schools.rows };
    };
    const measure = async (n: number, fn: (date: string) => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const date = days[30 + ((i * 7) % (days.length - 30))];
        const t = performance.now();
        await fn(date);
        times.push(performance.now() - t);
      }
      return { p50: pct(times, 50), p95: pct(times, 95), n };
    };
    // Agreement: the roll-up trend equals the raw one on a date.
    const probe = days[60];
    const a = await view(CITY, probe);
    const b = await rawView(CITY, probe);
    const rawDay = (b.trend as Array<{ check_date: string; absent_ill: number; classes_reported: number }>).find((r) => r.check_date === probe);
    const sumDay = a.trend.find((t) => t.date === probe);
    const agree = !!rawDay && !!sumDay && Number(rawDay.absent_ill) === sumDay.absentIll && Number(rawDay.classes_reported) === sumDay.classesReported;

    await measure(3, (d) => view(CITY, d));
    const city = await measure(runs, (d) => view(CITY, d));
    const countyV = await measure(runs, (d) => view(county, d));
    const cityRaw = await measure(rawRuns, (d) => rawView(CITY, d));
    const countyRaw = await measure(rawRuns, (d) => rawView(county, d));
    const ratio = (x: number, y: number) => Math.round((y / Math.max(x, 0.1)) * 10) / 10;
    console.log(`city ${CITY}:   roll-ups p50 ${city.p50} ms, p95 ${city.p95} ms (${runs} views) | raw rows p50 ${cityRaw.p50} ms, p95 ${cityRaw.p95} ms (${rawRuns}) → ${ratio(city.p95, cityRaw.p95)}× faster`);
    console.log(`county ${county}: roll-ups p50 ${countyV.p50} ms, p95 ${countyV.p95} ms (${runs} views) | raw rows p50 ${countyRaw.p50} ms, p95 ${countyRaw.p95} ms (${rawRuns}) → ${ratio(countyV.p95, countyRaw.p95)}× faster`);
    console.log(`target p95 ≤ 50 ms: city ${city.p95 <= 50 ? 'yes' : 'no'}, county ${countyV.p95 <= 50 ? 'yes' : 'no'}; roll-ups equal raw figures on ${probe}: ${agree}`);
    console.log(`RESULT ${JSON.stringify({
      bench: 'dashboard', quick, schools: schoolsN, classCheckRows: rows, days: days.length,
      cityP50Ms: city.p50, cityP95Ms: city.p95, countyP50Ms: countyV.p50, countyP95Ms: countyV.p95,
      cityRawP50Ms: cityRaw.p50, cityRawP95Ms: cityRaw.p95, countyRawP50Ms: countyRaw.p50, countyRawP95Ms: countyRaw.p95,
      cityRatio: ratio(city.p95, cityRaw.p95), countyRatio: ratio(countyV.p95, countyRaw.p95), rollupsAgree: agree,
    })}`);
  } finally {
    await db.close();
    cluster.stop();
  }
}
