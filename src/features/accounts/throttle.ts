import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';

const WINDOW_MINUTES = 15;
const MAX_FAILURES = 5;

/**
 * 5 failed attempts in 15 minutes per account (20 per IP) → 429. A wrong password and a wrong
 * second-factor code count alike: guessing either is the same attack on the same account.
 */
export async function assertNotThrottled(db: Kysely<Database>, now: Date, username: string, ip: string): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
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
  if (failures.by_user >= MAX_FAILURES || failures.by_ip >= MAX_FAILURES * 4) {
    await writeAudit(db, null, { action: 'auth.login', objectType: 'account', objectId: username, result: 'denied', detail: { reason: 'throttled' }, ip });
    throw new AppError('auth.throttled', 429);
  }
}

/** One failed attempt, counted by assertNotThrottled. */
export async function recordFailedAttempt(db: Kysely<Database>, now: Date, username: string, ip: string): Promise<void> {
  await db.insertInto('login_attempts').values({ username, ip, success: false, at: now }).execute();
}
