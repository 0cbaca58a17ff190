-- Class checks whose early-warning rules are still to be evaluated (src/features/alerts/check-rule-queue.ts).
-- A first submission writes its row in the check's own transaction; the evaluation deletes it in the
-- transaction that raises or grows the alerts, so a crash in between loses no evaluation.
create table check_rule_queue (
  id          bigint generated always as identity primary key,
  school_id   bigint not null references schools (id),
  class_id    bigint not null references classes (id),
  check_date  date not null,
  check_id    bigint not null references class_checks (id),
  queued_at   timestamptz not null default clock_timestamp()
);
