import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { PresetStatus } from '../../domain/checks/counts';
import type { CheckSession } from './tables';

/**
 * Hooks through which other capabilities (leave approvals, isolation in the response capability)
 * tell the check form who is already known to be away on a date, so such a person is shown as on
 * leave or isolated and counted as absent without being reported again as a new absence. `classId`
 * is the class checked (null for a staff check), so a provider can read by class in one query.
 */
export type RosterStatusProvider = ((db: Kysely<Database>, personIds: number[], date: string, classId: number | null) => Promise<Map<number, PresetStatus>>) & {
  /**
   * Optional: the same answer for many class checks in one query (the group commit of class checks
   * reads the statuses of every class in a batch at once, beside its other read). Keyed by
   * `classKey(classId, date)`, for every person of the class: the caller keeps its roster's.
   */
  forClasses?: (db: Kysely<Database>, wants: Array<{ classId: number; date: string }>) => Promise<Map<string, Map<number, PresetStatus>>>;
};

export const classKey = (classId: number, date: string) => `${classId}|${date}`;

const providers: RosterStatusProvider[] = [];

export function registerRosterStatusProvider(provider: RosterStatusProvider): void {
  if (!providers.includes(provider)) providers.push(provider);
}

/** Isolation wins over leave when two providers disagree. */
export async function presetStatuses(db: Kysely<Database>, personIds: number[], date: string, classId: number | null = null): Promise<Map<number, PresetStatus>> {
  const out = new Map<number, PresetStatus>();
  if (!personIds.length) return out;
  for (const p of providers) {
    for (const [id, status] of await p(db, personIds, date, classId)) {
      if (out.get(id) !== 'isolated') out.set(id, status);
    }
  }
  return out;
}

/**
 * presetStatuses for many class checks, one query per provider where the provider can, for every
 * person of each class (the caller keeps its roster's, as presetStatuses is asked for the roster).
 */
export async function presetStatusesForClasses(db: Kysely<Database>, wants: Array<{ classId: number; date: string }>): Promise<Map<string, Map<number, PresetStatus>>> {
  const out = new Map<string, Map<number, PresetStatus>>();
  for (const w of wants) out.set(classKey(w.classId, w.date), new Map());
  if (!wants.length) return out;
  for (const p of providers) {
    const answers = p.forClasses
      ? await p.forClasses(db, wants)
      : new Map(await Promise.all(wants.map(async (w) => {
        const everyone = await db.selectFrom('persons').select('id').where('class_id', '=', w.classId).execute();
        return [classKey(w.classId, w.date), await p(db, everyone.map((r) => r.id), w.date, w.classId)] as const;
      })));
    for (const [key, statuses] of answers) {
      const merged = out.get(key);
      if (!merged) continue;
      for (const [id, status] of statuses) if (merged.get(id) !== 'isolated') merged.set(id, status);
    }
  }
  return out;
}

/**
 * People reported absent ill at an earlier session of `date` whose illness episode is still open, with
 * that report's symptoms. The form of a session not yet reported starts them as absent ill (continuing)
 * instead of present, so the phone page sends them as absent-ill exceptions (continuing the episode)
 * and offers no one-tap zero report; the teacher taps a child back to present if they returned. They
 * are not presets above: the submission has no way to say "present" for a preset person, so counting
 * them ill without an entry would leave a returned child uncorrectable.
 */
export async function continuingIllness(db: Kysely<Database>, personIds: number[], date: string, earlierSessions: CheckSession[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!personIds.length || !earlierSessions.length) return out;
  const rows = await db.selectFrom('check_exceptions as x').select(['x.person_id', 'x.symptoms', 'x.session'])
    .where('x.person_id', 'in', personIds).where('x.check_date', '=', date).where('x.status', '=', 'absent_ill').where('x.session', 'in', earlierSessions)
    .where(({ exists, selectFrom }) => exists(selectFrom('absence_episodes as e').select('e.id').whereRef('e.person_id', '=', 'x.person_id')
      .where('e.status', '=', 'open').where('e.kind', '=', 'illness').where('e.last_absent_on', '>=', date)))
    .execute();
  // The latest earlier session's symptoms win.
  const order = new Map<string, number>(earlierSessions.map((s, i) => [s, i]));
  rows.sort((a, b) => order.get(a.session)! - order.get(b.session)!);
  for (const r of rows) out.set(r.person_id, r.symptoms);
  return out;
}
