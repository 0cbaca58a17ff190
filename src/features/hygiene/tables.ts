import type { Generated } from 'kysely';
import type { AreaType, HygieneKind } from '../../domain/hygiene/frequency';

type Timestamp = Date;

export interface HygieneAreasTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  area_type: AreaType;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface HygieneLogsTable {
  id: Generated<number>;
  school_id: number;
  area_id: number;
  kind: HygieneKind;
  done_at: Timestamp;
  method: string;
  agent: Generated<string>;
  done_by: string;
  result: 'pass' | 'fail' | null;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: Timestamp;
  idempotency_key: string | null;
}

export interface HygieneTables {
  hygiene_areas: HygieneAreasTable;
  hygiene_logs: HygieneLogsTable;
}
