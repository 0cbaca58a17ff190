import type { Kysely, Transaction } from 'kysely';
import type { Database } from './tables';

export type Trx = Transaction<Database>;
export type AfterCommit = (hook: () => void | Promise<void>) => void;

/** PostgreSQL's answers that mean "this transaction lost a race; the same work may succeed now". */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure
const ATTEMPTS = 3;

/**
 * Runs `work` in one transaction. Side effects (e-mail, webhooks, live pushes) registered with
 * `afterCommit` run only once the transaction has committed, so a rolled-back write sends nothing.
 * A transaction that PostgreSQL aborted as a deadlock victim or for serialization is run again from
 * the start (up to three times): nothing of the aborted attempt was written and its hooks are dropped.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Trx, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const hooks: Array<() => void | Promise<void>> = [];
    let result: T;
    try {
      result = await db.transaction().execute((trx) => work(trx, (hook) => hooks.push(hook)));
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt < ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) {
        // A short random pause, so the two losers of a deadlock do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
    for (const hook of hooks) {
      try {
        await hook();
      } catch (err) {
        console.error('after-commit hook failed', err);
      }
    }
    return result;
  }
}
