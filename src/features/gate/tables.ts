import type { Generated } from 'kysely';

type Timestamp = Date;

export interface VisitorsTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  phone_enc: string;
  phone_masked: string;
  organisation: Generated<string>;
  host: string;
  purpose: string;
  registered_by: number | null;
  registered_at: Timestamp;
}

export type IdentifiedBy = 'number' | 'id_number' | 'person_code' | 'person_id' | 'visitor';

export interface GateEntriesTable {
  id: Generated<number>;
  school_id: number;
  venue_code_id: number | null;
  gate_name: string;
  direction: 'in' | 'out';
  person_id: number | null;
  visitor_id: number | null;
  identified_by: IdentifiedBy;
  at: Timestamp;
  real_name_verified: boolean | null;
  mask_worn: boolean | null;
  venue_code_scanned: boolean | null;
  travel_record_shown: boolean | null;
  temperature: number | null;
  risk_status: string | null;
  decision: 'allow' | 'refuse';
  reasons: Generated<string[]>;
  guard_id: number | null;
  idempotency_key: string | null;
}

export interface GatePresenceTable {
  school_id: number;
  subject: string;
  inside: boolean;
  since: Timestamp;
}

export interface GateDoctorNoticesTable {
  id: Generated<number>;
  school_id: number;
  entry_id: number;
  reason: string;
  created_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
}

export interface GateTables {
  visitors: VisitorsTable;
  gate_entries: GateEntriesTable;
  gate_presence: GatePresenceTable;
  gate_doctor_notices: GateDoctorNoticesTable;
}
