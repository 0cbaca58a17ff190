import type { Insertable, Kysely } from 'kysely';
import { inTransaction } from '../../db/transaction';
import type { Database } from '../../db/tables';
import type { GateEntriesTable } from './tables';

/**
 * Group commit for the gate's hot path. At the morning rush many guards record entries at once; each
 * entry is a ledger row, a presence update, perhaps a doctor's notice and an audit row. Writing the
 * entries that arrive together in one transaction, with one multi-row statement per table, turns
 * N commits (N fsyncs, N turns at the audit chain's lock) into one. Every entry still commits with
 * its own audit row or not at all: if a batch fails, its entries are retried one by one, so one bad
 * entry cannot take others down with it.
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

async function writeBatch(db: Kysely<Database>, jobs: EntryJob[]): Promise<Outcome[]> {
  return inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('gate_entries')
      .values(jobs.map((j) => j.entry))
      .onConflict((oc) => oc.columns(['school_id', 'idempotency_key']).doNothing())
      .returning(['id', 'school_id', 'idempotency_key'])
      .execute();
    const idOf = new Map(inserted.map((r) => [`${r.school_id}|${r.idempotency_key}`, r.id]));
    // Within one batch the same key can appear twice (a fast retry): only the first row was written.
    const claimed = new Set<string>();
    const outcomes = jobs.map((j) => {
      const key = `${j.entry.school_id}|${j.entry.idempotency_key}`;
      const id = idOf.get(key);
      if (id === undefined || claimed.has(key)) return null;
      claimed.add(key);
      return id;
    });
    const written = jobs.map((j, i) => ({ j, id: outcomes[i] })).filter((x): x is { j: EntryJob; id: number } => x.id !== null);
    if (!written.length) return outcomes;
    // Presence: the last allowed movement per subject wins (one row per subject per statement).
    const presence = new Map<string, { school_id: number; subject: string; inside: boolean; since: Date }>();
    for (const { j } of written) {
      if (j.entry.decision !== 'allow') continue;
      presence.set(`${j.entry.school_id}|${j.subject}`, { school_id: j.entry.school_id, subject: j.subject, inside: j.entry.direction === 'in', since: j.entry.at as Date });
    }
    if (presence.size) {
      await trx
        .insertInto('gate_presence')
        .values([...presence.values()])
        .onConflict((oc) => oc.columns(['school_id', 'subject']).doUpdateSet((eb) => ({ inside: eb.ref('excluded.inside'), since: eb.ref('excluded.since') })))
        .execute();
    }
    const notices = written.filter(({ j }) => j.notifyDoctor);
    if (notices.length) {
      await trx.insertInto('gate_doctor_notices').values(notices.map(({ j, id }) => ({ school_id: j.entry.school_id, entry_id: id, reason: 'fever', created_at: j.entry.at as Date }))).execute();
    }
    await trx
      .insertInto('audit_log')
      .values(
        written.map(({ j, id }) => ({
          actor_id: j.audit.actorId, actor_name: j.audit.actorName, actor_role: j.audit.actorRole, action: j.audit.action, object_type: j.audit.objectType,
          object_id: j.audit.objectId, scope: j.audit.scope, result: 'ok' as const, detail: JSON.stringify({ entry: id, ...j.audit.detail }), ip: j.audit.ip,
        })),
      )
      .execute();
    return outcomes;
  });
}

const batchers = new WeakMap<Kysely<Database>, EntryBatcher>();

export function entryBatcher(db: Kysely<Database>): EntryBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new EntryBatcher(db)));
  return b;
}
