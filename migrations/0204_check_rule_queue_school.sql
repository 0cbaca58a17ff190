-- A drain takes the queued checks of a few schools at a time (check-rule-queue.ts): an index on the
-- school finds them without reading the whole queue, whose rows come and go all morning.
create index check_rule_queue_school on check_rule_queue (school_id, id);
