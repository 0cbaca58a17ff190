import type { Generated } from 'kysely';

type Timestamp = Date;

export type VenueKind = 'gate' | 'site' | 'bureau_building';

export interface VenueCodesTable {
  id: Generated<number>;
  school_id: number | null;
  region_code: string | null;
  kind: VenueKind;
  name: string;
  nonce: string;
  issued_at: Timestamp;
  expires_at: Timestamp;
  issued_by: number | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
  revoke_reason: string | null;
  replaces_id: number | null;
}

export interface VenueCodeTables {
  venue_codes: VenueCodesTable;
}
