import type { ColumnType, Generated } from 'kysely';

/** Kysely types of migrations/0200_alerts.sql (alert queue, rule sets, notifications and their outbox). */
type Timestamp = Date;
type Json = ColumnType<unknown, string | undefined, string>;

export type AlertStatus = 'new' | 'acknowledged' | 'investigating' | 'reported_to_cdc' | 'closed';
export type AlertOutcome = 'outbreak_confirmed' | 'not_outbreak';
export type AlertUnitKind = 'class' | 'dorm' | 'school' | 'region';
export type EscalationLevel = 'school' | 'county' | 'city' | 'province';
export type AlertDeadline = 'immediate' | '2h' | '24h';

export interface AlertsTable {
  id: Generated<number>;
  source: 'rule' | 'scan';
  rule: string;
  method: string | null;
  unit_kind: AlertUnitKind;
  unit_id: string;
  school_id: number | null;
  class_id: number | null;
  dorm_id: number | null;
  region_code: string;
  level: 'report' | 'emergency';
  deadline: AlertDeadline;
  disease: string | null;
  syndrome: string | null;
  window_from: string;
  window_to: string;
  case_count: Generated<number>;
  status: Generated<AlertStatus>;
  outcome: AlertOutcome | null;
  escalation_level: Generated<EscalationLevel>;
  raised_at: Timestamp;
  due_at: Timestamp;
  escalated_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
  reported_at: Timestamp | null;
  reported_by: number | null;
  closed_at: Timestamp | null;
  closed_by: number | null;
  close_note: string | null;
  detail: Json;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AlertPersonsTable {
  alert_id: number;
  person_id: number;
  added_at: Timestamp;
}

export interface AlertEpisodesTable {
  alert_id: number;
  episode_id: number;
}

export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: number;
  at: Timestamp;
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  detail: Json;
}

export interface AlertRuleSetsTable {
  region_code: string;
  override: Json;
  escalate_after_minutes: number | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface AlertJobRunsTable {
  job: string;
  run_key: string;
  started_at: Timestamp;
  result: Json | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  dedupe_key: string;
  title_zh: string;
  title_en: string;
  body_zh: Generated<string>;
  body_en: Generated<string>;
  link: string | null;
  alert_id: number | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export type WebhookKind = 'dingtalk' | 'wecom';
export type NotificationChannel = 'email' | WebhookKind;

export interface NotificationEndpointsTable {
  id: Generated<number>;
  kind: WebhookKind;
  name: string;
  url: string;
  secret: string | null;
  region_code: string | null;
  school_id: number | null;
  enabled: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface NotificationOutboxTable {
  id: Generated<number>;
  channel: NotificationChannel;
  target: string;
  dedupe_key: string;
  account_id: number | null;
  endpoint_id: number | null;
  payload: Json;
  status: Generated<'pending' | 'sending' | 'sent' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface NotificationAttemptsTable {
  id: Generated<number>;
  outbox_id: number;
  attempt: number;
  at: Timestamp;
  ok: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** Class checks whose rules are still to be evaluated (migrations/0202_check_rule_queue.sql). */
export interface CheckRuleQueueTable {
  id: Generated<number>;
  school_id: number;
  class_id: number;
  check_date: string;
  check_id: number;
  queued_at: Generated<Timestamp>;
}

export interface AlertsTables {
  alerts: AlertsTable;
  alert_persons: AlertPersonsTable;
  alert_episodes: AlertEpisodesTable;
  alert_events: AlertEventsTable;
  alert_rule_sets: AlertRuleSetsTable;
  alert_job_runs: AlertJobRunsTable;
  notifications: NotificationsTable;
  notification_endpoints: NotificationEndpointsTable;
  notification_outbox: NotificationOutboxTable;
  notification_attempts: NotificationAttemptsTable;
  check_rule_queue: CheckRuleQueueTable;
}
