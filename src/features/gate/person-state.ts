import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../../db/tables';
import { CLEAR_STATE, type PersonGateState, type RiskStatus } from '../../domain/gate/decide';

/**
 * The gate reads a person's state (risk status, isolation, overdue tests, unreturned leave) from
 * whichever capabilities keep it. Each registers a source with one line; the gate merges them, the
 * worst answer winning. With no source registered every person is "no record" (riskStatus
 * 'unknown'), and the guard's own checks still apply.
 */
export type PersonStateSource = (db: Kysely<Database>, personIds: number[], at: { now: Date; today: string }) => Promise<Map<number, Partial<PersonGateState>>>;

/**
 * Optionally, a source can also give its answer as one SQL column correlated on `persons.id`, so the
 * gate reads it in the same query that finds the person (one round trip fewer per entry).
 */
export type InlineStateSource = (db: Kysely<Database>, at: { now: Date; today: string }) => Promise<{ column: RawBuilder<unknown>; read(value: unknown): Partial<PersonGateState> } | null>;

const sources = new Map<string, { load: PersonStateSource; inline?: InlineStateSource }>();

export function registerPersonStateSource(key: string, load: PersonStateSource, inline?: InlineStateSource): void {
  sources.set(key, { load, inline });
}

export function unregisterPersonStateSource(key: string): void {
  sources.delete(key);
}

/** The inline columns of every source that has one, keyed by source. */
export async function inlineStateColumns(db: Kysely<Database>, at: { now: Date; today: string }) {
  const out: { key: string; column: RawBuilder<unknown>; read(value: unknown): Partial<PersonGateState> }[] = [];
  for (const [key, s] of sources) {
    const inline = s.inline ? await s.inline(db, at) : null;
    if (inline) out.push({ key, ...inline });
  }
  return out;
}

const RISK_RANK: Record<RiskStatus, number> = { unknown: 0, green: 1, yellow: 2, red: 3 };

export function mergeStates(parts: Partial<PersonGateState>[]): PersonGateState {
  const out: PersonGateState = { ...CLEAR_STATE };
  for (const p of parts) {
    if (p.riskStatus && RISK_RANK[p.riskStatus] > RISK_RANK[out.riskStatus]) out.riskStatus = p.riskStatus;
    out.isolated ||= p.isolated ?? false;
    out.testOverdue ||= p.testOverdue ?? false;
    out.leaveUnreturned ||= p.leaveUnreturned ?? false;
  }
  return out;
}

/** Every source's answer, merged; `skip` leaves out sources already read inline. */
export async function loadPersonStates(db: Kysely<Database>, personIds: number[], at: { now: Date; today: string }, skip: ReadonlySet<string> = new Set()): Promise<Map<number, PersonGateState>> {
  const found = await Promise.all([...sources].filter(([key]) => !skip.has(key)).map(([, s]) => s.load(db, personIds, at)));
  return new Map(personIds.map((id) => [id, mergeStates(found.map((m) => m.get(id) ?? {}))]));
}

/** School dates are Asia/Shanghai (UTC+8, no daylight saving). */
export function schoolDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function dayBounds(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}
