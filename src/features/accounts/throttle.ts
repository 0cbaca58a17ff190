import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { inTransaction, type Trx } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';

const WINDOW_MINUTES = 15;
const MAX_FAILURES = 5;
const MAX_FAILURES_PER_IP = MAX_FAILURES * 4;
// Advisory-lock namespaces (first key of the two-key form): one for usernames, one for addresses.
const USER_LOCK = sql.lit(7301);
const IP_LOCK = sql.lit(7302);

/**
 * 5 failed attempts in 15 minutes per account (20 per IP) → 429. A wrong password and a wrong
 * second-factor code count alike: guessing either is the same attack on the same account.
 *
 * The attempt is reserved before the (slow) password check: counting and inserting run under
 * advisory locks on the username and on the address, so parallel requests cannot all pass the count
 * before any failure is written. The database is the source of truth, since several instances may
 * serve logins. The reserved row counts as a failure until settleAttempt says otherwise, so a request
 * that dies half-way errs on the safe side. Returns the reservation's id.
 */
export async function reserveAttempt(db: Kysely<Database>, now: Date, username: string, ip: string): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const reserved = await inTransaction(db, async (trx) => {
    // Always the username's lock first, then the address's: no two transactions wait on each other in a cycle.
    await sql`select pg_advisory_xact_lock(${USER_LOCK}, hashtext(${username}))`.execute(trx);
    await sql`select pg_advisory_xact_lock(${IP_LOCK}, hashtext(${ip}))`.execute(trx);
    if (await overLimit(trx, since, username, ip)) return null;
    const row = await trx.insertInto('login_attempts').values({ username, ip, success: false, at: now }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
  if (reserved == null) await refuse(db, username, ip);
  return Number(reserved);
}

/**
 * The outcome of a reserved attempt: `success` marks it a successful login; `void` removes it (the
 * password was right but no session follows: a disabled account, or the second factor still to come);
 * a failure needs no call, the reservation already is the failure row.
 */
export async function settleAttempt(db: Kysely<Database> | Trx, id: number, outcome: 'success' | 'void'): Promise<void> {
  if (outcome === 'success') await db.updateTable('login_attempts').set({ success: true }).where('id', '=', id).execute();
  else await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}

/** One failed attempt outside a reservation (a wrong code while enrolling), counted by reserveAttempt. */
export async function recordFailedAttempt(db: Kysely<Database>, now: Date, username: string, ip: string): Promise<void> {
  await db.insertInto('login_attempts').values({ username, ip, success: false, at: now }).execute();
}

async function overLimit(db: Kysely<Database>, since: Date, username: string, ip: string): Promise<boolean> {
  const failures = await db
    .selectFrom('login_attempts')
    .select([
      sql<number>`count(*) filter (where username = ${username})`.as('by_user'),
      sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip'),
    ])
    .where('success', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return Number(failures.by_user) >= MAX_FAILURES || Number(failures.by_ip) >= MAX_FAILURES_PER_IP;
}

async function refuse(db: Kysely<Database>, username: string, ip: string): Promise<never> {
  await writeAudit(db, null, { action: 'auth.login', objectType: 'account', objectId: username, result: 'denied', detail: { reason: 'throttled' }, ip });
  throw new AppError('auth.throttled', 429);
}
