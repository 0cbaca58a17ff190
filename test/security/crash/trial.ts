import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect } from '../../../src/db/connect';
import { migrate } from '../../../src/db/migrate';
import { isSchoolDay } from '../../../src/domain/calendar';
import { shanghaiDate } from '../../../src/domain/checks/sessions';
import { calendarFromTerms } from '../../../src/features/checks/calendar-adapter';
import { rebuildRollups } from '../../../src/features/dashboards/rebuild';
import { loadRegions } from '../../../src/features/regions/load-regions';
import type { AppContext } from '../../../src/http/context';
import { FieldCipher } from '../../../src/security/crypto';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../../harness/factories';
import { AppServer, freePort, PostgresServer, sleep } from './processes';

/**
 * One crash trial: class checks submitted concurrently over HTTP, each with its own idempotency key and
 * retried with the same key until it is acknowledged (200); meanwhile the app and PostgreSQL are killed
 * with SIGKILL at seeded random moments and started again. Afterwards every acknowledged check must be
 * in the database as acknowledged, and the roll-ups must equal a recount from the raw rows (a retry that
 * counted a check twice would show there).
 *
 * `synchronousCommit: 'off'` is the mode that must lose writes: PostgreSQL acknowledges a commit before
 * its WAL is written, and a wal_writer_delay of 10 s keeps the last commits in shared memory, which the
 * kill takes with it. There the trial pauses the clients after some acknowledgements and kills PostgreSQL
 * at once, so the last commits are reliably among the lost.
 */
export interface TrialOptions {
  adminUrl: string; // the cluster's postgres database (startCluster({ fsync: true }).url)
  seed: number;
  synchronousCommit: 'on' | 'off';
  /** Kills in order, e.g. ['app', 'postgres', 'app', 'postgres']. */
  faults: Array<'app' | 'postgres'>;
  classes: number;
  clients: number;
  /** The clients give up on what is not acknowledged by then (the test then fails on the count). */
  timeLimitMs: number;
}

export interface TrialResult {
  submitted: number;
  acknowledged: number;
  lost: string[];
  changed: string[];
  duplicates: number;
  rollupMismatches: number;
  retries: number;
  kills: string[];
  /** The last answer that was not an acknowledgement (for a trial that did not finish). */
  lastFailure: string;
  serverErrors: string;
}

interface Item {
  key: string;
  classId: number;
  date: string;
  session: 'morning' | 'noon';
  body: object;
  expectedAbsent: number;
}

interface Ack {
  item: Item;
  checkId: number;
  absentIll: number;
}

// A small deterministic generator (mulberry32), so a failing trial can be rerun with its seed.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The last `n` school days up to today in Shanghai (the server refuses future dates and holidays). */
function recentSchoolDays(n: number): string[] {
  const out: string[] = [];
  for (let d = new Date(`${shanghaiDate(new Date())}T00:00:00Z`); out.length < n; d = new Date(d.getTime() - 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    if (isSchoolDay(iso, calendarFromTerms([], iso)).schoolDay) out.unshift(iso);
  }
  return out;
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

// synchronous_commit is on the cluster's command line, which outranks ALTER SYSTEM: it is set for the
// trial's database, which outranks the command line. The WAL writer's settings are only in the configuration files.
async function setDurability(adminUrl: string, database: string, mode: 'on' | 'off') {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`alter database ${database} set synchronous_commit = ${mode}`);
  await admin.query(mode === 'off' ? `alter system set wal_writer_delay = '10s'` : 'alter system reset wal_writer_delay');
  // The WAL writer also writes out once this much WAL has gathered; a large value keeps the last
  // commits in shared memory until the kill, so the mode that must lose writes does every time.
  await admin.query(mode === 'off' ? `alter system set wal_writer_flush_after = '64MB'` : 'alter system reset wal_writer_flush_after');
  await admin.query('select pg_reload_conf()');
  await admin.end();
}

export async function runCrashTrial(o: TrialOptions): Promise<TrialResult> {
  const rand = random(o.seed);
  const url = await createDatabase(o.adminUrl);
  const key = randomBytes(32);
  const db = await connect({ databaseUrl: url });
  await migrate(db);
  await loadRegions(db.kysely);
  const ctx: AppContext = { db: db.kysely, dbKind: 'postgres', cipher: new FieldCipher(key), now: () => new Date(), secureCookies: false };
  const school = await makeSchool(ctx, {});
  const admin = await makeAccount(ctx, { role: 'school_admin', schoolId: school.id });
  const items: Item[] = [];
  const dates = recentSchoolDays(2);
  for (let c = 0; c < o.classes; c++) {
    const cls = await makeClass(ctx, { schoolId: school.id });
    const students = [];
    for (let s = 0; s < 3; s++) students.push((await makeStudent(ctx, { classId: cls.id })).id);
    for (const date of dates) {
      for (const session of ['morning', 'noon'] as const) {
        const absent = Math.floor(rand() * 3);
        const exceptions = students.slice(0, absent).map((personId) => ({ personId, status: 'absent_ill', symptoms: ['cough'] }));
        items.push({ key: `crash-${o.seed}-${items.length}-${randomBytes(4).toString('hex')}`, classId: cls.id, date, session, body: { date, session, ...(absent ? { exceptions } : { zeroReport: true }) }, expectedAbsent: absent });
      }
    }
  }
  await db.close();
  await setDurability(o.adminUrl, dbName(url), o.synchronousCommit);

  const postgres = await PostgresServer.of(o.adminUrl);
  const app = new AppServer(await freePort(), { DATABASE_URL: url, CAMPUSGUARD_KEY: key.toString('hex'), DB_POOL_SIZE: String(o.clients + 2) });
  const result: TrialResult = { submitted: items.length, acknowledged: 0, lost: [], changed: [], duplicates: 0, rollupMismatches: 0, retries: 0, kills: [], lastFailure: '', serverErrors: '' };
  const acks = new Map<string, Ack>();
  let session: { cookie: string; csrf: string } | null = null;
  let paused = false;
  // Bounds the trial: clients and faults stop at the deadline or when the trial fails.
  let stopped = false;
  let deadline = Number.POSITIVE_INFINITY;
  const running = () => !stopped && Date.now() < deadline;
  try {
    await app.start();
    session = await login(app.url, admin.username, admin.password);
    deadline = Date.now() + o.timeLimitMs;
    const pending = [...items];
    const submitOne = async (item: Item): Promise<boolean> => {
      try {
        const res = await fetch(`${app.url}/api/checks/classes/${item.classId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: session!.cookie, 'x-csrf-token': session!.csrf, 'idempotency-key': item.key },
          body: JSON.stringify(item.body),
        });
        const text = await res.text();
        if (res.status === 200) {
          const answer = JSON.parse(text) as { check: { id: number; counts: { absentIll: number } } };
          acks.set(item.key, { item, checkId: answer.check.id, absentIll: answer.check.counts.absentIll });
          return true;
        }
        // 500 or 503 while the database is down; anything else is a wrong answer to a valid retry.
        if (res.status < 500) throw new Error(`a submission was refused with ${res.status}: ${text.slice(0, 200)}`);
        result.lastFailure = `${res.status} ${text.slice(0, 200)}`;
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('a submission was refused')) throw err;
        result.lastFailure = String(err);
      }
      result.retries++;
      return false;
    };
    const client = async () => {
      while (pending.length && running()) {
        if (paused) {
          await sleep(20);
          continue;
        }
        const item = pending.shift()!;
        if (!(await submitOne(item))) {
          pending.push(item);
          await sleep(50);
        }
      }
    };
    const clients = Array.from({ length: o.clients }, client);
    const chaos = (async () => {
      for (const fault of o.faults) {
        const before = acks.size;
        // A random moment once some checks went through since the last restart.
        const target = before + 3 + Math.floor(rand() * 8);
        while (acks.size < target && pending.length && running()) await sleep(5);
        if (!pending.length || !running()) break;
        if (fault === 'app') {
          await app.kill9();
          result.kills.push(`app after ${acks.size} acknowledged`);
          await app.start();
        } else {
          // Without the WAL written, the mode that must lose writes loses the last commits: stop sending, kill at once.
          if (o.synchronousCommit === 'off') paused = true;
          if (process.env.CRASH_DEBUG) {
            const c = new pg.Client({ connectionString: url });
            await c.connect();
            console.log('before kill', (await c.query('select pg_current_wal_insert_lsn() as insert, pg_current_wal_lsn() as written, pg_current_wal_flush_lsn() as flushed, current_setting($1) as sc, current_setting($2) as wwd', ['synchronous_commit', 'wal_writer_delay'])).rows[0]);
            await c.end();
          }
          await postgres.kill9();
          result.kills.push(`postgres after ${acks.size} acknowledged`);
          postgres.restart();
          paused = false;
        }
      }
    })();
    await Promise.all([...clients, chaos]);
  } finally {
    stopped = true;
    await app.kill9();
    result.serverErrors = app.stderr;
  }
  await setDurability(o.adminUrl, dbName(url), 'on');

  // What the database holds now, against what it acknowledged.
  const check = await connect({ databaseUrl: url });
  try {
    const rows = await check.kysely.selectFrom('class_checks').select(['id', 'class_id', 'check_date', 'session', 'absent_ill', 'idempotency_key']).execute();
    const byKey = new Map(rows.map((r) => [`${r.class_id}/${r.check_date}/${r.session}`, r]));
    for (const ack of acks.values()) {
      const row = byKey.get(`${ack.item.classId}/${ack.item.date}/${ack.item.session}`);
      if (!row) result.lost.push(`class ${ack.item.classId} ${ack.item.date} ${ack.item.session} (check ${ack.checkId})`);
      else if (row.id !== ack.checkId || Number(row.absent_ill) !== ack.absentIll || ack.absentIll !== ack.item.expectedAbsent) result.changed.push(`check ${ack.checkId}: stored ${JSON.stringify(row)}`);
    }
    const keys = new Set(rows.map((r) => `${r.class_id}/${r.check_date}/${r.session}`));
    result.duplicates = rows.length - keys.size;
    const dates = [...new Set(items.map((i) => i.date))].sort();
    const report = await rebuildRollups(check.kysely, dates[0], dates[dates.length - 1], false);
    result.rollupMismatches = report.mismatched.length + report.regionMismatched;
  } finally {
    await check.close();
  }
  result.acknowledged = acks.size;
  return result;
}

const dbName = (url: string) => new URL(url).pathname.slice(1);

async function login(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('cg_session=')) ?? '').split(';')[0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
