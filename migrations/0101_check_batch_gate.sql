-- The class checks' group commit writes a batch in one statement without a transaction around it
-- (src/features/checks/batch-write.ts): a BEGIN and a COMMIT are two more round trips, and the COMMIT's
-- round trip through a busy server kept the batch's roll-up rows locked for the next batch to wait on.
-- The statement must then fail as a whole when a member cannot be written as a first submission, which
-- this function does from inside it. Raising aborts every row the statement wrote.
--   CGK09: a won check's idempotency key belongs to another submission of the account (409 for it);
--   CGW01: a member's check was already there, or came twice in the batch (the general path decides).
create function check_batch_gate(all_claimed boolean, all_won boolean) returns boolean language plpgsql as $$
begin
  if not all_claimed then
    raise exception 'idempotency key already used for another check' using errcode = 'CGK09';
  end if;
  if not all_won then
    raise exception 'a check of the batch was already written' using errcode = 'CGW01';
  end if;
  return true;
end $$;
