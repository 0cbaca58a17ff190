// `npm run bench -- gate [--pglite] [--seconds 10] [--concurrency 16] [--guards 8] [--students 3000]`
// Gate decisions through the real HTTP API: a listening server on 127.0.0.1 in its own process (so the
// load generator does not share its event loop or, on two cores, its core), logged-in guards posting
// entries concurrently for a bounded time. Baseline in the same run: the bare /api/health round trip
// at the same concurrency through the same client. Target: ≥ 500 entries/s with p99 ≤ 50 ms (a large
// school's morning rush is about 3,000 entries in 20 minutes, 2.5 a second).
// The database is the production one: a throw-away PostgreSQL with fsync and synchronous commit on
// (or DATABASE_URL); --pglite runs on the embedded database instead. The server is configured as
// src/server.ts configures it: sessions cached for SESSION_CACHE_MS (5 s by default) and the audit
// sealing job running every AUDIT_SEAL_EVERY_MS.
// Concurrency 16 with 8 guards: a large school's guards at a few gates, each device with at most a
// couple of requests in flight (the next scan while the previous answer is on its way).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { connect } from '../src/db/connect';
import { postgresAvailable, startCluster } from '../test/harness/postgres-cluster';
import { migrate } from '../src/db/migrate';
import { AUDIT_SEAL_EVERY_MS, sealAuditLog } from '../src/features/audit/seal';
import { makeIdNumber, maskIdNumber } from '../src/domain/people/id-number';
import { loadRegions } from '../src/features/regions/load-regions';
import { buildApp } from '../src/http/app';
import type { AppContext } from '../src/http/context';
import { FieldCipher, hashPassword } from '../src/security/crypto';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** PostgreSQL unless asked for the embedded database (or no PostgreSQL binaries are installed: said in the output). */
const embeddedWanted = (args: string[]) => args.includes('--pglite') || (!args.includes('--postgres') && !process.env.DATABASE_URL && !postgresAvailable());

const r2 = (x: number) => Math.round(x * 100) / 100;
const perItem = (a: Cpu, b: Cpu, n: number): Cpu => ({ server: r2((b.server - a.server) / n), database: r2((b.database - a.database) / n) });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Run {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Runs `work` from `concurrency` loops until `seconds` have passed; latencies in ms. */
async function drive(seconds: number, concurrency: number, work: (worker: number, i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const ok = await work(worker, i++);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { count: latencies.length, errors, seconds: r(elapsed), perSecond: r(latencies.length / elapsed), p50: r(percentile(latencies, 50)), p95: r(percentile(latencies, 95)), p99: r(percentile(latencies, 99)), max: r(latencies.at(-1) ?? 0) };
}

interface ServerInfo {
  port: number;
  schoolId: number;
  numbers: string[];
  usernames: string[];
  password: string;
  db: string;
}

/** The server side, in its own process (so the load generator does not share its event loop). */
async function serve(args: string[]): Promise<void> {
  const guards = option(args, 'guards', 8);
  const studentCount = option(args, 'students', 3000);
  // A throw-away local PostgreSQL with fsync and synchronous commit on (production settings) unless
  // --pglite asks for the embedded database or DATABASE_URL names one.
  const cluster = !embeddedWanted(args) && !process.env.DATABASE_URL ? await startCluster({ fsync: true }) : null;
  const databaseUrl = process.env.DATABASE_URL ?? cluster?.url;
  const db = await connect(databaseUrl ? { databaseUrl } : { memory: true });
  await migrate(db);
  await loadRegions(db.kysely);
  const ctx: AppContext = { db: db.kysely, dbKind: db.kind, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), secureCookies: false };
  // One large school: classes of 50, guards at the gate, a school administrator who issues the venue code.
  const code = `8${String(Date.now()).slice(-9)}`;
  const school = await db.kysely.insertInto('schools').values({ code, name: '压测实验学校', region_code: '410105', type: 'junior' }).returning('id').executeTakeFirstOrThrow();
  const grade = await db.kysely.insertInto('grades').values({ school_id: school.id, name: '七年级', entry_year: 2026 }).returning('id').executeTakeFirstOrThrow();
  const numbers: string[] = [];
  const perClass = 50;
  for (let c = 0; c * perClass < studentCount; c++) {
    const cls = await db.kysely.insertInto('classes').values({ school_id: school.id, grade_id: grade.id, name: `${c + 1}班` }).returning('id').executeTakeFirstOrThrow();
    const rows = Array.from({ length: Math.min(perClass, studentCount - c * perClass) }, (_, k) => {
      const n = c * perClass + k;
      const id = makeIdNumber('410105', `2013-0${1 + (n % 9)}-1${n % 10}`, n % 1000, n % 2 ? 'male' : 'female');
      numbers.push(`B${n}`);
      return { school_id: school.id, kind: 'student' as const, name: `学生${n}`, class_id: cls.id, student_number: `B${n}`, id_number_enc: ctx.cipher.encrypt(id), id_number_hash: ctx.cipher.lookupHash(`${id}:${n}`), id_number_masked: maskIdNumber(id) };
    });
    await db.kysely.insertInto('persons').values(rows).execute();
  }
  const password = 'bench-password-2026';
  const hash = await hashPassword(password);
  const usernames = [...Array.from({ length: guards }, (_, g) => `bench_guard_${g}`), 'bench_admin'];
  await db.kysely
    .insertInto('accounts')
    .values(usernames.map((u) => ({ username: u, display_name: u, password_hash: hash, role: u === 'bench_admin' ? ('school_admin' as const) : ('gate_guard' as const), school_id: school.id })))
    .execute();
  const app = await buildApp(ctx, { webDist: null, sessionCacheMs: Number(process.env.SESSION_CACHE_MS ?? 5000) });
  // The audit chain is sealed in the background on a running server (job audit.seal): so here too.
  const sealer = setInterval(() => void sealAuditLog(db.kysely).catch((err) => console.error('audit seal', err)), AUDIT_SEAL_EVERY_MS);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const info: ServerInfo = { port: (app.server.address() as { port: number }).port, schoolId: school.id, numbers, usernames, password, db: db.kind };
  console.log(`SERVER ${JSON.stringify(info)}`);
  // CPU time on request: on a shared machine, CPU per entry is steadier than entries per second.
  const postmaster = db.kind === 'postgres' ? await postmasterOf(db.kysely) : null;
  process.on('SIGUSR2', () => {
    const u = process.cpuUsage();
    console.log(`CPU ${JSON.stringify({ server: (u.user + u.system) / 1000, database: postmaster ? clusterCpuMs(postmaster) : 0 })}`);
  });
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  clearInterval(sealer);
  await app.close();
  await db.close();
  cluster?.stop();
}

/** The local PostgreSQL's postmaster (the parent of a backend), or null when it is not on this machine. */
async function postmasterOf(db: AppContext['db']): Promise<number | null> {
  const backend = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0].pid;
  const stat = procStat(backend);
  return stat ? stat.ppid : null;
}

function procStat(pid: number) {
  try {
    // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15) cutime(16) cstime(17).
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), children: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

/** CPU ms of the postmaster, its live processes (backends, WAL writer, checkpointer …) and those that ended. */
function clusterCpuMs(postmaster: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const root = procStat(postmaster);
  if (!root) return 0;
  let ticks = root.own + root.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = procStat(Number(entry));
    if (st && st.ppid === postmaster) ticks += st.own;
  }
  return ticks * tick;
}

interface Cpu {
  server: number;
  database: number;
}

function startServer(args: string[]): Promise<{ info: ServerInfo; child: ChildProcess; cpuMs(): Promise<Cpu> }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const waiting: Array<(cpu: Cpu) => void> = [];
  const cpuMs = () => new Promise<Cpu>((resolve) => {
    waiting.push(resolve);
    child.kill('SIGUSR2');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('SERVER ')) resolve({ info: JSON.parse(line.slice(7)), child, cpuMs });
        else if (line.startsWith('CPU ')) waiting.shift()?.(JSON.parse(line.slice(4)) as Cpu);
      }
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * node:http with keep-alive sockets, one per concurrent request: fetch (undici) cost several times as
 * much CPU per request, taken from the two cores the server needs too.
 */
function client(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const h = body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers: h }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

export default async function gateBench(args: string[]): Promise<void> {
  const seconds = option(args, 'seconds', 10);
  const concurrency = option(args, 'concurrency', 16);
  const { info, child, cpuMs } = await startServer(args);
  const call = client(info.port, concurrency);
  const json = <T>(a: Answer, what: string): T => {
    if (a.status !== 200) throw new Error(`${what}: ${a.status} ${a.body}`);
    return JSON.parse(a.body) as T;
  };
  const login = async (username: string) => {
    const res = await call('POST', '/api/auth/login', {}, JSON.stringify({ username, password: info.password }));
    const { csrfToken } = json<{ csrfToken: string }>(res, `login ${username}`);
    const cookie = ([res.headers['set-cookie'] ?? []].flat() as string[]).map((c) => c.split(';')[0]).join('; ');
    return { cookie, 'x-csrf-token': csrfToken };
  };
  const sessions: Record<string, string>[] = [];
  for (const u of info.usernames.filter((u) => u !== 'bench_admin')) sessions.push(await login(u));
  const admin = await login('bench_admin');
  const issued = json<{ id: number }>(await call('POST', '/api/venue-codes', admin, JSON.stringify({ schoolId: info.schoolId, kind: 'gate', name: '东门' })), 'issue venue code');
  const venueToken = json<{ token: string }>(await call('GET', `/api/venue-codes/${issued.id}`, admin), 'venue code').token;
  // Other work on the machine skews every figure; the load average is printed beside them.
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log(`gate: ${info.numbers.length} students, ${sessions.length} guards, concurrency ${concurrency}, ${seconds} s, ${info.db}, server in its own process, node:http keep-alive client`);

  let cpu = await cpuMs();
  const health = await drive(Math.min(seconds, 5), concurrency, async () => (await call('GET', '/api/health')).status === 200);
  const healthCpu = perItem(cpu, await cpuMs(), health.count);
  console.log(`baseline  GET /api/health        ${health.perSecond}/s  p50 ${health.p50} ms  p99 ${health.p99} ms  CPU per request: server ${healthCpu.server} ms`);

  const decisions = { allow: 0, refuse: 0 };
  cpu = await cpuMs();
  let shown = 0;
  const run = await drive(seconds, concurrency, async (worker, i) => {
    // About 2 % fever readings, so the doctor-notice path is exercised too.
    const temperature = i % 50 === 7 ? 37.6 : 36.2 + (i % 8) / 10;
    const body = { venueToken, direction: 'in', subject: { studentNumber: info.numbers[i % info.numbers.length] }, checks: { realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true }, temperature, idempotencyKey: `bench-${i}-${worker}` };
    const res = await call('POST', '/api/gate/entries', sessions[worker % sessions.length], JSON.stringify(body));
    if (res.status !== 200) {
      if (shown++ < 3) console.error(res.status, res.body);
      return false;
    }
    decisions[(JSON.parse(res.body) as { decision: 'allow' | 'refuse' }).decision]++;
    return true;
  });
  const gateCpu = perItem(cpu, await cpuMs(), run.count);
  console.log(`gate      POST /api/gate/entries ${run.perSecond}/s  p50 ${run.p50} ms  p95 ${run.p95} ms  p99 ${run.p99} ms  max ${run.max} ms  errors ${run.errors}`);
  console.log(`          CPU per entry: server ${gateCpu.server} ms${info.db === 'postgres' ? `, PostgreSQL ${gateCpu.database} ms` : ' (the embedded database included)'}`);
  const ledger = json<{ total: number }>(await call('GET', `/api/gate/entries?schoolId=${info.schoolId}&limit=1`, admin), 'ledger').total;
  const ok = run.perSecond >= 500 && run.p99 <= 50 && run.errors === 0 && ledger === run.count;
  console.log(`ledger rows ${ledger} (requests ${run.count}); allowed ${decisions.allow}, refused ${decisions.refuse}; target ≥ 500/s and p99 ≤ 50 ms: ${ok ? 'met' : 'NOT met'}`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  console.log(`RESULT ${JSON.stringify({ bench: 'gate', db: info.db, concurrency, guards: sessions.length, students: info.numbers.length, entriesPerSecond: run.perSecond, p50Ms: run.p50, p95Ms: run.p95, p99Ms: run.p99, maxMs: run.max, cpuMsPerEntry: gateCpu, errors: run.errors, ledgerRows: ledger, baseline: { route: 'GET /api/health', perSecond: health.perSecond, p50Ms: health.p50, p99Ms: health.p99, cpuMsPerRequest: healthCpu }, target: { perSecond: 500, p99Ms: 50 }, met: ok, cpus: os.cpus().length, loadAverage: os.loadavg()[0] })}`);
}

// Run directly with --serve: the server half (started by the benchmark itself).
if (process.argv.includes('--serve')) {
  await serve(process.argv.slice(2));
  process.exit(0);
}
