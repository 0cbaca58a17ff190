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

/** What a check edit did to the illness episode behind a withdrawn absent-ill report (audited by the caller). */
export interface EpisodeCorrection {
  episodeId: number;
  personId: number;
  /** withdrawn: deleted; recounted: narrowed to the remaining reports; kept: follow-up recorded, left for the doctor. */
  outcome: 'withdrawn' | 'recounted' | 'kept';
  before: { status: string; openedOn: string; lastAbsentOn: string; absentSessions: number; symptoms: string[] };
  after: { openedOn: string; lastAbsentOn: string; absentSessions: number } | null;
}

/**
 * A check edit took away the absent-ill report of each of `personIds` on `date` (the edited check's
 * rows are already replaced). The episode that report opened or continued is corrected in the same
 * transaction, so no false illness absence is left for the doctor's queue, dashboards, exports and
 * the person file:
 * - other absent-ill reports of the person within the episode's span remain: its span, session count
 *   (and, while nobody has edited it, its symptoms) are recomputed from them;
 * - none remain and nobody has worked on it (still open at version 1, no return certificate, not
 *   behind an alert): it is withdrawn as entered in error, i.e. deleted. A status would have to be
 *   excluded by every reader of episodes (exports, early-warning scans, alert links, person file);
 *   the audit log, append-only and hash-chained, keeps the withdrawn row;
 * - none remain but follow-up was recorded (guardian contacted, diagnosis, certificate, alert): it is
 *   kept as the doctor left it and stays visible, because that work may show the child was ill after
 *   all; the doctor closes it. The withdrawn report is in the audit row.
 * Persons are taken in id order, as the group commit upserts them, so two writers lock alike.
 */
export async function correctIllnessAbsences(trx: Trx, at: { date: string; now: Date }, personIds: number[]): Promise<EpisodeCorrection[]> {
  const out: EpisodeCorrection[] = [];
  for (const personId of [...new Set(personIds)].sort((a, b) => a - b)) {
    const ep = (await sql<{ id: number; status: string; version: number; opened_on: string; last_absent_on: string; absent_sessions: number; symptoms: string[]; worked: boolean }>`
      select e.id, e.status, e.version, e.opened_on::text, e.last_absent_on::text, e.absent_sessions, e.symptoms,
        (e.status <> 'open' or e.version > 1
          or (select 1 from return_certificates c where c.episode_id = e.id limit 1) is not null
          or (select 1 from alert_episodes a where a.episode_id = e.id limit 1) is not null) as worked
      from absence_episodes e
      where e.person_id = ${personId} and e.kind = 'illness' and e.opened_on <= ${at.date}::date and e.last_absent_on >= ${at.date}::date
      order by e.status = 'open' desc, e.id desc limit 1
      for update of e`.execute(trx)).rows[0];
    if (!ep) continue;
    const reports = await trx.selectFrom('check_exceptions').select(['check_date', 'symptoms']).where('person_id', '=', personId).where('status', '=', 'absent_ill')
      .where('check_date', '>=', ep.opened_on).where('check_date', '<=', ep.last_absent_on).execute();
    const before = { status: ep.status, openedOn: ep.opened_on, lastAbsentOn: ep.last_absent_on, absentSessions: Number(ep.absent_sessions), symptoms: ep.symptoms };
    const base = { episodeId: Number(ep.id), personId, before };
    if (reports.length) {
      const days = reports.map((r) => r.check_date).sort();
      const after = { openedOn: days[0], lastAbsentOn: days[days.length - 1], absentSessions: reports.length };
      const symptoms = [...new Set(reports.flatMap((r) => r.symptoms))].sort();
      await trx.updateTable('absence_episodes').set({
        opened_on: after.openedOn, last_absent_on: after.lastAbsentOn, absent_sessions: after.absentSessions, updated_at: at.now,
        ...(ep.worked ? {} : { symptoms: sql<string[]>`${sql.val(symptoms)}::text[]` }),
      }).where('id', '=', ep.id).execute();
      out.push({ ...base, outcome: 'recounted', after });
    } else if (!ep.worked) {
      await trx.deleteFrom('absence_episodes').where('id', '=', ep.id).execute();
      out.push({ ...base, outcome: 'withdrawn', after: null });
    } else {
      out.push({ ...base, outcome: 'kept', after: null });
    }
  }
  return out;
}
