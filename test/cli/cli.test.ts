import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as createUser } from '../../src/cli/commands/create-user';
import { run as importRoster } from '../../src/cli/commands/import-roster';
import { type Io, openDatabase, run as migrate } from '../../src/cli/commands/migrate';
import { run as seed } from '../../src/cli/commands/seed';
import { makeIdNumber } from '../../src/domain/people/id-number';

/** Runs a command in-process with captured output and the given standard input. */
async function call(command: (argv: string[], io: Io) => Promise<number>, argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: async () => stdin, isTty: false };
  const code = await command(argv, io);
  return { code, out, err };
}

async function inDb<T>(work: (cli: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const cli = await openDatabase();
  try {
    return await work(cli);
  } finally {
    await cli.close();
  }
}

const PASSWORD = 'a perfectly fine passphrase';

describe('campusguard administrative commands on a temporary DATA_DIR', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'campusguard-cli-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, CAMPUSGUARD_KEY: process.env.CAMPUSGUARD_KEY, LANG: process.env.LANG };
  beforeAll(() => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.CAMPUSGUARD_KEY;
    process.env.LANG = 'C.UTF-8';
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, (argv: string[], io: Io) => Promise<number>, string[], RegExp]>([
    ['migrate: unknown option', migrate, ['--verbose'], /^campusguard migrate: unknown option --verbose\n$/],
    ['migrate: stray argument', migrate, ['now'], /unexpected argument "now"/],
    ['seed: unknown scale', seed, ['--scale', 'province'], /--scale must be one of demo, county, city \(got "province"\)/],
    ['seed: seed not a number', seed, ['--seed', 'abc'], /--seed must be an integer/],
    ['seed: option without value', seed, ['--scale'], /--scale/],
    ['import-roster: no file', importRoster, ['--school', '1'], /missing the roster file/],
    ['import-roster: no school', importRoster, ['x.csv'], /missing --school <code>/],
    ['import-roster: bad kind', importRoster, ['x.csv', '--school', '1', '--kind', 'parent'], /--kind must be student or staff/],
    ['import-roster: unreadable file', importRoster, [path.join(dir, 'nope.xlsx'), '--school', '1'], /cannot read .*ENOENT/],
    ['create-user: no role', createUser, ['--username', 'x1'], /missing --role/],
    ['create-user: unknown role', createUser, ['--username', 'x1', '--role', 'janitor'], /unknown role "janitor"; one of: province_officer/],
    ['create-user: role needs a school', createUser, ['--username', 'x1', '--role', 'school_doctor'], /role school_doctor needs --school <code>/],
    ['create-user: class id not a number', createUser, ['--username', 'x1', '--role', 'class_teacher', '--school', '1', '--class-id', 'one'], /--class-id must be a positive integer/],
  ])('%s → one line, exit 2', async (_name, command, argv, message) => {
    const r = await call(command, argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('prints help for every command', async () => {
    for (const command of [migrate, seed, importRoster, createUser]) {
      const r = await call(command, ['--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^usage: campusguard /);
    }
  });

  it('migrates, and again finds nothing to do', async () => {
    const first = await call(migrate, []);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/applied 0001_foundation\.sql/);
    const again = await call(migrate, []);
    expect(again.out).toMatch(/no pending migrations; \d+ regions loaded/);
  });

  it('seeds the demo region with a progress bar, and refuses to seed it twice', async () => {
    const r = await call(seed, ['--scale', 'demo', '--seed', '7']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/\[#+\] 20\/20 schools/);
    expect(r.out).toMatch(/seeded 20 schools and \d+ people/);
    const twice = await call(seed, ['--force']);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/already holds the demo data/);
  }, 240_000);

  it('creates accounts with the password from the environment or standard input, enforcing the policy', async () => {
    const weak = await call(createUser, ['--username', 'root1', '--role', 'sysadmin'], 'password1234\n');
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/too common/);
    const piped = await call(createUser, ['--username', 'root1', '--role', 'sysadmin'], `${PASSWORD}\n`);
    expect(piped.code, piped.err).toBe(0);
    process.env.CAMPUSGUARD_PASSWORD = PASSWORD;
    try {
      const teacher = await call(createUser, ['--username', 'teacher2', '--role', 'school_admin', '--school', '1410105001', '--display-name', '新校长']);
      expect(teacher.code, teacher.err).toBe(0);
      const taken = await call(createUser, ['--username', 'teacher2', '--role', 'school_admin', '--school', '1410105001']);
      expect(taken).toMatchObject({ code: 1, err: 'campusguard create-user: --username: This username is taken\n' });
      const unknown = await call(createUser, ['--username', 'teacher3', '--role', 'school_admin', '--school', '0000000000']);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toMatch(/no school with code "0000000000"/);
    } finally {
      delete process.env.CAMPUSGUARD_PASSWORD;
    }
    const account = await inDb((cli) => cli.ctx.db.selectFrom('accounts').select(['role', 'display_name', 'must_change_password', 'school_id']).where('username', '=', 'teacher2').executeTakeFirstOrThrow());
    expect(account).toMatchObject({ role: 'school_admin', display_name: '新校长', must_change_password: true });
  });

  it('imports a roster with the same checks as the web upload, printing every bad row', async () => {
    const id1 = makeIdNumber('410105', '2019-02-03', 601, 'male');
    const id2 = makeIdNumber('410105', '2019-02-04', 603, 'female');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, `姓名,身份证号,学籍号,年级,班级\n甲,${id1},CLI1,一年级,1班\n乙,${id2.slice(0, 17)},CLI2,一年级,99班\n丙,${id1},CLI3,一年级,1班\n`);
    const rejected = await call(importRoster, [bad, '--school', '1410105001', '--lang', 'en']);
    expect(rejected.code).toBe(1);
    expect(rejected.err.split('\n').filter(Boolean)).toEqual([
      'The roster has 3 problems in 2 rows; nothing was imported. Fix them and upload again',
      '  row 3  身份证号  The ID number must have 18 characters (the last may be X)',
      '  row 3  班级  The school has no class "一年级 99班"; create it under school management first',
      '  row 4  身份证号  ID number repeats row 2',
    ]);
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, `姓名,身份证号,学籍号,年级,班级\n甲,${id1},CLI1,一年级,1班\n乙,${id2},CLI2,一年级,2\n`);
    const ok = await call(importRoster, [good, '--school', '1410105001']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^imported 2 students \(0 guardians\) into .+ \(1410105001\)/);
    const zh = await call(importRoster, [good, '--school', '1410105001', '--lang', 'zh-CN']);
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('  第 2 行  身份证号  该身份证号已登记，无法导入（如为重复导入请删除此行；如为转学请联系教育主管部门）');
    const audit = await inDb((cli) => cli.ctx.db.selectFrom('audit_log').select(['actor_name', 'actor_role', 'result']).where('action', '=', 'roster.import').orderBy('id').execute());
    expect(audit.map((a) => a.result)).toEqual(['failed', 'ok', 'failed']);
    expect(audit[1].actor_name).toMatch(/^cli:/);
    expect(audit[1].actor_role).toBe('sysadmin');
  });

  it('runs through the campusguard dispatcher', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'import-roster', '--help'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
    expect(out).toMatch(/--school CODE/);
    let code = 0;
    try {
      execFileSync('npx', ['tsx', 'src/cli/main.ts', 'create-user', '--username', 'a1', '--role'], { stdio: 'pipe', env: { ...process.env, DATA_DIR: dir } });
    } catch (err) {
      code = (err as { status: number }).status;
    }
    expect(code).toBe(2);
  }, 60_000);
});
