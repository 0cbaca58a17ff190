// `campusguard migrate`: applies pending SQL migrations and loads the region reference data.
// Also holds what the other administrative commands share: opening the configured database,
// the system actor they act as, argument parsing with one-line errors, and the output streams.
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readConfig } from '../../config';
import { connect, type Db } from '../../db/connect';
import { migrate } from '../../db/migrate';
import type { Actor } from '../../domain/access/scope';
import { loadRegions } from '../../features/regions/load-regions';
import type { AppContext } from '../../http/context';
import type { Locale } from '../../i18n';
import { FieldCipher, loadMasterKey } from '../../security/crypto';

export const summary = 'apply pending database migrations and load the region reference data';

const HELP = `usage: campusguard migrate

Applies the SQL migrations in migrations/ that the database has not seen yet (each in its own
transaction; a migration changed after it was applied stops the run) and loads Henan's regions.
Uses DATABASE_URL when set (PostgreSQL), otherwise the embedded database in DATA_DIR (default ./data).
Safe to run any number of times.

  --help   this text`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The whole of standard input as text (for passwords piped in). */
  stdin: () => Promise<string>;
  /** Whether stderr is a terminal (progress bars redraw in place). */
  isTty: boolean;
}

export const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTty: !!process.stderr.isTTY,
};

export class UsageError extends Error {}

/** Node's parseArgs, strict: unknown options and missing values become one-line usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } }, allowPositionals, strict: true });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(message.replace(/^Unknown option '(.+?)'.*$/, 'unknown option $1'));
  }
}

/** Runs a command body: usage errors print one line and exit 2; other failures print their message and exit 1. */
export async function guarded(name: string, io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`campusguard ${name}: ${err.message}\n`);
      return 2;
    }
    io.stderr(`campusguard ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}

/** zh-CN when CAMPUSGUARD_LANG or LANG asks for Chinese, English otherwise. */
export function cliLocale(env = process.env): Locale {
  const lang = (env.CAMPUSGUARD_LANG || env.LC_ALL || env.LANG || '').toLowerCase();
  return lang.startsWith('zh') ? 'zh-CN' : 'en';
}

/** The operator at the console, recorded in the audit log as `cli:<os user>` with the system administrator's reach. */
export function systemActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {}
  return { accountId: 0, username: `cli:${user}`, displayName: '命令行 / command line', role: 'sysadmin', scope: { kind: 'all' }, canUnmask: false };
}

export interface CliDb {
  db: Db;
  ctx: AppContext;
  applied: string[];
  where: string;
  close(): Promise<void>;
}

/** Opens the database the server would use (DATABASE_URL or DATA_DIR), migrated, with the field cipher. */
export async function openDatabase(env = process.env): Promise<CliDb> {
  const config = readConfig(env);
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(db);
    const cipher = new FieldCipher(loadMasterKey(config.dataDir, env));
    const ctx: AppContext = { db: db.kysely, dbKind: db.kind, cipher, now: () => new Date(), secureCookies: config.secureCookies };
    const where = db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
    return { db, ctx, applied, where, close: () => db.close() };
  } catch (err) {
    await db.close();
    throw err;
  }
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  return guarded('migrate', io, async () => {
    const { values, positionals } = parseOptions(argv, {}, true);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const cli = await openDatabase();
    try {
      const regions = await loadRegions(cli.ctx.db);
      io.stdout(`${cli.where}: ${cli.applied.length ? `applied ${cli.applied.join(', ')}` : 'no pending migrations'}; ${regions} regions loaded\n`);
      return 0;
    } finally {
      await cli.close();
    }
  });
}
