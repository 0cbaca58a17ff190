import type { Kysely, Transaction } from 'kysely';
import type { Database } from './tables';

export type Trx = Transaction<Database>;
export type AfterCommit = (hook: () => void | Promise<void>) => void;

/**
 * Runs `work` in one transaction. Side effects (e-mail, webhooks, live pushes) registered with
 * `afterCommit` run only once the transaction has committed, so a rolled-back write sends nothing.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Trx, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const hooks: Array<() => void | Promise<void>> = [];
  const result = await db.transaction().execute((trx) => work(trx, (hook) => hooks.push(hook)));
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      console.error('after-commit hook failed', err);
    }
  }
  return result;
}
