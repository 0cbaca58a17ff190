import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { PresetStatus } from '../../domain/checks/counts';
import { activeStatusesForClass } from '../leave/class-status';
import type { RosterStatusProvider } from './roster-status';

/**
 * Approved leave covering the date and active isolation (src/features/leave/class-status.ts): such a
 * student is shown in the check form as on leave or isolated and counted without being entered again.
 * Staff checks (no class) get nothing from here: leave and isolation are recorded for students.
 */
export const leaveAndIsolationStatuses: RosterStatusProvider = async (db: Kysely<Database>, personIds: number[], date: string, classId: number | null) => {
  const out = new Map<number, PresetStatus>();
  if (classId == null) return out;
  const wanted = new Set(personIds);
  for (const s of await activeStatusesForClass(db, classId, date)) if (wanted.has(s.personId)) out.set(s.personId, s.status);
  return out;
};
