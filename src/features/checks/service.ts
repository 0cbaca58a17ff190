import { type Selectable, sql } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/tables';
import { type AfterCommit, inTransaction, type Trx } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import { type CheckExceptionInput, deriveCounts, exceptionProblem } from '../../domain/checks/counts';
import { plausibilityFlags } from '../../domain/checks/plausibility';
import { isLate, shanghaiDate } from '../../domain/checks/sessions';
import { summaryDelta } from '../../domain/checks/summary';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { schoolDiseases } from '../../reference';
import { correctIllnessAbsences, recordIllnessAbsences } from '../absences/episodes';
import { evaluateCheckRules } from '../alerts/check-rules';
import { writeAudit } from '../audit/write-audit';
import { applySummaryDelta } from '../dashboards/rollups';
import { assertClassInScope, assertSchoolInScope } from '../scope-guard';
import { checkBatcher } from './batch';
import { rulesApply } from './batch-write';
import { schoolDayInfo } from './calendar-adapter';
import { type CheckTarget, countsOf, findCheck, rosterQuery, storedSymptoms, type TargetInfo, targetInfo, toStoredCheck } from './queries';
import { continuingIllness, presetStatuses } from './roster-status';
import type { FormQuery, SubmitBody } from './schema';

export type SubmitInput = Static<typeof SubmitBody>;
let vocabulary: Set<string> | null = null;
const symptomVocabulary = () => (vocabulary ??= new Set(schoolDiseases().symptoms.map((s) => s.code)));

/** Scope check for the target; class teachers report their class, never the staff. */
async function resolveTarget(ctx: AppContext, actor: Actor, target: CheckTarget): Promise<TargetInfo> {
  if (target.kind === 'class') await assertClassInScope(ctx, actor, target.classId);
  else {
    await assertSchoolInScope(ctx, actor, target.schoolId);
    if (actor.scope.kind === 'class') throw new AppError('check.staff_not_class', 403);
  }
  const info = await targetInfo(ctx.db, target);
  if (!info) throw new AppError('error.not_found', 404);
  return info;
}

/** Date and session rules shared by the form and the submission; returns the session's deadline. */
async function checkDateAndSession(ctx: AppContext, db: Trx, info: TargetInfo, date: string, session: string) {
  const rule = info.sessions.find((s) => s.session === session);
  if (!rule) throw new AppError('check.session_not_run', 400, { field: 'session' });
  if (date > shanghaiDate(ctx.now())) throw new AppError('check.date_future', 400, { field: 'date' });
  const day = await schoolDayInfo(db, info.schoolId, date);
  if (!day.schoolDay) throw new AppError('check.not_school_day', 400, { field: 'date' });
  return { deadline: rule.deadline, covered: day.covered };
}

export async function checkForm(ctx: AppContext, actor: Actor, target: CheckTarget, query: Static<typeof FormQuery>) {
  const info = await resolveTarget(ctx, actor, target);
  const rule = info.sessions.find((s) => s.session === query.session);
  if (!rule) throw new AppError('check.session_not_run', 400, { field: 'session' });
  const day = await schoolDayInfo(ctx.db, info.schoolId, query.date);
  const roster = await rosterQuery(ctx.db, info).execute();
  const existing = await findCheck(ctx.db, info, query.date, query.session).executeTakeFirst();
  const exceptions = existing ? await ctx.db.selectFrom('check_exceptions').selectAll().where('check_id', '=', existing.id).execute() : [];
  const byPerson = new Map(exceptions.map((e) => [e.person_id, e]));
  const presets = await presetStatuses(ctx.db, roster.map((r) => r.id), query.date, info.classId);
  // A session not yet reported starts those still ill from an earlier session that day as absent ill.
  const earlier = info.sessions.slice(0, info.sessions.findIndex((s) => s.session === query.session)).map((s) => s.session);
  const continuing = existing ? new Map<number, string[]>() : await continuingIllness(ctx.db, roster.map((r) => r.id), query.date, earlier);
  await writeAudit(ctx.db, actor, { action: 'check.form', objectType: target.kind === 'class' ? 'class' : 'school', objectId: info.classId ?? info.schoolId, detail: { date: query.date, session: query.session } });
  return {
    schoolId: info.schoolId, classId: info.classId, date: query.date, session: query.session, schoolDay: day.schoolDay, calendarCovered: day.covered,
    sessions: info.sessions, deadline: rule.deadline, lateIfSubmittedNow: isLate(query.date, rule.deadline, ctx.now()),
    roster: roster.map((r) => {
      const e = byPerson.get(r.id);
      const status = e?.status ?? presets.get(r.id) ?? (continuing.has(r.id) ? 'absent_ill' : 'present');
      const symptoms = e?.symptoms ?? (status === 'absent_ill' ? continuing.get(r.id) : undefined) ?? [];
      return { personId: r.id, name: r.name, number: r.number, status, symptoms, temperature: e?.temperature ?? null, note: e?.note ?? null };
    }),
    check: existing ? toStoredCheck(existing, await storedSymptoms(ctx.db, existing.id)) : null,
    symptoms: schoolDiseases().symptoms.map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn })),
    can: { submit: can(actor, 'check.submit') },
  };
}

export async function submitCheck(ctx: AppContext, actor: Actor, target: CheckTarget, body: SubmitInput, idempotencyKey: string | undefined, ip?: string) {
  if (!idempotencyKey || !/^[\w.:-]{8,100}$/.test(idempotencyKey)) throw new AppError('check.idempotency_key_required', 400, { field: 'Idempotency-Key' });
  // A class's first check of a session goes through the group commit (batch.ts); it answers null
  // whenever this general path must decide, which then gives the same answers and errors as before.
  if (target.kind === 'class' && body.version === undefined && !(body.zeroReport && body.exceptions?.length)) {
    const first = await checkBatcher(ctx).submit({ actor, classId: target.classId, body, idempotencyKey, ip, now: ctx.now() });
    if (first) return first as { check: ReturnType<typeof toStoredCheck>; replayed: boolean };
  }
  const info = await resolveTarget(ctx, actor, target);
  return writeCheck(ctx, actor, info, body, idempotencyKey, ip);
}

/**
 * Validates and stores one submission in one transaction: the idempotency record, the check and its
 * exceptions, the roll-up deltas, illness-absence episodes (opened, continued, or corrected when an edit
 * takes an absent-ill report back: correctIllnessAbsences) and the audit rows. A retried key returns
 * the stored answer; an edit of a stale version gets 409.
 */
export async function writeCheck(ctx: AppContext, actor: Actor, info: TargetInfo, body: SubmitInput, idempotencyKey: string, ip?: string) {
  const exceptions: CheckExceptionInput[] = body.exceptions ?? [];
  if (body.zeroReport && exceptions.length) throw new AppError('check.zero_report_with_exceptions', 400, { field: 'exceptions' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    // Claim the key first: a concurrent request with the same key waits here until the first commits.
    const claimed = await trx.insertInto('check_idempotency').values({ account_id: actor.accountId, key: idempotencyKey, school_id: info.schoolId, check_id: null, response: null, created_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing()).returning('key').executeTakeFirst();
    if (!claimed) {
      const stored = await trx.selectFrom('check_idempotency').select(['response', 'school_id']).where('account_id', '=', actor.accountId).where('key', '=', idempotencyKey).executeTakeFirstOrThrow();
      const response = stored.response as { check: { classId: number | null; schoolId: number; date: string; session: string } } | null;
      if (!response || response.check.schoolId !== info.schoolId || response.check.classId !== info.classId || response.check.date !== body.date || response.check.session !== body.session) {
        throw new AppError('check.idempotency_key_reused', 409, { field: 'Idempotency-Key' });
      }
      return { ...(response as object), replayed: true } as { check: ReturnType<typeof toStoredCheck>; replayed: boolean };
    }
    const { deadline, covered } = await checkDateAndSession(ctx, trx, info, body.date, body.session);
    const roster = await rosterQuery(trx, info).execute();
    const rosterIds = new Set(roster.map((r) => r.id));
    const mentioned = exceptions.map((e) => e.personId).filter((id) => !rosterIds.has(id));
    const known = new Set(rosterIds);
    if (mentioned.length) {
      for (const p of await trx.selectFrom('persons').select('id').where('id', 'in', mentioned).where('school_id', '=', info.schoolId).execute()) known.add(p.id);
    }
    const problem = exceptionProblem(exceptions, rosterIds, known, symptomVocabulary());
    if (problem) throw new AppError(problem.code, 400, { field: problem.field });

    const existing = await findCheck(trx, info, body.date, body.session).forUpdate().executeTakeFirst();
    if (existing ? body.version !== existing.version : body.version !== undefined) {
      throw new AppError('check.version_conflict', 409, { field: 'version', current: existing?.version ?? 0 }, { currentVersion: existing?.version ?? null });
    }
    // Sending the stored check again unchanged (a second tap, a reload) is no edit: no new version, no flags.
    if (existing && existing.zero_report === (body.zeroReport ?? exceptions.length === 0)) {
      const stored = await trx.selectFrom('check_exceptions').select(['person_id', 'status', 'symptoms', 'temperature', 'note']).where('check_id', '=', existing.id).execute();
      if (sameExceptions(stored.map((e) => ({ personId: e.person_id, status: e.status, symptoms: e.symptoms, temperature: e.temperature, note: e.note })), exceptions)) {
        const response = { check: toStoredCheck(existing, await storedSymptoms(trx, existing.id)), replayed: false };
        await trx.updateTable('check_idempotency').set({ check_id: existing.id, response: JSON.stringify(response) }).where('account_id', '=', actor.accountId).where('key', '=', idempotencyKey).execute();
        return response;
      }
    }
    const presets = await presetStatuses(trx, [...rosterIds], body.date, info.classId);
    const counts = deriveCounts(roster.length, exceptions, presets);
    const flags: string[] = plausibilityFlags({ rosterSize: roster.length, exceptions, entryMs: body.entryMs, zeroReport: body.zeroReport });
    if (!covered) flags.push('calendar_uncovered');
    const late = existing ? existing.late : isLate(body.date, deadline, now);
    const values = {
      expected: counts.expected, present: counts.present, absent_ill: counts.absentIll, absent_other: counts.absentOther, symptomatic: counts.symptomatic,
      zero_report: body.zeroReport ?? exceptions.length === 0, submitted_by: actor.accountId, updated_at: now, online: body.online ?? true,
      idempotency_key: idempotencyKey, entry_ms: body.entryMs ?? null, flags,
    };
    let row: Selectable<Database['class_checks']>;
    let previous: { ill: Set<number>; counts: ReturnType<typeof countsOf> } | null = null;
    if (existing) {
      const before = await trx.selectFrom('check_exceptions').select(['person_id', 'status']).where('check_id', '=', existing.id).execute();
      previous = { ill: new Set(before.filter((e) => e.status === 'absent_ill').map((e) => e.person_id)), counts: countsOf(existing, await storedSymptoms(trx, existing.id)) };
      row = await trx.updateTable('class_checks').set({ ...values, version: existing.version + 1 }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
      await trx.deleteFrom('check_exceptions').where('check_id', '=', existing.id).execute();
    } else {
      row = await trx.insertInto('class_checks').values({ ...values, school_id: info.schoolId, class_id: info.classId, check_date: body.date, session: body.session, submitted_at: now, late, version: 1 })
        .returningAll().executeTakeFirstOrThrow();
    }
    if (exceptions.length) {
      await trx.insertInto('check_exceptions').values(exceptions.map((e) => ({
        check_id: row.id, school_id: info.schoolId, person_id: e.personId, check_date: body.date, session: body.session, status: e.status,
        symptoms: sql<string[]>`${sql.val([...new Set(e.symptoms ?? [])])}::text[]`, temperature: e.temperature ?? null, note: e.note ?? null,
      }))).execute();
    }
    const staff = info.classId == null;
    await applySummaryDelta(trx, info.schoolId, body.date, body.session,
      summaryDelta(previous ? { staff, late, counts: previous.counts } : null, { staff, late, counts }));
    const newlyIll = exceptions.filter((e) => e.status === 'absent_ill' && !previous?.ill.has(e.personId));
    await recordIllnessAbsences(trx, { schoolId: info.schoolId, classId: info.classId, date: body.date, now }, newlyIll);
    // An edit that takes back someone's absent-ill report corrects the episode that report opened or continued.
    const stillIll = new Set(exceptions.filter((e) => e.status === 'absent_ill').map((e) => e.personId));
    const corrections = await correctIllnessAbsences(trx, { date: body.date, now }, [...(previous?.ill ?? [])].filter((id) => !stillIll.has(id)));
    for (const c of corrections) {
      await writeAudit(trx, actor, { action: 'absence.correct', objectType: 'absence_episode', objectId: c.episodeId, detail: { ...c, checkId: row.id, date: body.date, session: body.session, version: row.version }, ip });
    }
    await evaluateRulesFor(trx, ctx, { schoolId: info.schoolId, classId: info.classId, date: body.date, checkId: row.id }, exceptions, afterCommit);
    const response = { check: toStoredCheck(row, counts.symptoms), replayed: false };
    await trx.updateTable('check_idempotency').set({ check_id: row.id, response: JSON.stringify(response) }).where('account_id', '=', actor.accountId).where('key', '=', idempotencyKey).execute();
    await writeAudit(trx, actor, {
      action: existing ? 'check.edit' : 'check.submit', objectType: staff ? 'staff_check' : 'class_check', objectId: row.id,
      detail: { date: body.date, session: body.session, version: row.version, late, exceptions: exceptions.length, flags }, ip,
    });
    return response;
  });
}

export type { Trx };

/**
 * The early-warning rules (src/features/alerts) in the check's transaction, so an alert and the check
 * that caused it commit together. A check that reports no one ill or symptomatic is not evaluated.
 */
async function evaluateRulesFor(trx: Trx, ctx: AppContext, event: { schoolId: number; classId: number | null; date: string; checkId: number }, exceptions: CheckExceptionInput[], afterCommit: AfterCommit) {
  if (event.classId == null || !rulesApply(exceptions)) return;
  await evaluateCheckRules(trx, ctx, event, afterCommit);
}

/** An absence for another reason that turns out to be illness: an edit of its check, which opens the episode. */
export async function convertToIllness(ctx: AppContext, actor: Actor, exceptionId: number, b: { symptoms?: string[]; temperature?: number | null }, ip?: string) {
  const exc = await ctx.db.selectFrom('check_exceptions').innerJoin('class_checks', 'class_checks.id', 'check_exceptions.check_id')
    .select(['check_exceptions.status', 'check_exceptions.person_id', 'class_checks.id as check_id', 'class_checks.class_id', 'class_checks.school_id', 'class_checks.check_date', 'class_checks.session', 'class_checks.version'])
    .where('check_exceptions.id', '=', exceptionId).executeTakeFirst();
  if (!exc) throw new AppError('error.not_found', 404);
  const target: CheckTarget = exc.class_id != null ? { kind: 'class', classId: exc.class_id } : { kind: 'staff', schoolId: exc.school_id };
  if (target.kind === 'class') await assertClassInScope(ctx, actor, target.classId);
  else await assertSchoolInScope(ctx, actor, exc.school_id);
  if (exc.status !== 'absent_other') throw new AppError('check.exception_not_absent_other', 409);
  const info = (await targetInfo(ctx.db, target))!;
  const all = await ctx.db.selectFrom('check_exceptions').selectAll().where('check_id', '=', exc.check_id).orderBy('id').execute();
  const exceptions: CheckExceptionInput[] = all.map((e) => e.id === exceptionId
    ? { personId: e.person_id, status: 'absent_ill', symptoms: b.symptoms ?? e.symptoms, temperature: b.temperature ?? e.temperature, note: e.note }
    : { personId: e.person_id, status: e.status, symptoms: e.symptoms, temperature: e.temperature, note: e.note });
  const body: SubmitInput = { date: exc.check_date, session: exc.session, version: exc.version, exceptions };
  return writeCheck(ctx, actor, info, body, `convert-${exceptionId}-v${exc.version}`, ip);
}

/** A class's (or the staff's) stored checks over a date range, oldest first. */
export async function listChecks(ctx: AppContext, actor: Actor, target: CheckTarget, from: string, to: string) {
  const info = await resolveTarget(ctx, actor, target);
  let q = ctx.db.selectFrom('class_checks').selectAll().where('check_date', '>=', from).where('check_date', '<=', to);
  q = info.classId != null ? q.where('class_id', '=', info.classId) : q.where('school_id', '=', info.schoolId).where('class_id', 'is', null);
  const rows = await q.orderBy('check_date').orderBy('session').limit(1000).execute();
  const items = [];
  for (const r of rows) items.push(toStoredCheck(r, await storedSymptoms(ctx.db, r.id)));
  return { items };
}

type ExceptionLike = { personId: number; status: string; symptoms?: string[] | null; temperature?: number | string | null; note?: string | null };
const exceptionKey = (e: ExceptionLike) =>
  [e.personId, e.status, [...new Set(e.symptoms ?? [])].sort().join(','), e.temperature == null ? '' : Number(e.temperature), e.note ?? ''].join('|');

/** Whether two lists of exceptions say the same (order and repeated symptoms aside). */
export function sameExceptions(a: ExceptionLike[], b: ExceptionLike[]): boolean {
  if (a.length !== b.length) return false;
  const left = a.map(exceptionKey).sort();
  const right = b.map(exceptionKey).sort();
  return left.every((k, i) => k === right[i]);
}
