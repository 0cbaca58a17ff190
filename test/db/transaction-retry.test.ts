import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { createTestDb } from '../harness/context';

/** Two transactions that lock two rows in opposite order deadlock; the victim is run again and both commit. */
// PostgreSQL only: PGlite has one connection, so its transactions never deadlock.
describe.skipIf(!inject('pgUrl'))('transaction retry on a deadlock', () => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    db = await createTestDb('postgres');
    await sql`create table retry_probe (id int primary key, n int not null)`.execute(db.db.kysely);
    await sql`insert into retry_probe values (1, 0), (2, 0)`.execute(db.db.kysely);
  }, 60_000);
  afterAll(() => db?.drop());

  it('commits both, running the deadlock victim again from the start', async () => {
    const k = db.db.kysely;
    let attempts = 0;
    let firstLocked!: () => void;
    let secondLocked!: () => void;
    const first = new Promise<void>((r) => (firstLocked = r));
    const second = new Promise<void>((r) => (secondLocked = r));
    const a = inTransaction(k, async (trx) => {
      attempts++;
      await sql`update retry_probe set n = n + 1 where id = 1`.execute(trx);
      firstLocked();
      await second;
      await sql`update retry_probe set n = n + 1 where id = 2`.execute(trx);
    });
    const b = inTransaction(k, async (trx) => {
      attempts++;
      await sql`update retry_probe set n = n + 10 where id = 2`.execute(trx);
      secondLocked();
      await first;
      await sql`update retry_probe set n = n + 10 where id = 1`.execute(trx);
    });
    await Promise.all([a, b]);
    expect(attempts).toBe(3);
    const rows = (await sql<{ id: number; n: number }>`select id, n from retry_probe order by id`.execute(k)).rows;
    expect(rows).toEqual([{ id: 1, n: 11 }, { id: 2, n: 11 }]);
  });
});
