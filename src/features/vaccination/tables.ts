import type { ColumnType, Generated } from 'kysely';

export interface VaccinationDosesTable {
  person_id: number;
  school_id: number;
  vaccine: string;
  dose_number: number;
  given_on: string;
  source: 'certificate' | 'catch_up';
  recorded_by: number | null;
  recorded_at: Date;
}

export interface VaccinationChecksTable {
  id: Generated<number>;
  person_id: number;
  school_id: number;
  class_id: number | null;
  checked_on: string;
  complete: boolean;
  missing: ColumnType<unknown, string, string>;
  follow_up: Generated<'none' | 'referred' | 'caught_up'>;
  follow_up_note: Generated<string>;
  checked_by: number | null;
  checked_at: Date;
}

export interface VaccinationTables {
  vaccination_doses: VaccinationDosesTable;
  vaccination_checks: VaccinationChecksTable;
}
