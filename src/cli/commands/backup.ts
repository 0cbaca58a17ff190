// `campusguard backup <file>`: a full copy of the configured database in one file. For DATABASE_URL it is
// pg_dump's custom format (the machine's pg_dump); for the embedded database PGlite's own data-directory
// dump (a gzipped tar). `campusguard restore <file>` reads either back into an empty database.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { readConfig } from '../../config';
import { defaultIo, guarded, type Io, parseOptions, UsageError } from './migrate';

export const summary = 'write a backup of the database to a file (pg_dump for PostgreSQL, a data-directory dump for the embedded database)';

const HELP = `usage: campusguard backup <file>

With DATABASE_URL (PostgreSQL): runs pg_dump -Fc, a consistent snapshot taken while the server runs.
Otherwise: dumps the embedded database in DATA_DIR (default ./data); stop the server first, the
embedded database allows one process at a time.
The master key (CAMPUSGUARD_KEY or DATA_DIR/secret.key) is not in the backup: keep it separately.
Restore with: campusguard restore <file>

  --help   this text`;

/** The folder of the embedded database inside DATA_DIR (as src/db/connect.ts opens it). */
export const pgliteDir = (dataDir: string) => path.resolve(dataDir, 'pglite');

/** A PostgreSQL client program: PG_BIN, then PATH, then the newest /usr/lib/postgresql/<n>/bin. */
export function pgProgram(name: 'pg_dump' | 'pg_restore', env = process.env): string {
  const installed = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const dirs = [...(env.PG_BIN ? [env.PG_BIN] : []), ...(env.PATH ?? '').split(':'), ...installed];
  for (const d of dirs) if (d && existsSync(path.join(d, name))) return path.join(d, name);
  throw new Error(`${name} not found: install the PostgreSQL client programs (Debian: postgresql-client) or set PG_BIN`);
}

/** Runs pg_dump or pg_restore; on failure the error carries the program's own message. */
export function runPgProgram(program: string, args: string[]): void {
  try {
    execFileSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`${path.basename(program)} failed: ${stderr || (err as Error).message}`);
  }
}

export async function backup(file: string, env = process.env): Promise<string> {
  const config = readConfig(env);
  const target = path.resolve(file);
  if (config.databaseUrl) {
    runPgProgram(pgProgram('pg_dump', env), ['--format=custom', `--file=${target}`, `--dbname=${config.databaseUrl}`]);
    return `PostgreSQL (DATABASE_URL) written to ${target} (pg_dump custom format)`;
  }
  const dir = pgliteDir(config.dataDir);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`no embedded database in ${config.dataDir}`);
  const db = await PGlite.create(dir);
  try {
    const dump = await db.dumpDataDir('gzip');
    writeFileSync(target, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
  } finally {
    await db.close();
  }
  return `embedded database in ${config.dataDir} written to ${target} (PGlite data-directory dump)`;
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  return guarded('backup', io, async () => {
    const { values, positionals } = parseOptions(argv, {}, true);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('expected one argument: the backup file');
    io.stdout(`${await backup(positionals[0])}\n`);
    return 0;
  });
}
