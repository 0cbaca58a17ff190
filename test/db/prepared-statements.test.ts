import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect';
import { prepared } from '../../src/db/prepared';
import { createTestDb, databases } from '../harness/context';

describe.each(databases())('statements marked prepared on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb(kind));
  });
  afterAll(() => drop());

  it('give the same answers as unmarked ones, for any parameters', async () => {
    for (const n of [1, 3, 0, 7]) {
      const marked = await sql<{ s: number }>`${prepared}select coalesce(sum(x), 0)::int as s from unnest(${sql.val(Array.from({ length: n }, (_, i) => i + 1))}::int[]) as x`.execute(db.kysely);
      const plain = await sql<{ s: number }>`select coalesce(sum(x), 0)::int as s from unnest(${sql.val(Array.from({ length: n }, (_, i) => i + 1))}::int[]) as x`.execute(db.kysely);
      expect(marked.rows[0].s).toBe((n * (n + 1)) / 2);
      expect(plain.rows).toEqual(marked.rows);
    }
  });

  it.runIf(kind === 'postgres')('are prepared once per connection, built ones too; unmarked ones are not', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await sql`${prepared}select ${i}::int + 1 as n`.execute(trx);
      await sql`select ${1}::int + 2 as n`.execute(trx);
      await trx.selectFrom('regions').select((eb) => sql<number>`${eb.val(3)}::int + 3`.as('n')).modifyFront(prepared).execute();
      // The connection may hold statements of the test before; these two are this test's.
      const r = await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like '%::int + %'`.execute(trx);
      expect(r.rows.map((x) => x.statement).sort()).toEqual(['/* prepared */ select $1::int + 1 as n', 'select /* prepared */  $1::int + 3 as "n" from "regions"']);
    });
  });

  it.runIf(kind === 'postgres')('a failing marked statement fails alone and runs again once fixed', async () => {
    await expect(sql`${prepared}select 1 / ${0}::int as n`.execute(db.kysely)).rejects.toThrow(/division by zero/);
    expect((await sql<{ n: number }>`${prepared}select 1 / ${1}::int as n`.execute(db.kysely)).rows[0].n).toBe(1);
  });
});
