-- Sealing writes the chain with one UPDATE instead of one per row. Each hash needs the one before, so
-- the loop still computes them in id order, into arrays; the expression is the same as in 0003, so the
-- hashes and their verification are unchanged. At a busy morning's rate (about a thousand rows a
-- second) the per-row UPDATE had become a tenth of the database's CPU.
create or replace function audit_log_seal(max_rows integer default 50000) returns integer language plpgsql as $$
declare
  last record;
  r record;
  s bigint;
  h text;
  ids bigint[] := '{}';
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
begin
  perform pg_advisory_xact_lock(727172);
  perform set_config('campusguard.audit_sealing', 'on', true);
  select seq, hash into last from audit_log where seq is not null order by seq desc limit 1;
  s := coalesce(last.seq, 0);
  h := coalesce(last.hash, '');
  for r in select id, at, actor_id, action, object_type, object_id, scope, result, detail from audit_log where seq is null order by id limit max_rows loop
    s := s + 1;
    ids := ids || r.id;
    seqs := seqs || s;
    prevs := prevs || h;
    h := encode(sha256(convert_to(concat_ws('|', h, s, r.at, r.actor_id, r.action, r.object_type, r.object_id, r.scope, r.result, r.detail::text), 'UTF8')), 'hex');
    hashes := hashes || h;
  end loop;
  update audit_log a set seq = u.seq, prev_hash = u.prev, hash = u.hash
    from unnest(ids, seqs, prevs, hashes) as u(id, seq, prev, hash) where a.id = u.id;
  perform set_config('campusguard.audit_sealing', 'off', true);
  return coalesce(array_length(ids, 1), 0);
end $$;
