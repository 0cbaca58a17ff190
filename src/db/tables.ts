import type { ColumnType, Generated } from 'kysely';
import type { CampusTables } from '../features/gate/campus-tables';

/**
 * Kysely's view of the SQL schema in /migrations. A test holds this file against the real
 * database's information_schema, so a column added in SQL but not here (or the reverse) fails.
 * Conventions: bigint ids are numbers, `date` is 'YYYY-MM-DD', timestamptz is Date.
 */
type Timestamp = Date;
type Json = ColumnType<unknown, string | undefined, string>;

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  level: 'province' | 'city' | 'county';
  name: string;
  name_en: string;
  official: Generated<boolean>;
  kind: string | null;
  lng: number | null;
  lat: number | null;
}

export interface RegionClosureTable {
  ancestor_code: string;
  code: string;
  depth: number;
}

export type SchoolType = 'kindergarten' | 'primary' | 'junior' | 'senior' | 'nine_year' | 'twelve_year' | 'vocational' | 'special';

export interface SchoolsTable {
  id: Generated<number>;
  code: string;
  name: string;
  region_code: string;
  type: SchoolType;
  boarding: Generated<boolean>;
  address: Generated<string>;
  lng: number | null;
  lat: number | null;
  created_at: Generated<Timestamp>;
}

export interface CampusesTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  address: Generated<string>;
}

export interface GradesTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  entry_year: number;
  sort_order: Generated<number>;
}

export interface ClassesTable {
  id: Generated<number>;
  school_id: number;
  grade_id: number;
  campus_id: number | null;
  name: string;
  sort_order: Generated<number>;
}

export interface DormsTable {
  id: Generated<number>;
  school_id: number;
  building: string;
  room: string;
  capacity: number;
  gender: 'male' | 'female' | null;
}

export type PersonKind = 'student' | 'staff' | 'co_resident';
export type StaffRole = 'principal' | 'teacher' | 'doctor' | 'administrative' | 'security' | 'cleaning' | 'catering' | 'dormitory' | 'other';
export type KeyPosition = 'security' | 'cleaning' | 'catering' | 'dormitory' | 'other';

export interface PersonsTable {
  id: Generated<number>;
  school_id: number;
  kind: PersonKind;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  class_id: number | null;
  dorm_id: number | null;
  student_number: string | null;
  staff_role: StaffRole | null;
  key_position: KeyPosition | null;
  household_of: number | null;
  relation: string | null;
  occupation: string | null;
  high_risk_occupation: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface GuardiansTable {
  id: Generated<number>;
  student_id: number;
  school_id: number;
  name: string;
  relation: string;
  phone_enc: string | null;
  phone_masked: string | null;
}

export interface HospitalsTable {
  id: Generated<number>;
  name: string;
  kind: Generated<'hospital' | 'cdc' | 'clinic'>;
  level: Generated<string>;
  region_code: string;
  address: Generated<string>;
  lng: number | null;
  lat: number | null;
  capacity: Generated<number>;
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
}

export interface SchoolHospitalPairingsTable {
  school_id: number;
  hospital_id: number;
  paired_at: Generated<Timestamp>;
}

export type Role =
  | 'province_officer'
  | 'city_officer'
  | 'county_officer'
  | 'school_admin'
  | 'school_doctor'
  | 'class_teacher'
  | 'gate_guard'
  | 'parent'
  | 'hospital_liaison'
  | 'auditor'
  | 'sysadmin';

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  region_code: string | null;
  school_id: number | null;
  class_id: number | null;
  hospital_id: number | null;
  person_id: number | null;
  can_unmask: Generated<boolean>;
  email: string | null;
  phone: string | null;
  locale: Generated<string>;
  disabled_at: Timestamp | null;
  must_change_password: Generated<boolean>;
  password_changed_at: Generated<Timestamp>;
  created_at: Generated<Timestamp>;
}

export interface AccountChildrenTable {
  account_id: number;
  person_id: number;
}

export interface SessionsTable {
  id: string;
  account_id: number;
  csrf_token: string;
  created_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  expires_at: Timestamp;
  idle_timeout_seconds: number;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  second_factor_pending: Generated<boolean>;
}

export interface AccountSecondFactorsTable {
  account_id: number;
  secret_sealed: string;
  created_at: Generated<Timestamp>;
  confirmed_at: Timestamp | null;
  last_used_step: number | null;
}

export interface AccountRecoveryCodesTable {
  id: Generated<number>;
  account_id: number;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  success: boolean;
  at: Generated<Timestamp>;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: Generated<number | null>;
  at: Generated<Timestamp>;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  scope: string | null;
  result: 'ok' | 'denied' | 'failed';
  detail: Json | null;
  ip: string | null;
  prev_hash: Generated<string | null>;
  hash: Generated<string | null>;
}

export type GridUnitType = 'region' | 'school' | 'grade' | 'class' | 'student';

export interface GridResponsibilitiesTable {
  id: Generated<number>;
  unit_type: GridUnitType;
  unit_key: string;
  school_id: number | null;
  region_code: string | null;
  account_id: number;
  assigned_by: number | null;
  assigned_at: Generated<Timestamp>;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  leased_until: Timestamp;
  last_run_at: Timestamp | null;
  last_error: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Timestamp>;
}

/** The foundation's tables; each capability adds its own interface to `Database` below. */
export interface FoundationTables {
  schema_migrations: SchemaMigrationsTable;
  regions: RegionsTable;
  region_closure: RegionClosureTable;
  schools: SchoolsTable;
  campuses: CampusesTable;
  grades: GradesTable;
  classes: ClassesTable;
  dorms: DormsTable;
  persons: PersonsTable;
  guardians: GuardiansTable;
  hospitals: HospitalsTable;
  school_hospital_pairings: SchoolHospitalPairingsTable;
  accounts: AccountsTable;
  account_children: AccountChildrenTable;
  sessions: SessionsTable;
  account_second_factors: AccountSecondFactorsTable;
  account_recovery_codes: AccountRecoveryCodesTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  grid_responsibilities: GridResponsibilitiesTable;
  job_leases: JobLeasesTable;
}

// One line per capability that owns tables (its `tables.ts` beside its service).
export type Database = FoundationTables & import('../features/cases/response-tables').ResponseTables & CampusTables & import('../features/checks/tables').ChecksTables & import('../features/governance-dashboard/tables').GovernanceTables & import('../features/alerts/tables').AlertsTables & import('../features/reentry/tables').ReentryTables;
