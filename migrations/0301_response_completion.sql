-- Response, second part: leave approval thresholds, campaign population filters, and which
-- campaign answer or leave return a travel record came from (so a retried answer replaces its own
-- records instead of adding a second copy).

-- A chain step applies only to leave longer than this many days (e.g. the principal above 3 days);
-- the label says who the step is ("校长") so the chain reads as the school set it up.
alter table leave_approvers add column more_than_days integer not null default 0 check (more_than_days >= 0);
alter table leave_approvers add column label text not null default '';

alter table screening_campaigns add column filters jsonb not null default '{}';

alter table travel_records add column campaign_id bigint references screening_campaigns (id);
alter table travel_records add column leave_id bigint references leave_requests (id);
create index travel_records_campaign on travel_records (campaign_id, person_id) where campaign_id is not null;
create index travel_records_leave on travel_records (leave_id) where leave_id is not null;
