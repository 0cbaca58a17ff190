import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { isZeroDelta, type SummaryDelta } from '../../domain/checks/summary';

/**
 * Incremental maintenance of school_day_summary and region_day_summary (per county). Called inside
 * the check's transaction, so the figures and the check commit together. Region rows are written
 * after the school row, and each statement touches one row, so lock order is the same for everyone.
 */
const DELTA_COLUMNS: Array<[keyof SummaryDelta, string]> = [
  ['classesReported', 'classes_reported'], ['classesOnTime', 'classes_on_time'], ['expected', 'expected'], ['present', 'present'],
  ['absentIll', 'absent_ill'], ['absentOther', 'absent_other'], ['symptomatic', 'symptomatic'], ['staffExpected', 'staff_expected'],
  ['staffAbsentIll', 'staff_absent_ill'], ['staffAbsentOther', 'staff_absent_other'], ['staffSymptomatic', 'staff_symptomatic'], ['staffReported', 'staff_reported'],
];
export const COUNT_COLUMNS = DELTA_COLUMNS.map(([, c]) => c);

function setParts(table: string, d: SummaryDelta) {
  const parts = DELTA_COLUMNS.filter(([k]) => d[k] !== 0).map(([k, c]) => sql`${sql.raw(c)} = ${sql.raw(`${table}.${c}`)} + ${d[k] as number}`);
  if (Object.keys(d.symptoms).length) parts.push(sql`symptoms = jsonb_add_counts(${sql.raw(`${table}.symptoms`)}, ${JSON.stringify(d.symptoms)}::jsonb)`);
  return parts;
}
const setAdd = (table: string, d: SummaryDelta) => sql.join(setParts(table, d), sql`, `);

/** Snapshot of a school's roster for the day's row: active students and classes at the time of the first check. */
const snapshot = (schoolId: number) => sql`
  (select count(*) from persons p where p.school_id = ${schoolId} and p.kind = 'student' and p.active),
  (select count(*) from classes c where c.school_id = ${schoolId})`;

export async function applySummaryDelta(db: Kysely<Database>, schoolId: number, date: string, session: string, d: SummaryDelta): Promise<void> {
  if (isZeroDelta(d)) return;
  const updated = await sql<{ region_code: string }>`update school_day_summary set ${setAdd('school_day_summary', d)}
    where school_id = ${schoolId} and check_date = ${date} and session = ${session} returning region_code`.execute(db);
  let regionCode = updated.rows[0]?.region_code;
  let opened = { schools: 0, enrolled: 0, classes: 0 };
  if (!regionCode) {
    // First figure of this school, day and session: create the row with the roster snapshot. A
    // concurrent first check finds the row on conflict and adds its delta instead.
    const cols = DELTA_COLUMNS.map(([, c]) => c);
    const inserted = await sql<{ region_code: string; enrolled: number; classes_expected: number; created: boolean }>`
      insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected, ${sql.raw(cols.join(', '))}, symptoms)
      select s.id, s.region_code, ${date}, ${session}, ${snapshot(schoolId)}, ${sql.join(DELTA_COLUMNS.map(([k]) => sql`${d[k] as number}`))}, ${JSON.stringify(d.symptoms)}::jsonb
      from schools s where s.id = ${schoolId}
      on conflict (school_id, check_date, session) do update set ${setAdd('school_day_summary', d)}
      returning region_code, enrolled, classes_expected, (xmax = 0) as created`.execute(db);
    const row = inserted.rows[0];
    regionCode = row.region_code;
    if (row.created) opened = { schools: 1, enrolled: Number(row.enrolled), classes: Number(row.classes_expected) };
  }
  await upsertRegion(db, regionCode, date, session, d, opened);
}

async function upsertRegion(db: Kysely<Database>, regionCode: string, date: string, session: string, d: SummaryDelta, opened: { schools: number; enrolled: number; classes: number }) {
  const full: SummaryDelta & { schools: number; enrolled: number; classesExpected: number } = { ...d, schools: opened.schools, enrolled: opened.enrolled, classesExpected: opened.classes };
  const extra: Array<[string, number]> = [['schools', full.schools], ['enrolled', full.enrolled], ['classes_expected', full.classesExpected]];
  const sets = [...setParts('region_day_summary', d), ...extra.filter(([, v]) => v !== 0).map(([c, v]) => sql`${sql.raw(c)} = region_day_summary.${sql.raw(c)} + ${v}`)];
  const cols = [...DELTA_COLUMNS.map(([, c]) => c), ...extra.map(([c]) => c)];
  const values = [...DELTA_COLUMNS.map(([k]) => sql`${d[k] as number}`), ...extra.map(([, v]) => sql`${v}`)];
  await sql`insert into region_day_summary (region_code, check_date, session, ${sql.raw(cols.join(', '))}, symptoms)
    values (${regionCode}, ${date}, ${session}, ${sql.join(values)}, ${JSON.stringify(d.symptoms)}::jsonb)
    on conflict (region_code, check_date, session) do update set ${sql.join(sets, sql`, `)}`.execute(db);
}

export interface SummaryItem {
  schoolId: number;
  /** The school's county, for the region row. */
  regionCode: string;
  date: string;
  session: string;
  delta: SummaryDelta;
}

function addDelta(into: SummaryDelta, d: SummaryDelta) {
  for (const [k] of DELTA_COLUMNS) (into[k] as number) += d[k] as number;
  for (const [s, n] of Object.entries(d.symptoms)) {
    const v = (into.symptoms[s] ?? 0) + n;
    if (v) into.symptoms[s] = v;
    else delete into.symptoms[s];
  }
}

function sumBy(items: SummaryItem[], key: (i: SummaryItem) => string) {
  const out = new Map<string, { item: SummaryItem; delta: SummaryDelta }>();
  for (const i of items) {
    const k = key(i);
    const e = out.get(k);
    if (e) addDelta(e.delta, i.delta);
    else out.set(k, { item: i, delta: { ...i.delta, symptoms: { ...i.delta.symptoms } } });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/**
 * The deltas of many checks (a group commit): summed per school row and per county row, school rows
 * first and each in key order, so concurrent writers lock rows in the same order. The roster
 * snapshot is counted only for a school's day row that does not exist yet, as above. Returned as CTEs
 * (`sch`, `opened`, `reg`) for the caller's statement, or run alone by applySummaryDeltas; with a
 * `gate` (a boolean SQL expression) they write only when it holds.
 */
export function summaryDeltasCtes(items: SummaryItem[], gate: RawBuilder<boolean> = sql<boolean>`true`): RawBuilder<unknown> | null {
  const live = items.filter((i) => !isZeroDelta(i.delta));
  if (!live.length) return null;
  const pad = (n: number) => String(n).padStart(20, '0');
  const schools = sumBy(live, (i) => `${pad(i.schoolId)}|${i.date}|${i.session}`);
  const regions = sumBy(live, (i) => `${i.regionCode}|${i.date}|${i.session}`);
  const cols = DELTA_COLUMNS.map(([, c]) => c);
  const row = (ord: number, e: { item: SummaryItem; delta: SummaryDelta }) => ({
    ord, school_id: e.item.schoolId, region_code: e.item.regionCode, check_date: e.item.date, session: e.item.session, symptoms: e.delta.symptoms,
    ...Object.fromEntries(DELTA_COLUMNS.map(([k, c]) => [c, e.delta[k]])),
  });
  const recordType = sql.raw(`ord int, school_id bigint, region_code text, check_date date, session text, symptoms jsonb, ${cols.map((c) => `${c} int`).join(', ')}`);
  const d = (alias: string) => sql.raw(cols.map((c) => `${alias}.${c}`).join(', '));
  const add = (table: string) => sql.raw(cols.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));
  return sql`sd as (select * from jsonb_to_recordset(${JSON.stringify(schools.map((e, i) => row(i, e)))}::jsonb) as d(${recordType})),
    rd as (select * from jsonb_to_recordset(${JSON.stringify(regions.map((e, i) => row(i, e)))}::jsonb) as r(${recordType})),
    sch as (
      insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected, ${sql.raw(cols.join(', '))}, symptoms)
      select s.id, s.region_code, d.check_date, d.session,
        case when y.known is null then (select count(*) from persons p where p.school_id = d.school_id and p.kind = 'student' and p.active) else 0 end,
        case when y.known is null then (select count(*) from classes c where c.school_id = d.school_id) else 0 end,
        ${d('d')}, d.symptoms
      from sd d join schools s on s.id = d.school_id
      -- An index probe per row (a lateral with a limit cannot become a hash join): planned for a batch's
      -- estimated rows, a NOT EXISTS became a hashed scan of the whole table on every write.
      left join lateral (select true as known from school_day_summary y where y.school_id = d.school_id and y.check_date = d.check_date and y.session = d.session limit 1) y on true
      where ${gate}
      order by d.ord
      on conflict (school_id, check_date, session) do update set ${add('school_day_summary')}, symptoms = jsonb_add_counts(school_day_summary.symptoms, excluded.symptoms)
      returning region_code, check_date, session, enrolled, classes_expected, (xmax = 0) as created
    ), opened as (
      select region_code, check_date, session, count(*) as schools, sum(enrolled) as enrolled, sum(classes_expected) as classes from sch where created group by 1, 2, 3
    ), reg as (
      insert into region_day_summary (region_code, check_date, session, ${sql.raw(cols.join(', '))}, schools, enrolled, classes_expected, symptoms)
      select r.region_code, r.check_date, r.session, ${d('r')}, coalesce(o.schools, 0), coalesce(o.enrolled, 0), coalesce(o.classes, 0), r.symptoms
      from rd r left join opened o on o.region_code = r.region_code and o.check_date = r.check_date and o.session = r.session
      where ${gate}
      order by r.ord
      on conflict (region_code, check_date, session) do update set ${add('region_day_summary')}, symptoms = jsonb_add_counts(region_day_summary.symptoms, excluded.symptoms),
        schools = region_day_summary.schools + excluded.schools, enrolled = region_day_summary.enrolled + excluded.enrolled,
        classes_expected = region_day_summary.classes_expected + excluded.classes_expected
      returning 1
    )`;
}

export async function applySummaryDeltas(db: Kysely<Database>, items: SummaryItem[]): Promise<void> {
  const ctes = summaryDeltasCtes(items);
  if (ctes) await sql`with ${ctes} select (select count(*) from reg) as n`.execute(db);
}
