import type { Generated } from 'kysely';

export interface OnlineTeachingPeriodsTable {
  id: Generated<number>;
  school_id: number;
  scope_type: 'school' | 'grade' | 'class';
  scope_id: number;
  from_date: string;
  to_date: string;
  reason: string;
  trigger: 'alert' | 'footing' | 'decision';
  ended_on: string | null;
  created_by: number | null;
  created_at: Date;
  idempotency_key: string | null;
}

export interface OnlineTeachingTables {
  online_teaching_periods: OnlineTeachingPeriodsTable;
}
