import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { backup } from '../../src/cli/commands/backup';
import { restore } from '../../src/cli/commands/restore';
import { connect, type Db, type DbKind } from '../../src/db/connect';
import { migrate } from '../../src/db/migrate';
import type { Database } from '../../src/db/tables';
import { verifyAuditChain } from '../../src/features/audit/verify-chain';
import { loadRegions } from '../../src/features/regions/load-regions';
import { buildApp } from '../../src/http/app';
import type { AppContext } from '../../src/http/context';
import { FieldCipher } from '../../src/security/crypto';
import { databases } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login } from '../harness/session';

/**
 * Backups (security.md, durability): `campusguard backup` and `campusguard restore` on both databases.
 * A database with people, checks, episodes and audit rows is backed up, restored into a fresh one, and
 * must have the same rows in every table and an audit chain that still verifies, to the same last hash.
 */
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'campusguard-backup-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A small school day through the real API: logins, a class check with two ill students, a person added. */
async function seed(db: Db, kind: DbKind) {
  await migrate(db);
  await loadRegions(db.kysely);
  const ctx: AppContext = { db: db.kysely, dbKind: kind, cipher: new FieldCipher(randomBytes(32)), now: () => new Date('2026-11-30T01:00:00Z'), secureCookies: false };
  const school = await makeSchool(ctx, {});
  const cls = await makeClass(ctx, { schoolId: school.id });
  const students = [];
  for (let i = 0; i < 5; i++) students.push((await makeStudent(ctx, { classId: cls.id })).id);
  const admin = await makeAccount(ctx, { role: 'school_admin', schoolId: school.id });
  const app = await buildApp(ctx, { webDist: null });
  try {
    const s = await login({ app }, admin.username);
    const exceptions = students.slice(0, 2).map((personId) => ({ personId, status: 'absent_ill', symptoms: ['fever'], temperature: 38.4 }));
    const check = await s.request('POST', `/api/checks/classes/${cls.id}`, { date: '2026-11-30', session: 'morning', exceptions }, { 'idempotency-key': 'backup-test-0001' });
    expect(check.statusCode, check.body).toBe(200);
    const person = await s.post('/api/people', { kind: 'staff', schoolId: school.id, name: '备份测试', gender: 'female', staffRole: 'teacher' });
    expect(person.statusCode, person.body).toBe(200);
  } finally {
    await app.close();
  }
}

async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const parts = tables.rows.map((t) => `select '${t.name}' as t, count(*)::int as n from "${t.name}"`).join(' union all ');
  const rows = await sql<{ t: string; n: number }>`${sql.raw(parts)}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.t, Number(r.n)]));
}

async function lastHash(db: Kysely<Database>) {
  return (await db.selectFrom('audit_log').select('hash').where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.hash ?? null;
}

/** A new empty database on the test cluster; its URL. */
async function createPgDatabase(base: string): Promise<string> {
  const name = `b_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return base.replace(/\/postgres$/, `/${name}`);
}

describe.each(databases())('backup and restore on %s', (kind) => {
  it('restores every row of every table and an audit chain that verifies', async () => {
    const file = path.join(tempDir(), kind === 'postgres' ? 'campusguard.dump' : 'campusguard.tar.gz');
    let source: Record<string, string>;
    let target: Record<string, string>;
    if (kind === 'pglite') {
      source = { DATA_DIR: tempDir() };
      target = { DATA_DIR: tempDir() };
    } else {
      const base = inject('pgUrl')!;
      source = { DATABASE_URL: await createPgDatabase(base) };
      target = { DATABASE_URL: await createPgDatabase(base) };
    }
    const open = (env: Record<string, string>) => connect(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });

    const before = await open(source);
    let counts: Record<string, number>;
    let chain: Awaited<ReturnType<typeof verifyAuditChain>>;
    let hash: string | null;
    try {
      await seed(before, kind);
      chain = await verifyAuditChain(before.kysely); // seals every audit row before the backup
      counts = await rowCounts(before.kysely);
      hash = await lastHash(before.kysely);
    } finally {
      await before.close(); // the embedded database allows one process at a time: the server is stopped
    }
    expect(chain.ok).toBe(true);
    expect(counts.audit_log).toBeGreaterThan(2);
    expect(counts.class_checks).toBe(1);

    await backup(file, { ...process.env, ...source });
    await restore(file, { ...process.env, ...target });
    // A second restore into the now full target is refused, so two databases are never mixed.
    await expect(restore(file, { ...process.env, ...target })).rejects.toThrow(/not empty|already holds/);

    const after = await open(target);
    try {
      expect(await rowCounts(after.kysely)).toEqual(counts);
      const restored = await verifyAuditChain(after.kysely);
      expect(restored).toEqual({ ok: true, rows: chain.rows, firstBrokenSeq: null });
      expect(await lastHash(after.kysely)).toBe(hash);
    } finally {
      await after.close();
    }
  }, 120_000);
});
