import type { Generated } from 'kysely';
import type { ChecklistTables } from '../checklists/tables';
import type { DrawTables } from '../draws/tables';
import type { InspectionTables } from '../inspections/tables';
import type { PairingTables } from '../pairing/tables';
import type { PlanTables } from '../plans/tables';
import type { RectificationTables } from '../rectification/tables';
import type { SelfReportTables } from '../self-reports/tables';
import type { TaskForceTables } from '../taskforces/tables';

/** Students per school, kept by triggers on persons for the dashboard (migrations/0501). */
export interface SchoolStudentCountsTable {
  school_id: number;
  students: Generated<number>;
}

/** Every governance capability's tables (migrations/0500_governance.sql), joined into `Database` with one line. */
export interface GovernanceTables
  extends DrawTables,
    ChecklistTables,
    InspectionTables,
    SelfReportTables,
    RectificationTables,
    PairingTables,
    TaskForceTables,
    PlanTables {
  school_student_counts: SchoolStudentCountsTable;
}
