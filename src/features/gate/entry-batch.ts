import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { GateEntriesTable } from './tables';

/**
 * Group commit for the gate's hot path. At the morning rush many guards record entries at once; each
 * entry is a ledger row, a presence update, perhaps a doctor's notice and an audit row. Writing the
 * entries that arrive together in one statement (see writeBatch) turns N commits (N fsyncs) into
 * one. Every entry still commits with its own audit row or not at all: if a batch fails, its entries
 * are retried one by one, so one bad entry cannot take others down with it.
 */
export interface EntryJob {
  entry: Insertable<GateEntriesTable> & { idempotency_key: string };
  subject: string;
  notifyDoctor: boolean;
  audit: { actorId: number; actorName: string; actorRole: string; scope: string; action: string; objectType: string; objectId: string; detail: Record<string, unknown>; ip: string };
}

/** The new entry's id, or null when the idempotency key was already used (the caller reads that record). */
type Outcome = number | null;

interface Pending {
  job: EntryJob;
  resolve(id: Outcome): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;

export class EntryBatcher {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Kysely<Database>) {}

  submit(job: EntryJob): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the requests already in flight join this batch before it is written.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        const ids = await writeBatch(this.db, batch.map((p) => p.job));
        for (const [i, p] of batch.entries()) p.resolve(ids[i]);
      } catch (batchError) {
        if (batch.length === 1) batch[0].reject(batchError);
        else {
          for (const p of batch) {
            try {
              p.resolve((await writeBatch(this.db, [p.job]))[0]);
            } catch (err) {
              p.reject(err);
            }
          }
        }
      }
    }
    this.flushing = false;
  }
}

/**
 * The whole batch as one statement: the ledger rows, then from the rows actually inserted (a retried
 * idempotency key inserts nothing) the presence updates, the doctor's notices and the audit rows, as
 * data-modifying CTEs. One statement is one implicit transaction, so every entry still commits with
 * its audit row or not at all; it is one round trip instead of six (begin, four inserts, commit),
 * which on a busy machine is where a batch's time went: each round trip waits for both processes
 * to be scheduled.
 */
async function writeBatch(db: Kysely<Database>, jobs: EntryJob[]): Promise<Outcome[]> {
  const input = jobs.map((j, ord) => ({
    ...j.entry, ord, subject: j.subject, notify_doctor: j.notifyDoctor, actor_id: j.audit.actorId, actor_name: j.audit.actorName, actor_role: j.audit.actorRole,
    action: j.audit.action, object_type: j.audit.objectType, object_id: j.audit.objectId, scope: j.audit.scope, detail: j.audit.detail, ip: j.audit.ip,
  }));
  const written = await sql<{ ord: number; entry_id: number }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        ord int, school_id bigint, venue_code_id bigint, gate_name text, direction text, person_id bigint, visitor_id bigint, identified_by text,
        at timestamptz, real_name_verified boolean, mask_worn boolean, venue_code_scanned boolean, travel_record_shown boolean, temperature numeric,
        risk_status text, decision text, reasons text[], guard_id bigint, idempotency_key text, subject text, notify_doctor boolean,
        actor_id bigint, actor_name text, actor_role text, action text, object_type text, object_id text, scope text, detail jsonb, ip text)
    ),
    inserted as (
      insert into gate_entries (school_id, venue_code_id, gate_name, direction, person_id, visitor_id, identified_by, at, real_name_verified, mask_worn,
                                venue_code_scanned, travel_record_shown, temperature, risk_status, decision, reasons, guard_id, idempotency_key)
      select school_id, venue_code_id, gate_name, direction, person_id, visitor_id, identified_by, at, real_name_verified, mask_worn,
             venue_code_scanned, travel_record_shown, temperature, risk_status, decision, coalesce(reasons, '{}'), guard_id, idempotency_key
      from input order by ord
      on conflict (school_id, idempotency_key) do nothing
      returning id, school_id, idempotency_key
    ),
    -- Within one batch the same key can appear twice (a fast retry): only the first row was written.
    won as (
      select distinct on (i.school_id, i.idempotency_key) i.*, e.id as entry_id
      from input i join inserted e on e.school_id = i.school_id and e.idempotency_key = i.idempotency_key
      order by i.school_id, i.idempotency_key, i.ord
    ),
    -- Presence: the last allowed movement per subject wins (one row per subject per statement).
    presence as (
      insert into gate_presence (school_id, subject, inside, since)
      select distinct on (school_id, subject) school_id, subject, direction = 'in', at from won where decision = 'allow' order by school_id, subject, ord desc
      on conflict (school_id, subject) do update set inside = excluded.inside, since = excluded.since
    ),
    notices as (
      insert into gate_doctor_notices (school_id, entry_id, reason, created_at) select school_id, entry_id, 'fever', at from won where notify_doctor
    ),
    audit as (
      insert into audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, scope, result, detail, ip)
      select actor_id, actor_name, actor_role, action, object_type, object_id, scope, 'ok', jsonb_build_object('entry', entry_id) || coalesce(detail, '{}'), ip
      from won order by ord
    )
    select ord, entry_id from won`.execute(db);
  const outcomes: Outcome[] = jobs.map(() => null);
  for (const r of written.rows) outcomes[r.ord] = Number(r.entry_id);
  return outcomes;
}

const batchers = new WeakMap<Kysely<Database>, EntryBatcher>();

export function entryBatcher(db: Kysely<Database>): EntryBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new EntryBatcher(db)));
  return b;
}
