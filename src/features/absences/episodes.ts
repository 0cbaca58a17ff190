import { sql } from 'kysely';
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
