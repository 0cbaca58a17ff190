import { type Kysely, sql } from 'kysely';
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

/**
 * The same two upserts as CTEs of a larger statement (the first submission of a class check): `sch`
 * and `reg`, run only when the CTE named `gate` returned a row. The roster snapshot is counted only
 * when the day's row does not exist yet.
 */
export function summaryCtes(schoolId: number, date: string, session: string, d: SummaryDelta, gate: string) {
  const cols = DELTA_COLUMNS.map(([, c]) => c).join(', ');
  const values = sql.join(DELTA_COLUMNS.map(([k]) => sql`${d[k] as number}`));
  const symptoms = JSON.stringify(d.symptoms);
  const fresh = sql`not exists (select 1 from school_day_summary x where x.school_id = ${schoolId} and x.check_date = ${date}::date and x.session = ${session})`;
  const sch = sql`sch as (
      insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected, ${sql.raw(cols)}, symptoms)
      select s.id, s.region_code, ${date}::date, ${session},
        (select count(*) from persons p where p.school_id = ${schoolId} and p.kind = 'student' and p.active and ${fresh}),
        (select count(*) from classes c where c.school_id = ${schoolId} and ${fresh}),
        ${values}, ${symptoms}::jsonb
      from schools s, ${sql.table(gate)} where s.id = ${schoolId}
      on conflict (school_id, check_date, session) do update set ${setAdd('school_day_summary', d)}
      returning region_code, enrolled, classes_expected, (xmax = 0) as created
    )`;
  const reg = sql`reg as (
      insert into region_day_summary (region_code, check_date, session, ${sql.raw(cols)}, schools, enrolled, classes_expected, symptoms)
      select sch.region_code, ${date}::date, ${session}, ${values},
        case when sch.created then 1 else 0 end, case when sch.created then sch.enrolled else 0 end, case when sch.created then sch.classes_expected else 0 end, ${symptoms}::jsonb
      from sch
      on conflict (region_code, check_date, session) do update set ${sql.join([...setParts('region_day_summary', d),
        ...['schools', 'enrolled', 'classes_expected'].map((c) => sql`${sql.raw(c)} = region_day_summary.${sql.raw(c)} + excluded.${sql.raw(c)}`)], sql`, `)}
      returning 1
    )`;
  return [sch, reg] as const;
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

/**
 * Creates the day's rows for every school in `schoolFilter` that has none yet (schools that have not
 * reported still need their expected classes for completeness). Idempotent.
 */
export async function openDay(db: Kysely<Database>, date: string, session: string, schoolIds: number[] | 'all'): Promise<number> {
  const filter = schoolIds === 'all' ? sql`true` : schoolIds.length ? sql`s.id = any(${sql.val(schoolIds)}::bigint[])` : sql`false`;
  const r = await sql<{ n: number }>`
    with fresh as (
      insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected)
      select s.id, s.region_code, ${date}, ${session},
        coalesce((select count(*) from persons p where p.school_id = s.id and p.kind = 'student' and p.active), 0),
        coalesce((select count(*) from classes c where c.school_id = s.id), 0)
      from schools s where ${filter}
        and not exists (select 1 from school_day_summary x where x.school_id = s.id and x.check_date = ${date} and x.session = ${session})
      on conflict (school_id, check_date, session) do nothing
      returning region_code, enrolled, classes_expected
    ), agg as (
      insert into region_day_summary (region_code, check_date, session, schools, enrolled, classes_expected)
      select region_code, ${date}, ${session}, count(*), sum(enrolled), sum(classes_expected) from fresh group by region_code
      on conflict (region_code, check_date, session) do update set schools = region_day_summary.schools + excluded.schools,
        enrolled = region_day_summary.enrolled + excluded.enrolled, classes_expected = region_day_summary.classes_expected + excluded.classes_expected
      returning 1
    )
    select (select count(*) from fresh) as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
