// `campusguard restore <file>`: reads a backup written by `campusguard backup` into an empty database:
// pg_restore for DATABASE_URL, PGlite's data-directory load for the embedded database in DATA_DIR.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readConfig } from '../../config';
import { pgliteDir, pgProgram, runPgProgram } from './backup';
import { defaultIo, guarded, type Io, parseOptions, UsageError } from './migrate';

export const summary = 'restore a backup file written by "campusguard backup" into an empty database';

const HELP = `usage: campusguard restore <file>

With DATABASE_URL (PostgreSQL): restores a pg_dump custom-format file with pg_restore, in one
transaction, into an empty database (createdb campusguard first).
Otherwise: restores an embedded-database dump into DATA_DIR (default ./data), which must not hold a
database yet. Restores only into an empty target, so it never mixes two databases.
Set CAMPUSGUARD_KEY (or put secret.key into DATA_DIR) to the key of the backed-up installation.

  --help   this text`;

/** The kind of a backup file by its first bytes: pg_dump's custom format, or PGlite's gzipped tar. */
export function backupKind(head: Buffer): 'pg_dump' | 'pglite' | null {
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return null;
}

async function tablesIn(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
    return r.rows[0].n;
  } finally {
    await client.end();
  }
}

export async function restore(file: string, env = process.env): Promise<string> {
  const config = readConfig(env);
  const source = path.resolve(file);
  if (!existsSync(source)) throw new UsageError(`no such file: ${file}`);
  const data = readFileSync(source);
  const kind = backupKind(data);
  if (config.databaseUrl) {
    if (kind !== 'pg_dump') throw new Error(`${file} is not a pg_dump custom-format backup (a PostgreSQL backup is needed for DATABASE_URL)`);
    if ((await tablesIn(config.databaseUrl)) > 0) throw new Error('the database in DATABASE_URL is not empty: restore into a new database (createdb)');
    runPgProgram(pgProgram('pg_restore', env), ['--exit-on-error', '--single-transaction', '--no-owner', `--dbname=${config.databaseUrl}`, source]);
    return `${source} restored into PostgreSQL (DATABASE_URL)`;
  }
  if (kind !== 'pglite') throw new Error(`${file} is not an embedded-database backup (set DATABASE_URL to restore a pg_dump file into PostgreSQL)`);
  const dir = pgliteDir(config.dataDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} already holds a database: restore into an empty DATA_DIR`);
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir, { loadDataDir: new Blob([new Uint8Array(data)]) });
  await db.close();
  return `${source} restored into the embedded database in ${config.dataDir}`;
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  return guarded('restore', io, async () => {
    const { values, positionals } = parseOptions(argv, {}, true);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('expected one argument: the backup file');
    io.stdout(`${await restore(positionals[0])}\n`);
    return 0;
  });
}
