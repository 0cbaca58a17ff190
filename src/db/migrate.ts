import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connect';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/** Applies pending migrations in file-name order, each in its own transaction. Returns the names applied. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.execScript(
    'create table if not exists schema_migrations (name text primary key, checksum text not null, applied_at timestamptz not null default now())',
  );
  const applied = await sql<{ name: string; checksum: string }>`select name, checksum from schema_migrations`.execute(db.kysely);
  const known = new Map(applied.rows.map((r) => [r.name, r.checksum]));
  const done: string[] = [];
  for (const m of readMigrations(dir)) {
    const previous = known.get(m.name);
    if (previous) {
      if (previous !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied`);
      continue;
    }
    const record = `insert into schema_migrations (name, checksum) values ('${m.name}', '${m.checksum}');`;
    await db.execScript(`begin;\n${m.sql}\n;${record}\ncommit;`);
    done.push(m.name);
  }
  return done;
}
