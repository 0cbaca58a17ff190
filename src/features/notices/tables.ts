import type { Generated } from 'kysely';

type Timestamp = Date;

export type NoticeAudience = 'parents' | 'students' | 'staff';
export type NoticeTargetType = 'region' | 'school' | 'grade' | 'class';

export interface NoticesTable {
  id: Generated<number>;
  title: string;
  body: string;
  audience: NoticeAudience;
  target_type: NoticeTargetType;
  target_key: string;
  region_code: string | null;
  school_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  idempotency_key: string | null;
}

export interface NoticeRecipientsTable {
  notice_id: number;
  person_id: number;
  school_id: number;
  class_id: number | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
  reminded_at: Timestamp | null;
  reminders: Generated<number>;
}

export interface NoticeTables {
  notices: NoticesTable;
  notice_recipients: NoticeRecipientsTable;
}
