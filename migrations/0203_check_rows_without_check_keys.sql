-- The rows a first submission of a class check writes with it — its exceptions, the stored answer to
-- its idempotency key and its early-warning queue row — are inserted in the check's own statement
-- from the ids that statement returns (src/features/checks/batch-write.ts), and edits write them in
-- the transaction that holds the check's row. Their foreign keys to class_checks took a key-share
-- lock on the new check row for every child row: measured at 45–75 µs each against 5 µs for a key
-- to a row that already existed, about a fifth of the database's time per check at the morning peak.
-- Checks are never deleted (corrections are new versions), so the keys guarded nothing the writers
-- do not already guarantee; the keys to schools, classes and persons stay.
alter table check_exceptions drop constraint if exists check_exceptions_check_id_fkey;
alter table check_idempotency drop constraint if exists check_idempotency_check_id_fkey;
alter table check_rule_queue drop constraint if exists check_rule_queue_check_id_fkey;
