import type { Generated } from 'kysely';
import type { InspectionLevel, InspectionMethod } from '../../domain/inspections/methods';

export interface InspectionsTable {
  id: Generated<number>;
  school_id: number;
  region_code: string | null;
  level: InspectionLevel;
  method: InspectionMethod;
  unannounced: Generated<boolean>;
  status: Generated<'planned' | 'in_progress' | 'completed' | 'cancelled'>;
  scheduled_on: string;
  checklist_version_id: number;
  draw_id: number | null;
  score: number | null;
  summary: Generated<string>;
  created_by: number | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  version: Generated<number>;
}

export interface InspectionInspectorsTable {
  inspection_id: number;
  account_id: number;
}

export interface InspectionAnswersTable {
  inspection_id: number;
  item_key: string;
  result: 'pass' | 'partial' | 'fail' | 'na';
  note: Generated<string>;
  answered_by: number | null;
  answered_at: Date;
}

export interface InspectionPhotosTable {
  id: Generated<number>;
  inspection_id: number;
  item_key: string | null;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  uploaded_at: Date;
}

export interface InspectionTables {
  inspections: InspectionsTable;
  inspection_inspectors: InspectionInspectorsTable;
  inspection_answers: InspectionAnswersTable;
  inspection_photos: InspectionPhotosTable;
}
