import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { retryingLostRaces } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { isSchoolDay } from '../../domain/calendar';
import { type CheckExceptionInput, deriveCounts, exceptionProblem } from '../../domain/checks/counts';
import { plausibilityFlags } from '../../domain/checks/plausibility';
import { isLate, shanghaiDate } from '../../domain/checks/sessions';
import { summaryDelta } from '../../domain/checks/summary';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { schoolDiseases } from '../../reference';
import { checkRuleDrainer } from '../alerts/check-rule-queue';
import { readSubmissionContexts } from './batch-read';
import { recordBatch } from './batch-stats';
import { type CheckWrite, writeChecks } from './batch-write';
import { calendarFromTerms } from './calendar-adapter';
import { toStoredCheck } from './queries';
import { classKey, presetStatusesForClasses } from './roster-status';
import type { SubmitInput } from './service';

/**
 * Group commit for first submissions of class checks, nearly every submission in the morning
 * window. Submissions that arrive while a batch is being written wait for the next one; each batch
 * is read in one statement, validated member by member (a bad submission gets its own 400 and
 * leaves the others alone), and written in one statement that commits on its own, so N checks
 * cost one commit (one fsync) instead of N. Every answer is given only after its batch committed.
 * The early-warning rules of the batch run just after its commit (src/features/alerts/check-rule-queue.ts).
 * If a batch fails, its members are written one by one, so one bad submission cannot fail others.
 * A member answered null takes the general path in service.ts (edits, replays, anything unusual).
 */
export interface Submission {
  actor: Actor;
  classId: number;
  body: SubmitInput;
  idempotencyKey: string;
  ip?: string;
  now: Date;
}

export type Answer = { check: Record<string, unknown>; replayed: false } | null;

interface Pending {
  s: Submission;
  resolve(a: Answer): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 256;
/**
 * Batches written at the same time: while one commits (waiting for its fsync), the next is read and
 * written, so the requests that arrived meanwhile do not wait for two batches in a row. Rows both
 * take (a school's roll-up row) are locked in key order, so they wait for each other but cannot
 * deadlock.
 */
const MAX_IN_FLIGHT = 2;

export class CheckBatcher {
  private pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly ctx: AppContext) {}

  submit(s: Submission): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.pending.push({ s, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || !this.pending.length) return;
    this.scheduled = true;
    // Let the requests already in flight join this batch before it is read.
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight >= MAX_IN_FLIGHT || !this.pending.length) return;
      const batch = this.pending.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      await this.process(batch);
    } catch (batchError) {
      if (batch.length === 1) batch[0].reject(batchError);
      else for (const p of batch) await this.process([p]).catch((err) => p.reject(err));
    }
  }

  private async process(batch: Pending[]): Promise<void> {
    const started = performance.now();
    const prepared = await prepare(this.ctx, batch.map((p) => p.s));
    const writes: CheckWrite[] = [];
    const writers: Pending[] = [];
    for (const [i, p] of batch.entries()) {
      const r = prepared[i];
      if (r instanceof AppError) p.reject(r);
      else if (r === null) p.resolve(null);
      else {
        writes.push(r);
        writers.push(p);
      }
    }
    if (!writes.length) return;
    const timings = { queued: 0 };
    const answers = await retryingLostRaces(() => writeChecks(this.ctx.db, writes, timings));
    recordBatch(writes.length, performance.now() - started);
    if (timings.queued) checkRuleDrainer(this.ctx).kick();
    for (const [i, p] of writers.entries()) p.resolve(answers[i]);
  }
}

let vocabulary: Set<string> | null = null;
const symptomVocabulary = () => (vocabulary ??= new Set(schoolDiseases().symptoms.map((s) => s.code)));

/**
 * Each member's validation, as the general path would do it: an AppError for a bad submission, null
 * whenever the general path must decide (out of scope, a stored answer for the key, an existing
 * check, a bad date or session, a person outside the roster), else the write.
 */
async function prepare(ctx: AppContext, subs: Submission[]): Promise<Array<CheckWrite | AppError | null>> {
  // Both reads at once, on two connections: the statuses do not depend on the context.
  const [contexts, presets] = await Promise.all([
    readSubmissionContexts(ctx.db, subs.map((s) => ({ actor: s.actor, classId: s.classId, date: s.body.date, session: s.body.session, idempotencyKey: s.idempotencyKey }))),
    presetStatusesForClasses(ctx.db, [...new Map(subs.map((s) => [classKey(s.classId, s.body.date), { classId: s.classId, date: s.body.date }])).values()]),
  ]);
  const out: Array<CheckWrite | AppError | null> = subs.map(() => null);
  const candidates: number[] = [];
  for (const [i, s] of subs.entries()) {
    const pre = contexts[i];
    const exceptions: CheckExceptionInput[] = s.body.exceptions ?? [];
    if (!pre?.allowed || pre.existing || pre.storedAnswer) continue;
    const rule = pre.info.sessions.find((r) => r.session === s.body.session);
    if (!rule || s.body.date > shanghaiDate(s.now)) continue;
    if (!isSchoolDay(s.body.date, calendarFromTerms(pre.terms, s.body.date)).schoolDay) continue;
    const rosterIds = new Set(pre.roster);
    if (exceptions.some((e) => !rosterIds.has(e.personId))) continue;
    const problem = exceptionProblem(exceptions, rosterIds, rosterIds, symptomVocabulary());
    if (problem) out[i] = new AppError(problem.code, 400, { field: problem.field });
    else candidates.push(i);
  }
  for (const i of candidates) {
    const s = subs[i];
    const pre = contexts[i]!;
    const exceptions: CheckExceptionInput[] = s.body.exceptions ?? [];
    const day = isSchoolDay(s.body.date, calendarFromTerms(pre.terms, s.body.date));
    const rule = pre.info.sessions.find((r) => r.session === s.body.session)!;
    const roster = new Set(pre.roster);
    const known = [...(presets.get(classKey(s.classId, s.body.date)) ?? [])].filter(([id]) => roster.has(id));
    const counts = deriveCounts(pre.roster.length, exceptions, new Map(known));
    const flags: string[] = plausibilityFlags({ rosterSize: pre.roster.length, exceptions, entryMs: s.body.entryMs, zeroReport: s.body.zeroReport });
    if (!day.covered) flags.push('calendar_uncovered');
    const late = isLate(s.body.date, rule.deadline, s.now);
    const zeroReport = s.body.zeroReport ?? exceptions.length === 0;
    const online = s.body.online ?? true;
    const stored = toStoredCheck({
      id: 0, school_id: pre.info.schoolId, class_id: s.classId, check_date: s.body.date, session: s.body.session, version: 1, late, zero_report: zeroReport, online, flags,
      expected: counts.expected, present: counts.present, absent_ill: counts.absentIll, absent_other: counts.absentOther, symptomatic: counts.symptomatic, submitted_at: s.now,
    }, counts.symptoms);
    out[i] = {
      actor: s.actor, info: pre.info, regionCode: pre.regionCode, date: s.body.date, session: s.body.session, now: s.now, idempotencyKey: s.idempotencyKey,
      exceptions, counts, late, zeroReport, online, entryMs: s.body.entryMs ?? null, flags, delta: summaryDelta(null, { staff: false, late, counts }), stored, ip: s.ip,
    };
  }
  return out;
}

const batchers = new WeakMap<Kysely<Database>, CheckBatcher>();

/** One batcher per database handle (per app instance). */
export function checkBatcher(ctx: AppContext): CheckBatcher {
  let b = batchers.get(ctx.db);
  if (!b) batchers.set(ctx.db, (b = new CheckBatcher(ctx)));
  return b;
}
