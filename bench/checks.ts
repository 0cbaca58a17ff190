// `npm run bench -- checks [--seconds 30] [--seconds-rules-paused 15] [--segments 6] [--concurrency 32] [--schools 50]
//   [--rate 400] [--seconds-at-rate 40] [--ill-every 1] [--warmup-seconds 5]`
// Class checks submitted through the real HTTP server (sessions, CSRF, validation, scope, roll-ups,
// episodes, audit, early-warning rules) by many logged-in teachers, against a PostgreSQL with fsync
// on; in the same run the raw baseline: one INSERT … ON CONFLICT transaction per row through `pg`
// with the same concurrency. Every check reports one child ill with fever and cough (influenza-like)
// and one absent for another reason, so the rules run on every check and alerts keep growing
// (`--ill-every 4`: one check in four, the others only the absence for another reason).
// The load generator runs in a worker thread with node:http keep-alive sockets, so the server has the
// main thread to itself as in a deployment (the client's CPU still comes from the same two cores).
// Sessions are cached for 5 s as on the server (SESSION_CACHE_MS), and the audit chain is sealed
// every 2 s during the run as the server's audit.seal job does.
// Rule evaluation figures: the rules run just after each group commit (check_rule_queue, drains at
// most once a second), so a submission does not wait for them; what they add to a submission (the CPU
// the evaluations take) is the p95 of the main load minus the p95 of the same load with the drains
// paused, the two alternating in segments (5 s on, 2.5 s paused by default, the paused segments'
// evaluations run between segments, unmeasured), once with the server saturated (`--concurrency`
// teachers back to back) and once at a fixed rate below it (`--rate` checks a second, each timed from
// when it was due; 2.5 s on and 2.5 s paused in turn over `--seconds-at-rate`); and the time from a
// check's commit to its alerts' commit is reported.
// Every phase is measured after a warm-up (5 s of the same load, then ANALYZE, as autovacuum does on a
// running deployment), so that no plan prepared on empty tables is measured.
// Profiling: PG_EXTRA_SETTINGS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
// prints the statements that took the database's time in each phase (calls, run ms, planning ms).
// Work items come in the order of school days (all morning checks of a day, then noon, then the next
// day), a school day every second or so: far more alerts open than on any real morning.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import { defaultCalendar, isSchoolDay } from '../src/domain/calendar';
import { checkRuleDrainer, setRuleDrainer } from '../src/features/alerts/check-rule-queue';
import { ThreadRuleDrainer } from '../src/features/alerts/check-rule-thread';
import { AUDIT_SEAL_EVERY_MS, sealAuditLog } from '../src/features/audit/seal';
import { verifyAuditChain } from '../src/features/audit/verify-chain';
import { checkBatchStats } from '../src/features/checks/batch-stats';
import { rebuildRollups } from '../src/features/dashboards/rebuild';
import { loadRegions } from '../src/features/regions/load-regions';
import { buildApp } from '../src/http/app';
import { FieldCipher, hashPassword } from '../src/security/crypto';
import { startCluster } from '../test/harness/postgres-cluster';
import { addSpans, type CpuSpan, cpuMeter } from './cpu-meter';

const option = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10 : 0;
};

// School days from September 2025 up to the clock's date (the server refuses holidays and future
// dates), about 240 of them: enough work items that every submission of a run is a first submission of
// its check, fixed-rate phase included (85 school days from June ran out once the API passed 1,500/s).
const CALENDAR = defaultCalendar(2025, 2027);
const DATES = Array.from({ length: 451 }, (_, i) => new Date(Date.UTC(2025, 8, 1 + i)).toISOString().slice(0, 10)).filter((d) => d <= '2026-11-27' && isSchoolDay(d, CALENDAR).schoolDay);

export default async function checksBench(args: string[]): Promise<void> {
  const seconds = option(args, 'seconds', 30);
  const pausedSeconds = option(args, 'seconds-rules-paused', 15);
  const concurrency = option(args, 'concurrency', 32);
  const classesPerSchool = 10;
  const schoolsN = option(args, 'schools', 50);
  const cluster = await startCluster({ fsync: true });
  process.env.DB_POOL_SIZE = String(Math.min(concurrency, 40));
  const db = await connect({ databaseUrl: cluster.url });
  try {
    await migrate(db);
    if (process.env.PG_EXTRA_SETTINGS?.includes('pg_stat_statements')) await sql`create extension if not exists pg_stat_statements`.execute(db.kysely);
    await loadRegions(db.kysely);
    const hash = await hashPassword('bench-teacher-password');
    // Schools spread over Zhengzhou's counties, 10 classes of 40 students each, one teacher per class.
    await sql`insert into schools (code, name, region_code, type)
      select 'B' || g, '压测学校' || g, (array(select code from regions where parent_code = '410100' order by code))[1 + g % 12], 'primary' from generate_series(1, ${schoolsN}) g`.execute(db.kysely);
    await sql`insert into grades (school_id, name, entry_year) select id, '一年级', 2026 from schools`.execute(db.kysely);
    await sql`insert into classes (school_id, grade_id, name) select g.school_id, g.id, n || '班' from grades g, generate_series(1, ${classesPerSchool}) n`.execute(db.kysely);
    await sql`insert into persons (school_id, kind, name, class_id, student_number) select c.school_id, 'student', '学生' || c.id || '-' || n, c.id, c.id || '-' || n from classes c, generate_series(1, 40) n`.execute(db.kysely);
    await sql`insert into accounts (username, display_name, password_hash, role, school_id, class_id) select 't' || c.id, 't' || c.id, ${hash}, 'class_teacher', c.school_id, c.id from classes c`.execute(db.kysely);
    // Statistics for the planner, as autovacuum gathers them within a minute of a roster import.
    await sql`analyze`.execute(db.kysely);
    const classes = (await sql<{ id: number; students: number[] }>`select c.id, array_agg(p.id order by p.id) as students from classes c join persons p on p.class_id = c.id group by c.id order by c.id`.execute(db.kysely)).rows;

    const ctx = { db: db.kysely, dbKind: 'postgres' as const, cipher: new FieldCipher(randomBytes(32)), now: () => new Date('2026-11-30T12:00:00Z'), secureCookies: false };
    const app = await buildApp(ctx, { webDist: null, sessionCacheMs: 5000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const sessions: Record<number, { cookie: string; csrf: string }> = {};
    // Logins through the API, four at a time (scrypt runs on libuv's four threads).
    for (let i = 0; i < classes.length; i += 4) {
      await Promise.all(classes.slice(i, i + 4).map(async (c) => {
        const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `t${c.id}`, password: 'bench-teacher-password' }) });
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
        sessions[c.id] = { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
      }));
    }
    // Work items: every class × date × session once, in the order school mornings bring them: every
    // class's morning check of a day, then the noon checks, then the next day. Within a session the
    // classes are interleaved across schools (the same order for every session would queue each
    // school's classes one after another on that school's roll-up row, which no morning does).
    const items: Array<[number, string, string]> = [];
    for (const date of DATES) {
      for (const session of ['morning', 'noon']) {
        const block = classes.map((cls): [number, string, string] => [cls.id, date, session]);
        for (let i = block.length - 1; i > 0; i--) {
          const j = (i * 2654435761 + date.charCodeAt(9) * 97 + session.length) % (i + 1);
          [block[i], block[j]] = [block[j], block[i]];
        }
        items.push(...block);
      }
    }
    const students = Object.fromEntries(classes.map((c) => [c.id, c.students.map(Number)]));

    let sealing = true;
    let sealed = 0;
    const sealer = (async () => {
      while (sealing) {
        await new Promise((r) => setTimeout(r, AUDIT_SEAL_EVERY_MS));
        sealed += await sealAuditLog(db.kysely);
      }
    })();
    // The rules run as the server runs them on PostgreSQL: in the early-warning thread (RULES_THREAD=off: in the main thread).
    const thread = process.env.RULES_THREAD === 'off' ? null : new ThreadRuleDrainer(ctx, cluster.url);
    if (thread) setRuleDrainer(ctx, thread);
    const drainer = checkRuleDrainer(ctx);
    checkBatchStats.enabled = true;
    drainer.stats.enabled = true;
    // CPU per check and per baseline upsert: this process (server, load generator, rules thread) and
    // the database's processes; the postmaster is the parent of any backend.
    const backend = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely)).rows[0].pid);
    const postmaster = Number(readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] ?? 0);
    const meter = cpuMeter(postmaster);
    const apiCpu: Array<{ cost: CpuSpan; load: CpuSpan }> = [];
    const segments = Math.max(1, option(args, 'segments', 6));
    const rate = option(args, 'rate', 400);
    const illEvery = Math.max(1, option(args, 'ill-every', 1));
    const rateSeconds = option(args, 'seconds-at-rate', 40);
    // The load with the rule drains on and the same load with them paused, in alternating segments, so
    // that both see the same machine and the same table sizes (one after the other, drift on a shared
    // machine and the growing tables weighed on whichever came second).
    let first = 0;
    let rulesLeft = 0;
    const alternate = async (o: { onSeconds: number; pausedSeconds: number; segments: number; rate?: number; illEvery: number }) => {
      const on: Segment[] = [];
      const off: Segment[] = [];
      for (let k = 0; k < o.segments; k++) {
        const before = meter?.read();
        const run = await clientInWorker({ port, concurrency, seconds: o.onSeconds / o.segments, items, sessions, students, first, rate: o.rate, illEvery: o.illEvery });
        const ran = meter?.read();
        on.push(run);
        first = run.next;
        // A check's CPU includes its rule evaluations, finished here; cores are counted while the load ran.
        await drainer.idle();
        if (meter && before && ran && o.rate === undefined) apiCpu.push({ cost: meter.span(before, meter.read()), load: meter.span(before, ran) });
        rulesLeft += Number((await sql<{ n: number }>`select count(*)::int as n from check_rule_queue`.execute(db.kysely)).rows[0].n);
        // The paused segment: the checks still queue their evaluation, which runs after it, unmeasured.
        const stats = [drainer.stats.enabled, checkBatchStats.enabled];
        drainer.stats.enabled = checkBatchStats.enabled = false;
        const kick = drainer.kick;
        drainer.kick = () => {};
        const paused = await clientInWorker({ port, concurrency, seconds: o.pausedSeconds / o.segments, items, sessions, students, first, rate: o.rate, illEvery: o.illEvery });
        off.push(paused);
        first = paused.next;
        drainer.kick = kick;
        drainer.kick();
        await drainer.idle();
        [drainer.stats.enabled, checkBatchStats.enabled] = stats;
      }
      return { on: pooled(on), off: pooled(off) };
    };
    // With pg_stat_statements loaded (see the top): what took the database's time in each phase.
    const profiling = !!process.env.PG_EXTRA_SETTINGS?.includes('pg_stat_statements');
    const profile = async (phase: string | null) => {
      if (!profiling) return;
      if (phase) {
      const top = await sql<{ calls: number; ms: number; plan: number; walKb: number; q: string }>`
        select calls::int, round(total_exec_time)::int as ms, round(total_plan_time)::int as plan, round(wal_bytes / 1024)::int as "walKb",
          left(regexp_replace(regexp_replace(query, '/\\* prepared \\*/', ''), '\\s+', ' ', 'g'), 110) as q
        from pg_stat_statements order by total_exec_time + total_plan_time desc limit 25`.execute(db.kysely);
        for (const t of top.rows) console.log(`statement (${phase}): ${t.calls} calls, ${t.ms} ms run, ${t.plan} ms planning, ${t.walKb} kB WAL: ${t.q}`);
      }
      await sql`select pg_stat_statements_reset()`.execute(db.kysely);
    };
    // Warm-up: a deployment's tables have a history and statistics (autovacuum analyzes a table within
    // a minute or so of its changes, and prepared plans are then made anew). Without it the first minute
    // ran on plans prepared while the check tables were empty, e.g. a sequential scan of the day roll-ups
    // for each school of a batch, slower and slower as the table grew.
    const warmupSeconds = option(args, 'warmup-seconds', 5);
    if (warmupSeconds > 0) {
      drainer.stats.enabled = checkBatchStats.enabled = false;
      const warm = await clientInWorker({ port, concurrency, seconds: warmupSeconds, items, sessions, students, first, illEvery });
      first = warm.next;
      await drainer.idle();
      await sql`analyze`.execute(db.kysely);
      drainer.stats.enabled = checkBatchStats.enabled = true;
    }
    await profile(null);
    const saturated = await alternate({ onSeconds: seconds, pausedSeconds, segments, illEvery });
    checkBatchStats.enabled = false;
    drainer.stats.enabled = false;
    // At a fixed rate below saturation, as a morning peak loads a server: 400 a second is every one of a
    // province's 700,000 classes within half an hour (a city's 3,636 schools are a twentieth of that).
    // What the rules add to a submission there, with every check still reporting a child ill.
    await profile('saturated');
    const atRate = rateSeconds > 0 ? await alternate({ onSeconds: rateSeconds / 2, pausedSeconds: rateSeconds / 2, segments: Math.max(1, Math.round(rateSeconds / 5)), rate, illEvery }) : null;
    await profile(`at ${rate}/s`);
    const api = saturated.on;
    const paused = saturated.off;
    sealing = false;
    await sealer;
    await app.close();
    await thread?.close();
    const chain = await verifyAuditChain(db.kysely);
    const rebuilt = await rebuildRollups(db.kysely, DATES[0], DATES[DATES.length - 1], false);
    const rollupsEqual = rebuilt.mismatched.length === 0 && rebuilt.regionMismatched === 0;

    // Baseline: the same concurrency, one single-row upsert transaction each, on the evening session.
    const pool = new pg.Pool({ connectionString: cluster.url, max: Math.min(concurrency, 40) });
    let b = 0;
    const baselineStart = meter?.read();
    const baseline = await run(seconds, concurrency, async () => {
      const it = items[b++ % items.length];
      await pool.query(`insert into class_checks (school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, submitted_at, updated_at, idempotency_key)
        select school_id, id, $2, 'evening', 40, 38, 1, 1, 1, now(), now(), $3 from classes where id = $1
        on conflict (class_id, check_date, session) where class_id is not null do update set present = excluded.present, version = class_checks.version + 1, updated_at = now()`, [it[0], it[1], `base-${b}`]);
    });
    const baselineCpu = meter && baselineStart ? meter.span(baselineStart, meter.read()) : null;
    await pool.end();
    const ratio = Math.round((api.perSecond / baseline.perSecond) * 1000) / 1000;
    const agree = await sql<{ n: number }>`select count(*)::int as n from class_checks where class_id is not null and session <> 'evening'`.execute(db.kysely);
    const summed = await sql<{ n: number }>`select coalesce(sum(classes_reported), 0)::int as n from school_day_summary`.execute(db.kysely);
    const alerts = await sql<{ n: number; persons: number }>`select count(*)::int as n, (select count(*)::int from alert_persons) as persons from alerts`.execute(db.kysely);
    const batches = checkBatchStats.batches;
    const lags = drainer.stats.lagsMs;
    const rulesAdded = Math.round((api.p95 - paused.p95) * 10) / 10;
    const meanBatch = batches.length ? Math.round((batches.reduce((n, b) => n + b.size, 0) / batches.length) * 10) / 10 : 0;
    console.log(`API:      ${api.done} checks in ${api.seconds.toFixed(1)} s = ${api.perSecond.toFixed(0)}/s, p50 ${api.p50} ms, p95 ${api.p95} ms, errors ${api.errors}, 409s ${api.conflicts}${api.wrapped ? ' (work items ran out: later submissions were repeats)' : ''}`);
    console.log(`group commit: ${batches.length} batches, ${meanBatch} checks each on average, batch p95 ${pct(batches.map((b) => b.ms), 95)} ms`);
    console.log(`rules paused (${paused.seconds.toFixed(1)} s, same load, evaluated afterwards): ${paused.perSecond.toFixed(0)}/s, p50 ${paused.p50} ms, p95 ${paused.p95} ms; rules add ${rulesAdded} ms to the p95 of a submission (target ≤ 5)`);
    const rateAdded = atRate ? Math.round((atRate.on.p95 - atRate.off.p95) * 10) / 10 : null;
    if (atRate) console.log(`at a fixed ${rate}/s (${atRate.on.seconds.toFixed(1)} s with rules, ${atRate.off.seconds.toFixed(1)} s paused): p50 ${atRate.on.p50} / ${atRate.off.p50} ms, p95 ${atRate.on.p95} / ${atRate.off.p95} ms, errors ${atRate.on.errors + atRate.off.errors}; rules add ${rateAdded} ms to the p95 of a submission (target ≤ 5)${atRate.on.wrapped || atRate.off.wrapped ? ' (work items ran out: later submissions were repeats)' : ''}`);
    const workPerThousand = lags.length ? Math.round((drainer.stats.workMs / lags.length) * 1000) : 0;
    console.log(`rules: ${lags.length} checks evaluated in ${drainer.stats.drains} drains working ${workPerThousand} ms per 1,000 checks (rests excluded), commit → alerts committed p50 ${pct(lags, 50)} ms, p95 ${pct(lags, 95)} ms; ${rulesLeft} left queued; ${alerts.rows[0].n} alerts with ${alerts.rows[0].persons} persons`);
    console.log(`baseline: ${baseline.done} upserts in ${baseline.seconds.toFixed(1)} s = ${baseline.perSecond.toFixed(0)}/s, p50 ${baseline.p50} ms, p95 ${baseline.p95} ms`);
    const cpu = apiCpu.length ? cpuFigures(addSpans(apiCpu.map((c) => c.cost)), addSpans(apiCpu.map((c) => c.load)), api.done, baselineCpu, baseline.done) : null;
    if (cpu) {
      console.log(`CPU per check: API ${cpu.apiCpuMsPerCheck} ms (this process ${cpu.apiProcessMs}, database ${cpu.apiDatabaseMs}), ${cpu.apiCores} cores busy, others on the machine ${cpu.apiOthersCores}`);
      console.log(`CPU per upsert: baseline ${cpu.baselineCpuMsPerUpsert} ms (this process ${cpu.baselineProcessMs}, database ${cpu.baselineDatabaseMs}), ${cpu.baselineCores} cores busy, others ${cpu.baselineOthersCores}; the ratio at equal CPU: ${cpu.cpuBoundRatio}`);
    }
    console.log(`ratio ${ratio} (target ≥ 0.5); API ≥ 1,000/s: ${api.perSecond >= 1000 ? 'yes' : 'no'}; roll-up classes reported ${summed.rows[0].n} = check rows ${agree.rows[0].n}: ${summed.rows[0].n === agree.rows[0].n}`);
    console.log(`roll-ups equal a recomputation from the raw rows: ${rollupsEqual} (${rebuilt.schoolRows} school rows, ${rebuilt.mismatched.length} mismatches, ${rebuilt.regionMismatched} county mismatches)`);
    console.log(`audit chain: ${chain.rows} rows chained (${sealed} sealed during the run), intact: ${chain.ok}`);
    console.log(`RESULT ${JSON.stringify({ bench: 'checks', concurrency, seconds, illEvery, apiPerSecond: Math.round(api.perSecond), apiP50Ms: api.p50, apiP95Ms: api.p95, apiErrors: api.errors, api409: api.conflicts, meanBatch, apiRulesPausedP95Ms: paused.p95, rulesAddedP95Ms: rulesAdded, rate, rateP95Ms: atRate?.on.p95 ?? null, rateRulesPausedP95Ms: atRate?.off.p95 ?? null, rulesAddedAtRateP95Ms: rateAdded, drainWorkMsPer1000Checks: workPerThousand, alertLagP50Ms: pct(lags, 50), alertLagP95Ms: pct(lags, 95), rulesLeftQueued: rulesLeft, baselinePerSecond: Math.round(baseline.perSecond), baselineP50Ms: baseline.p50, baselineP95Ms: baseline.p95, ratio, ...(cpu ?? {}), rollupsAgree: summed.rows[0].n === agree.rows[0].n && rollupsEqual, auditChainOk: chain.ok })}`);
  } finally {
    await db.close();
    cluster.stop();
  }
}

async function run(seconds: number, concurrency: number, op: () => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await op();
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  return { done: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), errors };
}

interface ClientJob {
  port: number;
  concurrency: number;
  seconds: number;
  items: Array<[number, string, string]>;
  sessions: Record<number, { cookie: string; csrf: string }>;
  students: Record<number, number[]>;
  /** Index of the first work item. */
  first: number;
  /** Submissions a second at a fixed rate instead of `concurrency` back to back. */
  rate?: number;
  /** One check in this many reports a child ill (1: every check). */
  illEvery: number;
}

// Plain JavaScript run with `eval`, so the worker needs no TypeScript loader.
const CLIENT = `
const { parentPort, workerData: job } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: job.rate ? 256 : job.concurrency });
const post = (path, headers, body) => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port: job.port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode || 0));
  });
  req.on('error', reject);
  req.end(body);
});
let next = job.first;
let rr = 0;
const exceptionsFor = (students, n) => {
  const a = students[(rr += 7) % students.length];
  const b = students[(rr + 3) % students.length];
  const other = { personId: b, status: 'absent_other' };
  return n % job.illEvery === 0 ? [{ personId: a, status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 38.2 }, other] : [other];
};
const latencies = [];
let errors = 0;
let conflicts = 0;
const start = performance.now();
const end = start + job.seconds * 1000;
// One submission of the next work item; its latency counts from \`since\` (when it was due).
const one = async (since) => {
  const n = next++;
  const [cls, date, session] = job.items[n % job.items.length];
  const s = job.sessions[cls];
  try {
    const status = await post('/api/checks/classes/' + cls,
      { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': 'bench-' + n + '-' + cls + '-' + date + '-' + session },
      JSON.stringify({ date, session, exceptions: exceptionsFor(job.students[cls], n), entryMs: 20000 }));
    if (status === 409) conflicts++;
    if (status !== 200 && status !== 409) throw new Error('submit ' + status);
    latencies.push(performance.now() - since);
  } catch {
    errors++;
  }
};
// Closed loop: \`concurrency\` teachers submitting back to back. Fixed rate (\`rate\` a second): each
// submission is due at its time whatever the others do, and its latency counts from then, so a
// server that falls behind shows it (no coordinated omission).
const load = job.rate
  ? new Promise((done) => {
      const interval = 1000 / job.rate;
      let sent = 0;
      const flying = new Set();
      const tick = () => {
        const now = performance.now();
        if (now >= end) return Promise.all(flying).then(done);
        for (const due = Math.floor((now - start) / interval); sent < due; sent++) {
          const p = one(start + sent * interval).finally(() => flying.delete(p));
          flying.add(p);
        }
        setTimeout(tick, 1);
      };
      tick();
    })
  : Promise.all(Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < end) await one(performance.now());
    }));
load.then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, errors, conflicts, seconds: (performance.now() - start) / 1000, wrapped: next > job.items.length, next });
});
`;

type Segment = Awaited<ReturnType<typeof clientInWorker>>;

/** Segments of one kind taken together: their checks, time and latencies. */
/**
 * What a check and a baseline upsert cost in CPU (milliseconds, the server process and the database
 * together; a check's rule evaluations included, `api`), how many cores each phase kept busy while
 * its load ran (`load`), and the ratio of the two costs: the throughput ratio
 * the API would reach if both phases used the same CPU.
 */
function cpuFigures(api: CpuSpan, load: CpuSpan, checks: number, base: CpuSpan | null, upserts: number) {
  if (!base || !checks || !upserts) return null;
  const r = (x: number, d = 100) => Math.round(x * d) / d;
  const apiMs = (api.process + api.database) / checks;
  const baseMs = (base.process + base.database) / upserts;
  return {
    apiCpuMsPerCheck: r(apiMs), apiProcessMs: r(api.process / checks), apiDatabaseMs: r(api.database / checks),
    apiCores: r((load.process + load.database) / load.wall), apiOthersCores: r(load.others / load.wall),
    baselineCpuMsPerUpsert: r(baseMs), baselineProcessMs: r(base.process / upserts), baselineDatabaseMs: r(base.database / upserts),
    baselineCores: r((base.process + base.database) / base.wall), baselineOthersCores: r(base.others / base.wall),
    cpuBoundRatio: r(baseMs / apiMs, 1000),
  };
}

function pooled(runs: Segment[]) {
  const latencies = runs.flatMap((r) => r.latencies);
  const secs = runs.reduce((n, r) => n + r.seconds, 0);
  const sum = (f: (r: Segment) => number) => runs.reduce((n, r) => n + f(r), 0);
  return { done: latencies.length, seconds: secs, perSecond: latencies.length / secs, p50: pct(latencies, 50), p95: pct(latencies, 95), errors: sum((r) => r.errors), conflicts: sum((r) => r.conflicts), wrapped: runs.some((r) => r.wrapped) };
}

async function clientInWorker(job: ClientJob) {
  const result = await new Promise<{ latencies: number[]; errors: number; conflicts: number; seconds: number; wrapped: boolean; next: number }>((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const l = result.latencies;
  return { latencies: l, done: l.length, seconds: result.seconds, perSecond: l.length / result.seconds, p50: pct(l, 50), p95: pct(l, 95), errors: result.errors, conflicts: result.conflicts, wrapped: result.wrapped, next: result.next };
}
