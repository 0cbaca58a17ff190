import type { ColumnType, Generated } from 'kysely';

/** Kysely types of migrations/0302_reentry_decisions.sql, joined into `Database` with one line. */
export interface ReentryDecisionsTable {
  id: Generated<number>;
  source: 'leave' | 'screening';
  source_ref: string;
  proposal_index: number;
  proposal: ColumnType<unknown, string, string>;
  person_id: number;
  school_id: number;
  decision: 'ordered' | 'dismissed';
  isolation_id: number | null;
  test_dates: ColumnType<string[], string | undefined, string>;
  reason: Generated<string>;
  decided_by: number;
  decided_at: Date;
}

export interface ReentryTables {
  reentry_decisions: ReentryDecisionsTable;
}
