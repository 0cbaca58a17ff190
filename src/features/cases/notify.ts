import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';

/**
 * What the response capabilities tell people about: status changes go to the class teacher and
 * the guardians, isolation orders and switches to the task forces. The notifications capability
 * delivers them; until it registers its sender with `setResponseNotifier`, nothing is sent and the
 * change itself is still recorded (history tables and the audit log).
 */
export interface ResponseNotification {
  kind: 'risk_status_changed' | 'case_recorded' | 'isolation_ordered' | 'isolation_released' | 'leave_decided' | 'footing_switched' | 'footing_proposed';
  schoolId?: number;
  regionCode?: string;
  personId?: number;
  /** Who should hear it: the class teacher and guardians of the person, the school's health staff, a region's task force. */
  audience: ('class_teacher' | 'guardians' | 'school_health' | 'task_force')[];
  payload: Record<string, unknown>;
}

export type ResponseNotifier = (db: Kysely<Database>, notifications: ResponseNotification[]) => Promise<void>;

let notifier: ResponseNotifier | null = null;

export function setResponseNotifier(fn: ResponseNotifier | null): void {
  notifier = fn;
}

/** Call from an `afterCommit` hook only, so a rolled-back change tells nobody. */
export async function notifyResponse(db: Kysely<Database>, notifications: ResponseNotification[]): Promise<void> {
  if (notifier && notifications.length) await notifier(db, notifications);
}
