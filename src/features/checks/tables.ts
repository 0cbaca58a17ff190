import type { ColumnType, Generated } from 'kysely';

/** Kysely types of migrations/0100_daily_monitoring.sql (checks, episodes, returns, roll-ups). */
type Timestamp = Date;
type Json = ColumnType<Record<string, number>, string | undefined, string>;
export type CheckSession = 'morning' | 'noon' | 'evening';
export type ExceptionStatus = 'absent_ill' | 'absent_other' | 'present_symptomatic';

export interface CheckSessionsTable {
  school_id: number;
  session: CheckSession;
  deadline: string;
}

export interface SchoolTermsTable {
  school_id: number;
  start_date: string;
  end_date: string;
  name: Generated<string>;
}

export interface ClassChecksTable {
  id: Generated<number>;
  school_id: number;
  class_id: number | null;
  check_date: string;
  session: CheckSession;
  expected: number;
  present: number;
  absent_ill: number;
  absent_other: number;
  symptomatic: number;
  zero_report: Generated<boolean>;
  submitted_by: number | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  late: Generated<boolean>;
  online: Generated<boolean>;
  version: Generated<number>;
  idempotency_key: string | null;
  entry_ms: number | null;
  flags: Generated<string[]>;
}

export interface CheckExceptionsTable {
  id: Generated<number>;
  check_id: number;
  school_id: number;
  person_id: number;
  check_date: string;
  session: string;
  status: ExceptionStatus;
  symptoms: Generated<string[]>;
  temperature: number | null;
  note: string | null;
}

export interface CheckIdempotencyTable {
  account_id: number;
  key: string;
  school_id: number;
  check_id: number | null;
  response: ColumnType<unknown, string | null, string | null> | null;
  created_at: Timestamp;
}

export interface AbsenceEpisodesTable {
  id: Generated<number>;
  school_id: number;
  person_id: number;
  class_id: number | null;
  kind: Generated<'illness' | 'other'>;
  status: Generated<'open' | 'closed'>;
  opened_on: string;
  last_absent_on: string;
  absent_sessions: Generated<number>;
  symptoms: Generated<string[]>;
  onset_date: string | null;
  guardian_contacted_at: Timestamp | null;
  guardian_contact_method: 'phone' | 'wechat' | 'sms' | 'visit' | 'other' | null;
  doctor_visit: boolean | null;
  hospital: string | null;
  diagnosis_code: string | null;
  diagnosis_text: string | null;
  fever_free_since: Timestamp | null;
  expected_return: string | null;
  closed_on: string | null;
  closed_by_certificate: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReturnCertificatesTable {
  id: Generated<number>;
  school_id: number;
  episode_id: number;
  person_id: number;
  hospital: string;
  issued_on: string;
  diagnosis_code: string | null;
  diagnosis_text: string | null;
  return_on: string;
  fever_free_hours: number | null;
  symptoms_resolved: Generated<boolean>;
  lesions_crusted: Generated<boolean>;
  test_negative: Generated<boolean>;
  photo: Buffer | null;
  photo_type: string | null;
  photo_size: number | null;
  decision: 'accepted' | 'refused';
  reasons: Generated<string[]>;
  earliest_return: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface ReturnPoliciesTable {
  region_code: string;
  disease_code: string;
  min_days_from_onset: number | null;
  fever_free_hours: number | null;
  symptom_free_hours: number | null;
  requires_lesions_crusted: Generated<boolean>;
  requires_test_negative: Generated<boolean>;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** The figures both roll-up tables carry; every change is applied to them as a delta. */
export interface SummaryCounts {
  enrolled: Generated<number>;
  classes_expected: Generated<number>;
  classes_reported: Generated<number>;
  classes_on_time: Generated<number>;
  expected: Generated<number>;
  present: Generated<number>;
  absent_ill: Generated<number>;
  absent_other: Generated<number>;
  symptomatic: Generated<number>;
  symptoms: Generated<Json>;
  staff_expected: Generated<number>;
  staff_absent_ill: Generated<number>;
  staff_absent_other: Generated<number>;
  staff_symptomatic: Generated<number>;
  staff_reported: Generated<number>;
}

export interface SchoolDaySummaryTable extends SummaryCounts {
  school_id: number;
  region_code: string;
  check_date: string;
  session: string;
}

export interface RegionDaySummaryTable extends SummaryCounts {
  region_code: string;
  check_date: string;
  session: string;
  schools: Generated<number>;
}

export interface ChecksTables {
  check_sessions: CheckSessionsTable;
  school_terms: SchoolTermsTable;
  class_checks: ClassChecksTable;
  check_exceptions: CheckExceptionsTable;
  check_idempotency: CheckIdempotencyTable;
  absence_episodes: AbsenceEpisodesTable;
  return_certificates: ReturnCertificatesTable;
  return_policies: ReturnPoliciesTable;
  school_day_summary: SchoolDaySummaryTable;
  region_day_summary: RegionDaySummaryTable;
}
