import type { ColumnType, Generated } from 'kysely';

/** Kysely types of migrations/0300_response.sql (disease policies … footing), joined into `Database` with one line. */
type Timestamp = Date;
type Json = ColumnType<unknown, string, string>;
export type RiskColour = 'green' | 'yellow' | 'red';

export interface DiseasePoliciesTable {
  id: Generated<number>;
  disease: string;
  region_code: string | null;
  version: number;
  rules: Json;
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
}

export type CaseStatus = 'suspected' | 'confirmed' | 'excluded';
export type FoundBy = 'check' | 'alert' | 'test' | 'hospital' | 'contact' | 'other';

export interface CasesTable {
  id: Generated<number>;
  person_id: number;
  school_id: number;
  disease: string;
  status: CaseStatus;
  onset_date: string | null;
  found_by: FoundBy;
  alert_id: number | null;
  outbreak_id: number | null;
  source_case_id: number | null;
  policy_id: number;
  note: Generated<string>;
  reported_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  idempotency_key: string | null;
}

export interface ExposureGroupsTable {
  id: Generated<number>;
  school_id: number;
  kind: 'dining' | 'bus' | 'arrival';
  name: string;
}

export interface ExposureGroupMembersTable {
  group_id: number;
  person_id: number;
}

export interface ClassTeachersTable {
  class_id: number;
  person_id: number;
  subject: Generated<string>;
}

export interface ContactsTable {
  id: Generated<number>;
  case_id: number;
  person_id: number;
  school_id: number;
  via: string[];
  exposure_from: string;
  exposure_to: string;
  status: 'proposed' | 'confirmed' | 'dismissed';
  source_contact_id: number | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  note: Generated<string>;
  created_at: Timestamp;
}

export interface RiskAreasTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  level: 'lockdown' | 'controlled';
  starts_on: string;
  ends_on: string | null;
  declared_by: number | null;
  created_at: Timestamp;
}

export interface TravelRecordsTable {
  id: Generated<number>;
  person_id: number;
  region_code: string | null;
  place: string;
  from_date: string;
  to_date: string;
  residence: Generated<boolean>;
  source: 'screening' | 'leave' | 'manual';
  created_at: Timestamp;
  campaign_id: Generated<number | null>;
  leave_id: Generated<number | null>;
}

export interface RiskStatusesTable {
  person_id: number;
  status: RiskColour;
  computed_status: RiskColour;
  reasons: Json;
  override_reason: string | null;
  override_by: number | null;
  updated_at: Timestamp;
}

export interface RiskStatusHistoryTable {
  id: Generated<number>;
  person_id: number;
  status: RiskColour;
  previous: string | null;
  reasons: Json;
  manual: Generated<boolean>;
  reason: string | null;
  by_account: number | null;
  at: Timestamp;
}

export interface IsolationSitesTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  address: Generated<string>;
  capacity: number;
}

export type IsolationKind = 'home' | 'on_campus' | 'site';

export interface IsolationsTable {
  id: Generated<number>;
  person_id: number;
  school_id: number;
  kind: IsolationKind;
  site_id: number | null;
  case_id: number | null;
  contact_id: number | null;
  reason: string;
  policy_id: number;
  starts_on: string;
  planned_end: string;
  monitoring_end: string | null;
  test_days: number[];
  status: 'active' | 'released';
  released_on: string | null;
  release_override: string | null;
  logistics: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface IsolationCheckinsTable {
  isolation_id: number;
  day: string;
  temperature: number | null;
  symptoms: Generated<string[]>;
  note: Generated<string>;
  by_account: number | null;
  at: Timestamp;
}

export type TestGroup = 'all' | 'students' | 'staff' | 'key_positions';
export type TestKind = 'pcr' | 'antigen';

export interface TestSchedulesTable {
  id: Generated<number>;
  name: string;
  region_code: string | null;
  school_id: number | null;
  test_group: TestGroup;
  weekdays: number[];
  test_kind: TestKind;
  starts_on: string;
  ends_on: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface TestResultsTable {
  id: Generated<number>;
  person_id: number;
  school_id: number;
  test_kind: TestKind;
  sampled_on: string;
  result: 'negative' | 'positive';
  lab: Generated<string>;
  source: 'manual' | 'import';
  entered_by: number | null;
  created_at: Timestamp;
}

export interface ScreeningCampaignsTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  population: string[];
  questions: Json;
  deadline: string;
  status: 'template' | 'open' | 'closed';
  created_by: number | null;
  created_at: Timestamp;
  filters: ColumnType<unknown, string | undefined, string>;
}

export interface ScreeningAnswersTable {
  campaign_id: number;
  person_id: number;
  school_id: number;
  answers: Json;
  returned: boolean;
  from_region: string | null;
  risk_area: boolean;
  symptoms: boolean;
  answered_by: number | null;
  answered_via: 'teacher' | 'parent' | 'staff';
  answered_at: Timestamp;
}

export interface LeaveApproversTable {
  school_id: number;
  step: number;
  account_id: number;
  more_than_days: Generated<number>;
  label: Generated<string>;
}

export interface LeaveRequestsTable {
  id: Generated<number>;
  person_id: number;
  school_id: number;
  from_date: string;
  to_date: string;
  reason: string;
  destination: string;
  destination_region_code: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'returned';
  chain: Json;
  step: Generated<number>;
  requested_by: number | null;
  requested_at: Timestamp;
  returned_on: string | null;
  return_check: Json | null;
  idempotency_key: string | null;
}

export interface FootingsTable {
  id: Generated<number>;
  scope_type: 'region' | 'school';
  scope_key: string;
  mode: 'normal' | 'emergency';
  status: 'proposed' | 'in_force' | 'superseded' | 'dismissed';
  trigger: 'confirmed_case' | 'emergency_alert' | 'decision';
  reason: string;
  decided_by: number | null;
  at: Timestamp;
}

export interface FootingSettingsTable {
  region_code: string;
  auto_switch: Generated<boolean>;
  emergency_adjustments: Json;
  campaign_template_id: number | null;
}

export interface ResponseTables {
  disease_policies: DiseasePoliciesTable;
  cases: CasesTable;
  exposure_groups: ExposureGroupsTable;
  exposure_group_members: ExposureGroupMembersTable;
  class_teachers: ClassTeachersTable;
  contacts: ContactsTable;
  risk_areas: RiskAreasTable;
  travel_records: TravelRecordsTable;
  risk_statuses: RiskStatusesTable;
  risk_status_history: RiskStatusHistoryTable;
  isolation_sites: IsolationSitesTable;
  isolations: IsolationsTable;
  isolation_checkins: IsolationCheckinsTable;
  test_schedules: TestSchedulesTable;
  test_results: TestResultsTable;
  screening_campaigns: ScreeningCampaignsTable;
  screening_answers: ScreeningAnswersTable;
  leave_approvers: LeaveApproversTable;
  leave_requests: LeaveRequestsTable;
  footings: FootingsTable;
  footing_settings: FootingSettingsTable;
}
