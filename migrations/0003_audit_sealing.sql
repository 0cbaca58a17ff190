-- The audit hash chain is sealed after commit instead of at insert. Chaining at insert took a global
-- lock that each writing transaction held until its commit had been flushed to disk, so every audited
-- write in the product waited for every other one's fsync: PostgreSQL could not group commits, and
-- the whole product was capped at one commit per disk flush (measured: ~110 class checks a second).
--
-- Now a row is inserted unsealed (seq, prev_hash and hash null; an inserter cannot supply them), and
-- audit_log_seal() chains the committed unsealed rows in id order under the same lock, in a short
-- transaction of its own. It runs every few seconds (job audit.seal) and before every verification,
-- so a row stays unchained for seconds; it is append-only from the start, as before.
create or replace function audit_log_chain() returns trigger language plpgsql as $$
begin
  new.seq := null;
  new.prev_hash := null;
  new.hash := null;
  return new;
end $$;

-- The only change ever allowed: sealing an unsealed row (seq, prev_hash, hash set, nothing else
-- touched), and only from audit_log_seal(), which sets the flag for its own transaction.
create or replace function audit_log_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if old.seq is null and new.seq is not null and coalesce(current_setting('campusguard.audit_sealing', true), '') = 'on'
       and (new.id, new.at, new.actor_id, new.actor_name, new.actor_role, new.action, new.object_type, new.object_id, new.scope, new.result, new.detail::text, new.ip)
           is not distinct from
           (old.id, old.at, old.actor_id, old.actor_name, old.actor_role, old.action, old.object_type, old.object_id, old.scope, old.result, old.detail::text, old.ip) then
      return new;
    end if;
  end if;
  raise exception 'audit_log is append-only';
end $$;

create index audit_log_unsealed on audit_log (id) where seq is null;

-- Chains up to max_rows committed unsealed rows after the last sealed one; returns how many. The hash
-- is the same expression the insert trigger used, so verification is unchanged.
create function audit_log_seal(max_rows integer default 50000) returns integer language plpgsql as $$
declare
  last record;
  r record;
  s bigint;
  h text;
  n integer := 0;
begin
  perform pg_advisory_xact_lock(727172);
  perform set_config('campusguard.audit_sealing', 'on', true);
  select seq, hash into last from audit_log where seq is not null order by seq desc limit 1;
  s := coalesce(last.seq, 0);
  h := coalesce(last.hash, '');
  for r in select id, at, actor_id, action, object_type, object_id, scope, result, detail from audit_log where seq is null order by id limit max_rows loop
    s := s + 1;
    update audit_log set seq = s, prev_hash = h,
      hash = encode(sha256(convert_to(concat_ws('|', h, s, r.at, r.actor_id, r.action, r.object_type, r.object_id, r.scope, r.result, r.detail::text), 'UTF8')), 'hex')
      where id = r.id
      returning hash into h;
    n := n + 1;
  end loop;
  perform set_config('campusguard.audit_sealing', 'off', true);
  return n;
end $$;

select audit_log_seal();
