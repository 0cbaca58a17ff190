/**
 * Retention of personal health data by data class (security.md: configurable per class, never shorter
 * than the audit minimum). Each class names the table and the column that dates a row; rows dated
 * before the cutoff are purged by the daily retention job. Aggregates (roll-ups, counts) are not
 * personal data and are kept.
 */
export const AUDIT_MINIMUM_DAYS = 184;

export interface DataClass {
  key: string;
  /** Environment variable that sets the number of days kept. */
  env: string;
  defaultDays: number;
  table: 'check_exceptions' | 'isolation_checkins' | 'screening_answers' | 'travel_records' | 'notifications';
  column: string;
  /** `date` columns hold school dates (Asia/Shanghai); `timestamptz` columns instants. */
  columnType: 'date' | 'timestamptz';
  description: string;
}

export const DATA_CLASSES: readonly DataClass[] = [
  { key: 'check_details', env: 'RETENTION_CHECK_DETAILS_DAYS', defaultDays: 365, table: 'check_exceptions', column: 'check_date', columnType: 'date', description: 'who was absent or unwell at a check, with symptoms and temperature' },
  { key: 'isolation_checkins', env: 'RETENTION_ISOLATION_CHECKINS_DAYS', defaultDays: 365, table: 'isolation_checkins', column: 'day', columnType: 'date', description: 'daily health check-ins during isolation' },
  { key: 'screening_answers', env: 'RETENTION_SCREENING_ANSWERS_DAYS', defaultDays: 365, table: 'screening_answers', column: 'answered_at', columnType: 'timestamptz', description: 'answers to screening campaigns (travel, residence, symptoms, occupation)' },
  { key: 'travel_records', env: 'RETENTION_TRAVEL_RECORDS_DAYS', defaultDays: 365, table: 'travel_records', column: 'to_date', columnType: 'date', description: 'stays recorded from leave, screening and by hand' },
  { key: 'notifications', env: 'RETENTION_NOTIFICATIONS_DAYS', defaultDays: 184, table: 'notifications', column: 'created_at', columnType: 'timestamptz', description: 'in-app notifications' },
];

/** Days kept for each class: from the environment, else the default; refused below the audit minimum or not a whole number. */
export function retentionDays(env: Record<string, string | undefined>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of DATA_CLASSES) {
    const raw = env[c.env];
    const days = raw == null || raw === '' ? c.defaultDays : Number(raw);
    if (!Number.isInteger(days) || days < AUDIT_MINIMUM_DAYS) throw new RangeError(`${c.env} must be a whole number of days, at least ${AUDIT_MINIMUM_DAYS} (got "${raw}")`);
    out.set(c.key, days);
  }
  return out;
}

/** The first date kept: rows dated before it are purged. `today` is the school date (YYYY-MM-DD). */
export function cutoffDate(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
