import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { PresetStatus } from '../../domain/checks/counts';

/**
 * Hooks through which other capabilities (leave approvals, isolation in the response capability)
 * tell the check form who is already known to be away on a date, so such a person is shown as on
 * leave or isolated and counted as absent without being reported again as a new absence. `classId`
 * is the class checked (null for a staff check), so a provider can read by class in one query.
 */
export type RosterStatusProvider = (db: Kysely<Database>, personIds: number[], date: string, classId: number | null) => Promise<Map<number, PresetStatus>>;

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
