import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Db, type DbKind } from '../../src/db/connect';
import { migrate } from '../../src/db/migrate';
import { loadRegions } from '../../src/features/regions/load-regions';
import type { AppContext } from '../../src/http/context';
import { buildApp } from '../../src/http/app';
import { FieldCipher } from '../../src/security/crypto';

/** The databases every feature test runs on: PGlite always, PostgreSQL when the harness started it. */
export function databases(): DbKind[] {
  return inject('pgUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestEnv {
  db: Db;
  /** The test database's URL on PostgreSQL. */
  databaseUrl?: string;
  ctx: AppContext;
  app: Awaited<ReturnType<typeof buildApp>>;
  clock: { now: Date; advance(ms: number): void; set(iso: string): void };
  close(): Promise<void>;
}

/** A migrated database (fresh PGlite in memory, or a new database on the test cluster), with regions loaded. */
export async function createTestDb(kind: DbKind): Promise<{ db: Db; drop(): Promise<void>; databaseUrl?: string }> {
  if (kind === 'pglite') {
    const db = await connect({ memory: true });
    await migrate(db);
    await loadRegions(db.kysely);
    return { db, drop: () => db.close() };
  }
  const base = inject('pgUrl');
  if (!base) throw new Error('PostgreSQL is not running for this test run');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const databaseUrl = base.replace(/\/postgres$/, `/${name}`);
  const db = await connect({ databaseUrl });
  await migrate(db);
  await loadRegions(db.kysely);
  return {
    db,
    databaseUrl,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function createTestEnv(kind: DbKind): Promise<TestEnv> {
  const { db, drop, databaseUrl } = await createTestDb(kind);
  const clock = {
    now: new Date('2026-11-30T01:00:00Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    set(iso: string) {
      clock.now = new Date(iso);
    },
  };
  const ctx: AppContext = { db: db.kysely, dbKind: kind, cipher: new FieldCipher(randomBytes(32)), now: () => clock.now, secureCookies: false };
  const app = await buildApp(ctx, { webDist: null });
  return {
    db,
    databaseUrl,
    ctx,
    app,
    clock,
    async close() {
      await app.close();
      await drop();
    },
  };
}
