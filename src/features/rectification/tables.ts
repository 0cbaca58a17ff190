import type { Generated } from 'kysely';

export type FindingStatus = 'open' | 'submitted' | 'closed';
export type Severity = 'low' | 'medium' | 'high';

export interface FindingsTable {
  id: Generated<number>;
  school_id: number;
  source: 'inspection' | 'self_report' | 'manual';
  inspection_id: number | null;
  self_report_id: number | null;
  item_key: string | null;
  title: string;
  description: Generated<string>;
  severity: Generated<Severity>;
  owner_account_id: number;
  deadline: string;
  required_evidence: string;
  status: Generated<FindingStatus>;
  reopen_count: Generated<number>;
  escalation_level: Generated<number>;
  escalated_to: number | null;
  escalated_at: Date | null;
  created_by: number | null;
  created_at: Date;
  closed_by: number | null;
  closed_at: Date | null;
  version: Generated<number>;
}

export interface FindingEvidenceTable {
  id: Generated<number>;
  finding_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  note: Generated<string>;
  uploaded_by: number | null;
  uploaded_at: Date;
}

export interface FindingEventsTable {
  id: Generated<number>;
  finding_id: number;
  kind: 'created' | 'evidence' | 'closed' | 'reopened' | 'escalated';
  account_id: number | null;
  note: Generated<string>;
  at: Date;
}

export interface GovernanceEscalationsTable {
  id: Generated<number>;
  object_type: 'finding' | 'self_report';
  object_id: number;
  school_id: number;
  level: number;
  to_account: number | null;
  to_region: string | null;
  at: Date;
}

export type AccountabilityMeasure = 'reminder_talk' | 'criticism' | 'written_warning' | 'disciplinary' | 'other';

export interface AccountabilityRecordsTable {
  id: Generated<number>;
  account_id: number;
  school_id: number | null;
  region_code: string;
  finding_id: number | null;
  measure: AccountabilityMeasure;
  reason: string;
  decided_on: string;
  decided_by: number | null;
  created_at: Date;
}

export interface RectificationTables {
  findings: FindingsTable;
  finding_evidence: FindingEvidenceTable;
  finding_events: FindingEventsTable;
  governance_escalations: GovernanceEscalationsTable;
  accountability_records: AccountabilityRecordsTable;
}
