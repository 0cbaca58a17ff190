import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/tables';
import { inTransaction } from '../../db/transaction';
import type { AppContext } from '../../http/context';
import { evaluateCheckRulesBatch } from './check-rules';

/**
 * The early-warning rules for first submissions of class checks, evaluated just after the checks
 * commit instead of inside their transaction, so a teacher's answer never waits for them. Durable:
 * the check's transaction writes a check_rule_queue row, and the evaluation deletes it in the
 * transaction that raises or grows the alerts; a crash, a failed evaluation or a stopped instance
 * leaves the row for the next drain (after the next commit on any instance, and the
 * `alerts.check-rules` job every 10 s). SKIP LOCKED lets instances drain side by side; the queue's
 * advisory locks serialise two evaluations of one cluster. Every row of a drain is evaluated once
 * on the data as of the drain, which includes everything its check wrote.
 */
const DRAIN_LIMIT = 2000;
/**
 * A drain evaluates the queued checks a few schools at a time, each part in a transaction of its own
 * (a school's checks are never split: its alerts are merged together; signals of two schools never
 * meet in one alert, so the parts are independent). A part takes as many schools as should fit in
 * about PART_MS, judged by what the recent parts took a school, and at most PART_CHECKS checks and
 * PART_SCHOOLS schools. Short parts are what keeps the rules out of the submissions' way: at a fixed
 * 400 checks a second, parts of five busy schools (about 35 ms each) added 10.7 ms to a submission's
 * p95, parts of one (about 14 ms) 3.2–5.3 ms in short runs (`npm run bench -- checks`). Where schools are quiet (a
 * check or two each), a part takes more of them, so that the part's own statements do not dominate.
 */
const PART_MS = 15;
const PART_CHECKS = 100;
const PART_SCHOOLS = 20;
/** What a school costs a part before any was measured (ms). */
const FIRST_MS_PER_SCHOOL = 3;

/** The pace of the parts of one database's drains: milliseconds a school, averaged over the recent parts. */
const paces = new WeakMap<Kysely<Database>, { msPerSchool: number }>();

/**
 * The schools of the next part, from `from` on in the list of schools waiting (oldest first): at least
 * one, then while the estimate stays within PART_MS and the limits.
 */
export function nextPart(waiting: Array<{ schoolId: number; checks: number }>, from: number, o: { msPerSchool: number; partChecks: number }): number {
  let end = from + 1;
  let checks = waiting[from].checks;
  while (end < waiting.length && end - from < PART_SCHOOLS && (end - from + 1) * o.msPerSchool <= PART_MS && checks + waiting[end].checks <= o.partChecks) {
    checks += waiting[end].checks;
    end++;
  }
  return end;
}

/**
 * After each part the drain rests as long as the part took, so that at the morning peak the rules
 * take the server in short slices between submissions instead of one long burst: a burst of a few
 * hundred milliseconds held every submission arriving during it (`npm run bench -- checks`, at a
 * fixed rate). The alerts of the last parts wait a little longer.
 */
const REST_SHARE = 1;
/**
 * Drains of one process start at least this far apart. A drain costs about the same for ten checks as
 * for a thousand of one morning (it reads each school's recent cases once and opens or grows each
 * alert once), so at the morning peak a short wait makes drains few and large and leaves the CPU to
 * submissions (`npm run bench -- checks`, before drains came in parts: about 1,100–1,200 checks/s
 * with this spacing, 930/s at 300 ms, 820/s with drains back to back). After a quiet spell the first
 * drain starts at once, so a lone check's alerts are not delayed.
 */
export const DRAIN_SPACING_MS = 1000;

/** One drain: evaluates and deletes up to DRAIN_LIMIT queued checks, a few schools at a time; returns how many. */
export async function drainCheckRuleQueue(ctx: AppContext, options: { partChecks?: number } = {}): Promise<{ evaluated: number; lagsMs: number[]; workMs: number }> {
  const partChecks = options.partChecks ?? PART_CHECKS;
  const found = await sql<{ school_id: number; n: number }>`${prepared}
    select school_id, count(*)::int as n from check_rule_queue group by school_id order by min(id)`.execute(ctx.db);
  const waiting: Array<{ schoolId: number; checks: number }> = [];
  let total = 0;
  for (const w of found.rows) {
    if (total >= DRAIN_LIMIT) break;
    waiting.push({ schoolId: Number(w.school_id), checks: w.n });
    total += w.n;
  }
  let pace = paces.get(ctx.db);
  if (!pace) paces.set(ctx.db, (pace = { msPerSchool: FIRST_MS_PER_SCHOOL }));
  let evaluated = 0;
  let workMs = 0;
  const lagsMs: number[] = [];
  for (let i = 0; i < waiting.length; ) {
    const end = nextPart(waiting, i, { msPerSchool: pace.msPerSchool, partChecks });
    const started = performance.now();
    const r = await drainSchools(ctx, waiting.slice(i, end).map((w) => w.schoolId));
    evaluated += r.evaluated;
    lagsMs.push(...r.lagsMs);
    const took = performance.now() - started;
    workMs += took;
    pace.msPerSchool = 0.7 * pace.msPerSchool + 0.3 * (took / (end - i));
    i = end;
    if (i < waiting.length) await new Promise((done) => setTimeout(done, took * REST_SHARE));
  }
  return { evaluated, lagsMs, workMs };
}

/** The queued checks of some schools, evaluated and deleted in one transaction. */
async function drainSchools(ctx: AppContext, schools: number[]): Promise<{ evaluated: number; lagsMs: number[] }> {
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    // The queued checks, with the persons each reports ill or symptomatic (a grow links them again: a new
    // episode). And generic plans for the rest of the transaction: its statements, prepared, were planned
    // anew on every part (the planner judged its plans for the actual arrays cheaper), a millisecond of
    // the database's time a part for plans that do not change (pg_stat_statements, `npm run bench -- checks`).
    const r = await sql<{ school_id: number; class_id: number; check_date: string; check_id: number; queued_at: Date; persons: number[] }>`${prepared}
      with d as (
        -- The ids are taken once (an array, not IN): planned on a queue that looked empty, an IN became a
        -- semi-join that ran the inner select again for each of the queue's rows, 125 ms a part after a
        -- minute (auto_explain). Each school's rows come through its index, oldest first.
        delete from check_rule_queue where id = any(array(
          select q.id from unnest(${sql.val(schools)}::bigint[]) as s(id)
          cross join lateral (select q.id from check_rule_queue q where q.school_id = s.id order by q.id limit ${DRAIN_LIMIT} for update skip locked) q
          order by q.id limit ${DRAIN_LIMIT}))
        returning school_id, class_id, check_date, check_id, queued_at)
      select d.school_id, d.class_id, d.check_date::text as check_date, d.check_id, d.queued_at,
        array(select x.person_id from check_exceptions x where x.check_id = d.check_id and x.status <> 'absent_other') as persons
      from d, (select set_config('plan_cache_mode', 'force_generic_plan', true)) g`.execute(trx);
    if (!r.rows.length) return { evaluated: 0, lagsMs: [] };
    const events = r.rows.map((q) => ({ schoolId: Number(q.school_id), classId: Number(q.class_id), date: q.check_date, checkId: Number(q.check_id), personIds: q.persons.map(Number) }));
    await evaluateCheckRulesBatch(trx, ctx, events, afterCommit);
    const done = Date.now();
    return { evaluated: r.rows.length, lagsMs: r.rows.map((q) => done - q.queued_at.getTime()) };
  });
}

/** What the check path and the benchmark see of a drainer, in this thread or in its own (check-rule-thread.ts). */
export interface RuleDrainer {
  /** A commit queued checks: drain soon (drains start at most once every DRAIN_SPACING_MS). */
  kick(): void;
  /** Resolves when no drain is running or asked for. */
  idle(): Promise<void>;
  /** Off unless a benchmark turns it on: queue-to-evaluation time of each check, and the drains' working time (rests excluded), ms. */
  readonly stats: { enabled: boolean; lagsMs: number[]; drains: number; workMs: number };
}

/** Adds a drain to a drainer's stats when a benchmark has turned them on. */
export function recordDrain(stats: RuleDrainer['stats'], r: { lagsMs: number[]; workMs: number }): void {
  if (!stats.enabled) return;
  stats.drains++;
  stats.lagsMs.push(...r.lagsMs);
  stats.workMs += r.workMs;
}

/** Drains in this process after each commit that queued checks, one drain at a time. */
export class CheckRuleDrainer implements RuleDrainer {
  private running: Promise<void> | null = null;
  private again = false;
  readonly stats = { enabled: false, lagsMs: [] as number[], drains: 0, workMs: 0 };
  /** Called after each drain with what it did (the drain thread reports it to the main thread). */
  onDrain: ((r: { evaluated: number; lagsMs: number[]; workMs: number }) => void) | null = null;

  constructor(private readonly ctx: AppContext) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no drain of this process is running (tests wait for it before reading alerts). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    let started = 0;
    do {
      const wait = started + DRAIN_SPACING_MS - performance.now();
      if (started && wait > 0) await new Promise((r) => setTimeout(r, wait));
      started = performance.now();
      this.again = false;
      try {
        const r = await drainCheckRuleQueue(this.ctx);
        this.onDrain?.(r);
        recordDrain(this.stats, r);
        // A full drain leaves more behind; a partial one means the queue was empty when it read it.
        if (r.evaluated >= DRAIN_LIMIT) this.again = true;
      } catch (err) {
        // The rows stay queued: the next kick or the job evaluates them.
        console.error('check rule evaluation failed', err);
        return;
      }
    } while (this.again);
  }
}

const drainers = new WeakMap<Kysely<Database>, RuleDrainer>();

/** This database's drainer: in this thread unless setRuleDrainer gave it another (the server's drain thread). */
export function checkRuleDrainer(ctx: AppContext): RuleDrainer {
  let d = drainers.get(ctx.db);
  if (!d) drainers.set(ctx.db, (d = new CheckRuleDrainer(ctx)));
  return d;
}

/** Makes `drainer` the one the check path kicks for this database. */
export function setRuleDrainer(ctx: AppContext, drainer: RuleDrainer): void {
  drainers.set(ctx.db, drainer);
}
