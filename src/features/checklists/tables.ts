import type { ColumnType, Generated } from 'kysely';

export interface ChecklistTemplatesTable {
  id: Generated<number>;
  key: string;
  name: string;
  region_code: string | null;
  created_by: number | null;
  created_at: Date;
}

export interface ChecklistVersionsTable {
  id: Generated<number>;
  template_id: number;
  version: number;
  items: ColumnType<unknown, string, string>;
  note: Generated<string>;
  created_by: number | null;
  created_at: Date;
}

export interface ChecklistTables {
  checklist_templates: ChecklistTemplatesTable;
  checklist_versions: ChecklistVersionsTable;
}
