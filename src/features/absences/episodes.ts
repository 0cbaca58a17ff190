import { type RawBuilder, sql } from 'kysely';
import type { Trx } from '../../db/transaction';
import type { CheckExceptionInput } from '../../domain/checks/counts';

/**
 * Every absent-ill exception opens an episode for the person, or continues the open one (R6). Runs in
 * the check's transaction. The partial unique index (one open episode per person) settles races between
 * two sessions' checks: the second continues what the first opened.
 */
export async function recordIllnessAbsences(trx: Trx, at: { schoolId: number; classId: number | null; date: string; now: Date }, exceptions: CheckExceptionInput[]): Promise<void> {
  for (const e of exceptions) {
    const symptoms = [...new Set(e.symptoms ?? [])];
    await sql`insert into absence_episodes (school_id, person_id, class_id, kind, status, opened_on, last_absent_on, absent_sessions, symptoms, created_at, updated_at)
      values (${at.schoolId}, ${e.personId}, ${at.classId}, 'illness', 'open', ${at.date}, ${at.date}, 1, ${sql.val(symptoms)}::text[], ${at.now}, ${at.now})
      on conflict (person_id) where status = 'open' do update set
        last_absent_on = greatest(absence_episodes.last_absent_on, excluded.last_absent_on),
        opened_on = least(absence_episodes.opened_on, excluded.opened_on),
        absent_sessions = absence_episodes.absent_sessions + 1,
        kind = 'illness',
        symptoms = array(select distinct unnest(absence_episodes.symptoms || excluded.symptoms) order by 1),
        updated_at = excluded.updated_at`.execute(trx);
  }
}

/**
 * The same upsert as a CTE named `name` of a larger statement, run only when the CTE `gate` returned
 * a row (the first submission of a class check writes everything in one statement).
 */
export function illnessAbsencesCte(name: string, gate: string, at: { schoolId: number; classId: number | null; date: string; now: Date }, exceptions: CheckExceptionInput[]): RawBuilder<unknown> {
  const rows = JSON.stringify(exceptions.map((e) => ({ person_id: e.personId, symptoms: [...new Set(e.symptoms ?? [])] })));
  return sql`${sql.raw(name)} as (
      insert into absence_episodes (school_id, person_id, class_id, kind, status, opened_on, last_absent_on, absent_sessions, symptoms, created_at, updated_at)
      select ${at.schoolId}, e.person_id, ${at.classId}, 'illness', 'open', ${at.date}::date, ${at.date}::date, 1, e.symptoms, ${at.now}, ${at.now}
      from ${sql.table(gate)}, jsonb_to_recordset(${rows}::jsonb) as e(person_id bigint, symptoms text[])
      on conflict (person_id) where status = 'open' do update set
        last_absent_on = greatest(absence_episodes.last_absent_on, excluded.last_absent_on),
        opened_on = least(absence_episodes.opened_on, excluded.opened_on),
        absent_sessions = absence_episodes.absent_sessions + 1,
        kind = 'illness',
        symptoms = array(select distinct unnest(absence_episodes.symptoms || excluded.symptoms) order by 1),
        updated_at = excluded.updated_at
      returning 1
    )`;
}
