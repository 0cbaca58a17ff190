import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export type DrawKindColumn = 'weekly_spot_check' | 'daily_self_report';

export interface DrawsTable {
  id: Generated<number>;
  public_id: string;
  region_code: string;
  kind: DrawKindColumn;
  period: string;
  attempt: number;
  draw_date: string;
  count: number;
  status: Generated<'committed' | 'revealed'>;
  commitment: string;
  input_hash: string;
  input_json: Json;
  seed_source: 'server' | 'bureau';
  seed_sealed: string | null;
  seed: string | null;
  result_json: ColumnType<unknown, string | null, string | null> | null;
  reason: string | null;
  created_by: number | null;
  created_at: Date;
  revealed_by: number | null;
  revealed_at: Date | null;
}

export interface DrawSelectionsTable {
  draw_id: number;
  school_id: number;
  rank: number;
  weight: number;
  probability: number;
}

export interface DrawTables {
  draws: DrawsTable;
  draw_selections: DrawSelectionsTable;
}
