import type { Generated } from 'kysely';

export interface TaskForcesTable {
  id: Generated<number>;
  region_code: string;
  school_id: number | null;
  name: string;
  remit: Generated<string>;
  discipline: Generated<string>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Date;
}

export interface TaskForceMembersTable {
  id: Generated<number>;
  task_force_id: number;
  account_id: number | null;
  name: string;
  duty: Generated<string>;
  phone: Generated<string>;
}

export interface DutyShiftsTable {
  id: Generated<number>;
  task_force_id: number;
  account_id: number;
  starts_at: Date;
  ends_at: Date;
  post: Generated<string>;
  created_by: number | null;
  created_at: Date;
}

export interface TaskForceTables {
  task_forces: TaskForcesTable;
  task_force_members: TaskForceMembersTable;
  duty_shifts: DutyShiftsTable;
}
