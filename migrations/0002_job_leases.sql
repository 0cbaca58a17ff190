-- Scheduled jobs run once across app instances: an instance runs a job only while it holds its lease.
create table job_leases (
  name         text primary key,
  holder       text not null,
  leased_until timestamptz not null,
  last_run_at  timestamptz,
  last_error   text
);
