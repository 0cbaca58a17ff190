import type { Generated } from 'kysely';
import type { SupplyItem } from '../../domain/supplies/cover';

export interface SupplyStoresTable {
  id: Generated<number>;
  school_id: number | null;
  region_code: string | null;
  name: string;
  created_at: Date;
}

export type MovementKind = 'receipt' | 'delivery_out' | 'delivery_in' | 'consumption' | 'adjustment';

export interface SupplyMovementsTable {
  id: Generated<number>;
  store_id: number;
  item: SupplyItem;
  kind: MovementKind;
  quantity: number;
  counterpart_id: number | null;
  at: Date;
  note: Generated<string>;
  recorded_by: number | null;
  idempotency_key: string | null;
}

export interface SupplyTables {
  supply_stores: SupplyStoresTable;
  supply_movements: SupplyMovementsTable;
}
