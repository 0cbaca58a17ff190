import type { ColumnType, Generated } from 'kysely';

export interface SelfReportsTable {
  id: Generated<number>;
  draw_id: number | null;
  school_id: number;
  checklist_version_id: number;
  due_at: Date;
  status: Generated<'pending' | 'submitted' | 'late' | 'missing' | 'reviewed'>;
  answers: ColumnType<unknown, string | null, string | null> | null;
  risk_level: 'low' | 'medium' | 'high' | null;
  risk_assessment: string | null;
  submitted_by: number | null;
  submitted_at: Date | null;
  submit_key: string | null;
  escalated_at: Date | null;
  reviewed_by: number | null;
  reviewed_at: Date | null;
  review_note: string | null;
  created_at: Date;
}

export interface SelfReportTables {
  self_reports: SelfReportsTable;
}
