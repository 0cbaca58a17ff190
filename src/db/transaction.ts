import type { Kysely, Transaction } from 'kysely';
import type { Database } from './tables';

export type Trx = Transaction<Database>;
export type AfterCommit = (hook: () => void | Promise<void>) => void;

/** PostgreSQL's answers that mean "this transaction lost a race; the same work may succeed now". */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure
const ATTEMPTS = 3;

/**
 * Runs `work` again (up to three times in all) when PostgreSQL aborted it as a deadlock victim or for
 * serialization: nothing of the aborted attempt was written, so the same work may succeed now. For a
 * transaction (inTransaction) or a single statement that commits on its own.
 */
export async function retryingLostRaces<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt < ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) {
        // A short random pause, so the two losers of a deadlock do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
  }
}

/**
 * Runs `work` in one transaction. Side effects (e-mail, webhooks, live pushes) registered with
 * `afterCommit` run only once the transaction has committed, so a rolled-back write sends nothing.
 * A transaction that PostgreSQL aborted as a deadlock victim or for serialization is run again from
 * the start (retryingLostRaces): its hooks are dropped with it.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Trx, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  let hooks: Array<() => void | Promise<void>> = [];
  const result = await retryingLostRaces(() => {
    hooks = [];
    return db.transaction().execute((trx) => work(trx, (hook) => hooks.push(hook)));
  });
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      console.error('after-commit hook failed', err);
    }
  }
  return result;
}
