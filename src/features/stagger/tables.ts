import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface StaggerSchedulesTable {
  id: Generated<number>;
  school_id: number;
  request: Json;
  report: Json;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Date;
}

export interface StaggerAssignmentsTable {
  schedule_id: number;
  school_id: number;
  class_id: number;
  phase: 'arrival' | 'departure' | 'dining';
  slot: number;
  resource_id: string;
  resource_name: string;
  /** 'HH:MM' school time. */
  starts_at: string;
  ends_at: string;
}

export interface StaggerTables {
  stagger_schedules: StaggerSchedulesTable;
  stagger_assignments: StaggerAssignmentsTable;
}
