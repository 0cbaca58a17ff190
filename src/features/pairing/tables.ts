import type { ColumnType, Generated } from 'kysely';
import type { HospitalsTable, SchoolHospitalPairingsTable } from '../../db/tables';

/** Columns the governance migration adds to the foundation's hospitals and pairings. */
export interface HospitalGovernanceColumns {
  active: Generated<boolean>;
  updated_at: Date | null;
}

export interface PairingGovernanceColumns {
  school_contact_name: Generated<string>;
  school_contact_phone: Generated<string>;
  hospital_contact_id: number | null;
  override_reason: string | null;
  paired_by: number | null;
}

export interface HospitalContactsTable {
  id: Generated<number>;
  hospital_id: number;
  name: string;
  title: Generated<string>;
  phone: string;
  active: Generated<boolean>;
}

export interface PairingProposalsTable {
  id: Generated<number>;
  region_code: string;
  margin_meters: number;
  basis_hash: string;
  result: ColumnType<unknown, string, string>;
  total_meters: number;
  created_by: number | null;
  created_at: Date;
  applied_by: number | null;
  applied_at: Date | null;
}

export interface SchoolDoctorsTable {
  school_id: number;
  name: string;
  phone: string;
  kind: 'staff' | 'contracted';
  hospital_id: number | null;
  assigned_by: number | null;
  assigned_at: Date;
}

export interface PairingTables {
  hospitals: HospitalsTable & HospitalGovernanceColumns;
  school_hospital_pairings: SchoolHospitalPairingsTable & PairingGovernanceColumns;
  hospital_contacts: HospitalContactsTable;
  pairing_proposals: PairingProposalsTable;
  school_doctors: SchoolDoctorsTable;
}
