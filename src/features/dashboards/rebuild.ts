import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { COUNT_COLUMNS } from './rollups';

/**
 * Recomputes the roll-ups from the raw check rows and compares them with the maintained ones. The
 * roster snapshots (enrolled, classes expected) cannot be recomputed for past days and are kept.
 */
type Row = Record<string, number> & { symptoms: Record<string, number> };
const keyOf = (schoolId: number, date: string, session: string) => `${schoolId}|${date}|${session}`;

export async function recomputeFromRaw(db: Kysely<Database>, from: string, to: string): Promise<Map<string, Row>> {
  const counts = await sql<Record<string, number> & { school_id: number; check_date: string; session: string }>`
    select school_id, check_date, session,
      count(*) filter (where class_id is not null)::int as classes_reported,
      count(*) filter (where class_id is not null and not late)::int as classes_on_time,
      coalesce(sum(expected) filter (where class_id is not null), 0)::int as expected,
      coalesce(sum(present) filter (where class_id is not null), 0)::int as present,
      coalesce(sum(absent_ill) filter (where class_id is not null), 0)::int as absent_ill,
      coalesce(sum(absent_other) filter (where class_id is not null), 0)::int as absent_other,
      coalesce(sum(symptomatic) filter (where class_id is not null), 0)::int as symptomatic,
      coalesce(sum(expected) filter (where class_id is null), 0)::int as staff_expected,
      coalesce(sum(absent_ill) filter (where class_id is null), 0)::int as staff_absent_ill,
      coalesce(sum(absent_other) filter (where class_id is null), 0)::int as staff_absent_other,
      coalesce(sum(symptomatic) filter (where class_id is null), 0)::int as staff_symptomatic,
      count(*) filter (where class_id is null)::int as staff_reported
    from class_checks where check_date between ${from} and ${to} group by school_id, check_date, session`.execute(db);
  const out = new Map<string, Row>();
  for (const r of counts.rows) {
    const row = { symptoms: {} } as Row;
    for (const c of COUNT_COLUMNS) row[c] = Number(r[c]);
    out.set(keyOf(r.school_id, r.check_date, r.session), row);
  }
  const symptoms = await sql<{ school_id: number; check_date: string; session: string; s: string; n: number }>`
    select c.school_id, c.check_date, c.session, s, count(*)::int as n
    from class_checks c join check_exceptions e on e.check_id = c.id, unnest(e.symptoms) s
    where c.check_date between ${from} and ${to} and c.class_id is not null and e.status <> 'absent_other'
    group by c.school_id, c.check_date, c.session, s`.execute(db);
  for (const r of symptoms.rows) {
    const row = out.get(keyOf(r.school_id, r.check_date, r.session));
    if (row) row.symptoms[r.s] = Number(r.n);
  }
  return out;
}

const sameSymptoms = (a: Record<string, number>, b: Record<string, number>) => {
  const ka = Object.keys(a).filter((k) => a[k] !== 0);
  const kb = Object.keys(b).filter((k) => b[k] !== 0);
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
};

export interface RebuildReport {
  from: string;
  to: string;
  schoolRows: number;
  mismatched: Array<{ key: string; column: string; stored: unknown; recomputed: unknown }>;
  regionMismatched: number;
  repaired: boolean;
}

/** Compares maintained and recomputed figures; with `repair`, rewrites the school rows and the county rows from them. */
export async function rebuildRollups(db: Kysely<Database>, from: string, to: string, repair: boolean): Promise<RebuildReport> {
  const fresh = await recomputeFromRaw(db, from, to);
  const stored = await db.selectFrom('school_day_summary').selectAll().where('check_date', '>=', from).where('check_date', '<=', to).execute();
  const mismatched: RebuildReport['mismatched'] = [];
  const seen = new Set<string>();
  const empty = { symptoms: {} } as Row;
  for (const c of COUNT_COLUMNS) empty[c] = 0;
  for (const s of stored) {
    const key = keyOf(s.school_id, s.check_date, s.session);
    seen.add(key);
    const r = fresh.get(key) ?? empty;
    for (const c of COUNT_COLUMNS) if (Number((s as unknown as Record<string, number>)[c]) !== r[c]) mismatched.push({ key, column: c, stored: (s as unknown as Record<string, number>)[c], recomputed: r[c] });
    if (!sameSymptoms(s.symptoms as unknown as Record<string, number>, r.symptoms)) mismatched.push({ key, column: 'symptoms', stored: s.symptoms, recomputed: r.symptoms });
  }
  for (const key of fresh.keys()) if (!seen.has(key)) mismatched.push({ key, column: '(row missing)', stored: null, recomputed: fresh.get(key) });
  // County rows must equal the sum of their schools' rows.
  const regionDiff = await sql<{ n: number }>`
    with agg as (select region_code, check_date, session, count(*)::int as schools, sum(enrolled)::int as enrolled, sum(classes_expected)::int as classes_expected,
      ${sql.raw(COUNT_COLUMNS.map((c) => `sum(${c})::int as ${c}`).join(', '))}
      from school_day_summary where check_date between ${from} and ${to} group by region_code, check_date, session)
    select count(*)::int as n from agg full join region_day_summary r using (region_code, check_date, session)
    where (r.region_code is null or agg.region_code is null or r.schools <> agg.schools or r.enrolled <> agg.enrolled or r.classes_expected <> agg.classes_expected
      or ${sql.raw(COUNT_COLUMNS.map((c) => `r.${c} <> agg.${c}`).join(' or '))})
      and (r.check_date is null or r.check_date between ${from} and ${to})`.execute(db);
  const regionMismatched = Number(regionDiff.rows[0].n);
  if (repair && (mismatched.length || regionMismatched)) {
    await db.transaction().execute(async (trx) => {
      for (const key of new Set(mismatched.map((m) => m.key))) {
        const [schoolId, date, session] = key.split('|');
        const r = fresh.get(key) ?? empty;
        const values = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, r[c]]));
        await sql`insert into school_day_summary (school_id, region_code, check_date, session, enrolled, classes_expected, ${sql.raw(COUNT_COLUMNS.join(', '))}, symptoms)
          select s.id, s.region_code, ${date}, ${session}, (select count(*) from persons p where p.school_id = s.id and p.kind = 'student' and p.active), (select count(*) from classes c where c.school_id = s.id),
            ${sql.join(COUNT_COLUMNS.map((c) => sql`${values[c]}`))}, ${JSON.stringify(r.symptoms)}::jsonb from schools s where s.id = ${Number(schoolId)}
          on conflict (school_id, check_date, session) do update set ${sql.join(COUNT_COLUMNS.map((c) => sql`${sql.raw(c)} = excluded.${sql.raw(c)}`))}, symptoms = excluded.symptoms`.execute(trx);
      }
      await sql`delete from region_day_summary where check_date between ${from} and ${to}`.execute(trx);
      await sql`insert into region_day_summary (region_code, check_date, session, schools, enrolled, classes_expected, ${sql.raw(COUNT_COLUMNS.join(', '))}, symptoms)
        select region_code, check_date, session, count(*), sum(enrolled), sum(classes_expected), ${sql.raw(COUNT_COLUMNS.map((c) => `sum(${c})`).join(', '))},
          coalesce((select jsonb_object_agg(k, n) from (select k, sum(v::int) as n from school_day_summary y, jsonb_each_text(y.symptoms) j(k, v)
            where y.region_code = x.region_code and y.check_date = x.check_date and y.session = x.session group by k) z where n <> 0), '{}'::jsonb)
        from school_day_summary x where check_date between ${from} and ${to} group by region_code, check_date, session`.execute(trx);
    });
  }
  return { from, to, schoolRows: stored.length, mismatched, regionMismatched, repaired: repair && (mismatched.length > 0 || regionMismatched > 0) };
}
