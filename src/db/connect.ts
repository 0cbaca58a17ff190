import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-driver';
import { preparingPool } from './prepared';
import type { Database } from './tables';

export type DbKind = 'pglite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  kind: DbKind;
  /** Runs multi-statement SQL text (migrations, seeds). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

// One set of JS types for both drivers: int8 and numeric as number, date as 'YYYY-MM-DD'.
const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const OID_DATE = 1082;
const toNumber = (v: string) => (v === null ? v : Number(v));
const asText = (v: string) => v;

export async function connect(options: { databaseUrl?: string; dataDir?: string; memory?: boolean } = {}): Promise<Db> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl);
  return connectPglite(options.memory ? undefined : options.dataDir ?? 'data');
}

function connectPostgres(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    types: {
      getTypeParser: ((oid: number, format?: any) => {
        if (oid === OID_INT8 || oid === OID_NUMERIC) return toNumber;
        if (oid === OID_DATE) return asText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server connection drops (server restart, failover, a forced drop) makes the pool
  // emit 'error'; unhandled, that event would end the process. The next query simply gets a new client.
  pool.on('error', (err) => console.error('database connection lost (idle client):', err.message));
  // A checked-out client between two queries (inside a transaction) emits 'error' itself when the server
  // goes away; without a listener Node ends the whole process. Its pending work fails on its own and the
  // pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', (err) => console.error('database connection lost (client in use):', err.message)));
  // DB_PREPARED=off: behind a pooler in transaction mode a connection's prepared statements do not last.
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: process.env.DB_PREPARED === 'off' ? pool : preparingPool(pool) }) });
  return {
    kysely,
    kind: 'postgres',
    async execScript(sql) {
      await pool.query(sql);
    },
    async close() {
      await kysely.destroy();
    },
  };
}

async function connectPglite(dataDir: string | undefined): Promise<Db> {
  let dir: string | undefined;
  if (dataDir) {
    dir = path.resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create(dir, {
    parsers: { [OID_INT8]: toNumber, [OID_NUMERIC]: toNumber, [OID_DATE]: asText },
  });
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    kysely,
    kind: 'pglite',
    async execScript(sql) {
      // Go through Kysely's connection queue so a script never interleaves with other callers.
      await kysely.connection().execute(async () => {
        await client.exec(sql);
      });
    },
    async close() {
      await kysely.destroy();
      await client.close();
    },
  };
}
