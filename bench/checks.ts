// `npm run bench -- checks [--seconds 12] [--concurrency 32]`
// Class checks submitted through the real HTTP server (sessions, CSRF, validation, scope, roll-ups,
// episodes, audit) by many logged-in teachers, against a PostgreSQL with fsync on; in the same run the
// raw baseline: one INSERT … ON CONFLICT transaction per row through `pg` with the same concurrency.
// The client uses node:http with keep-alive sockets: fetch cost about four times as much CPU per
// request, and client and server share this process, so fetch measured the client, not the server.
// Sessions are cached for 5 s as on the server (SESSION_CACHE_MS), and the audit chain is sealed
// every 2 s during the run as the server's audit.seal job does.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { AUDIT_SEAL_EVERY_MS, sealAuditLog } from '../src/features/audit/seal';
import { verifyAuditChain } from '../src/features/audit/verify-chain';
import { loadRegions } from '../src/features/regions/load-regions';
import { FieldCipher, hashPassword } from '../src/security/crypto';
import { startCluster } from '../test/harness/postgres-cluster';

const option = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10 : 0;
};

// Weekdays of the autumn term before the clock's date; holidays do not matter for throughput but are
// skipped by the server, so only plain weekdays in November are used.
const DATES = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

export default async function checksBench(args: string[]): Promise<void> {
  const seconds = option(args, 'seconds', 12);
  const concurrency = option(args, 'concurrency', 32);
  const classesPerSchool = 10;
  const schoolsN = 40;
  const cluster = await startCluster({ fsync: true });
  process.env.DB_POOL_SIZE = String(Math.min(concurrency, 40));
  const db = await connect({ databaseUrl: cluster.url });
  try {
    await migrate(db);
    await loadRegions(db.kysely);
    const hash = await hashPassword('bench-teacher-password');
    // Schools spread over Zhengzhou's counties, 10 classes of 40 students each, one teacher per class.
    await sql`insert into schools (code, name, region_code, type)
      select 'B' || g, '压测学校' || g, (array(select code from regions where parent_code = '410100' order by code))[1 + g % 12], 'primary' from generate_series(1, ${schoolsN}) g`.execute(db.kysely);
    await sql`insert into grades (school_id, name, entry_year) select id, '一年级', 2026 from schools`.execute(db.kysely);
    await sql`insert into classes (school_id, grade_id, name) select g.school_id, g.id, n || '班' from grades g, generate_series(1, ${classesPerSchool}) n`.execute(db.kysely);
    await sql`insert into persons (school_id, kind, name, class_id, student_number) select c.school_id, 'student', '学生' || c.id || '-' || n, c.id, c.id || '-' || n from classes c, generate_series(1, 40) n`.execute(db.kysely);
    await sql`insert into accounts (username, display_name, password_hash, role, school_id, class_id) select 't' || c.id, 't' || c.id, ${hash}, 'class_teacher', c.school_id, c.id from classes c`.execute(db.kysely);
    const classes = (await sql<{ id: number; students: number[] }>`select c.id, array_agg(p.id order by p.id) as students from classes c join persons p on p.class_id = c.id group by c.id order by c.id`.execute(db.kysely)).rows;

    const ctx = { db: db.kysely, dbKind: 'postgres' as const, cipher: new FieldCipher(randomBytes(32)), now: () => new Date('2026-11-30T12:00:00Z'), secureCookies: false };
    const app = await buildApp(ctx, { webDist: null, sessionCacheMs: 5000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const post = (path: string, headers: Record<string, string>, body: string) => new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    const sessions = new Map<number, { cookie: string; csrf: string }>();
    for (const c of classes) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `t${c.id}`, password: 'bench-teacher-password' }) });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      sessions.set(c.id, { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken });
    }
    // Work items: every class × date × session once; workers take the next one.
    const items: Array<{ cls: (typeof classes)[number]; date: string; session: string }> = [];
    for (const date of DATES) for (const session of ['morning', 'noon']) for (const cls of classes) items.push({ cls, date, session });
    // Interleave schools: consecutive items of one school would all queue on that school's roll-up row.
    for (let i = items.length - 1; i > 0; i--) {
      const j = (i * 2654435761) % (i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    let next = 0;
    let rr = 0;
    const exceptionsFor = (students: number[]) => {
      const a = students[(rr += 7) % students.length];
      const b = students[(rr + 3) % students.length];
      return [{ personId: a, status: 'absent_ill', symptoms: ['fever', 'cough'], temperature: 38.2 }, { personId: b, status: 'absent_other' }];
    };

    let sealing = true;
    let sealed = 0;
    const sealer = (async () => {
      while (sealing) {
        await new Promise((r) => setTimeout(r, AUDIT_SEAL_EVERY_MS));
        sealed += await sealAuditLog(db.kysely);
      }
    })();
    const api = await run(seconds, concurrency, async () => {
      const it = items[next++ % items.length];
      const s = sessions.get(it.cls.id)!;
      const status = await post(`/api/checks/classes/${it.cls.id}`,
        { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': `bench-${next}-${it.cls.id}-${it.date}-${it.session}` },
        JSON.stringify({ date: it.date, session: it.session, exceptions: exceptionsFor(it.cls.students), entryMs: 20000 }));
      if (status !== 200 && status !== 409) throw new Error(`submit ${status}`);
    });
    sealing = false;
    await sealer;
    agent.destroy();
    await app.close();
    const chain = await verifyAuditChain(db.kysely);

    // Baseline: the same concurrency, one single-row upsert transaction each, on the evening session.
    const pool = new pg.Pool({ connectionString: cluster.url, max: Math.min(concurrency, 40) });
    let b = 0;
    const baseline = await run(seconds, concurrency, async () => {
      const it = items[b++ % items.length];
      await pool.query(`insert into class_checks (school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, submitted_at, updated_at, idempotency_key)
        select school_id, id, $2, 'evening', 40, 38, 1, 1, 1, now(), now(), $3 from classes where id = $1
        on conflict (class_id, check_date, session) where class_id is not null do update set present = excluded.present, version = class_checks.version + 1, updated_at = now()`, [it.cls.id, it.date, `base-${b}`]);
    });
    await pool.end();
    const ratio = Math.round((api.perSecond / baseline.perSecond) * 1000) / 1000;
    const agree = await sql<{ n: number }>`select count(*)::int as n from class_checks where class_id is not null and session <> 'evening'`.execute(db.kysely);
    const summed = await sql<{ n: number }>`select coalesce(sum(classes_reported), 0)::int as n from school_day_summary`.execute(db.kysely);
    console.log(`API:      ${api.done} checks in ${api.seconds.toFixed(1)} s = ${api.perSecond.toFixed(0)}/s, p50 ${api.p50} ms, p95 ${api.p95} ms, errors ${api.errors}`);
    console.log(`baseline: ${baseline.done} upserts in ${baseline.seconds.toFixed(1)} s = ${baseline.perSecond.toFixed(0)}/s, p50 ${baseline.p50} ms, p95 ${baseline.p95} ms`);
    console.log(`ratio ${ratio} (target ≥ 0.5); API ≥ 1,000/s: ${api.perSecond >= 1000 ? 'yes' : 'no'}; roll-up classes reported ${summed.rows[0].n} = check rows ${agree.rows[0].n}: ${summed.rows[0].n === agree.rows[0].n}`);
    console.log(`audit chain: ${chain.rows} rows chained (${sealed} sealed during the run), intact: ${chain.ok}`);
    console.log(`RESULT ${JSON.stringify({ bench: 'checks', concurrency, seconds, apiPerSecond: Math.round(api.perSecond), apiP50Ms: api.p50, apiP95Ms: api.p95, apiErrors: api.errors, baselinePerSecond: Math.round(baseline.perSecond), baselineP50Ms: baseline.p50, baselineP95Ms: baseline.p95, ratio, rollupsAgree: summed.rows[0].n === agree.rows[0].n, auditChainOk: chain.ok })}`);
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
