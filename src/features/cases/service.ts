import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/tables';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { confirmedCaseTrigger } from '../footing/triggers';
import { effectivePolicyForSchool } from '../policies/queries';
import { recomputeRisk } from '../risk/recompute';
import { assertPersonInScope } from '../scope-guard';
import { notifyResponse } from './notify';
import { caseRowQuery, toCaseRow } from './queries';
import type { CreateCaseBody, UpdateCaseBody } from './schema';
import { schoolToday } from './school-date';

/** Loads a case the caller may see (its person in scope), or 404/403. */
export async function caseInScope(ctx: AppContext, actor: Actor, caseId: number) {
  const row = await ctx.db.selectFrom('cases').select(['id', 'person_id', 'school_id', 'disease', 'status', 'onset_date', 'policy_id', 'outbreak_id', 'created_at']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  await assertPersonInScope(ctx, actor, row.person_id);
  return row;
}

/**
 * Records a suspected, confirmed or excluded case. It joins the outbreak of its source case (given,
 * or the case the person was a confirmed contact of), stores the policy version in force, turns
 * the person's risk status in the same transaction and, once committed, tells the school and
 * checks the footing triggers. A retried submission with the same key returns the first case.
 */
export async function createCase(ctx: AppContext, actor: Actor, body: Static<typeof CreateCaseBody>, ip: string) {
  const { schoolId } = await assertPersonInScope(ctx, actor, body.personId);
  const today = schoolToday(ctx);
  if (body.onsetDate && body.onsetDate > today) throw new AppError('case.onset_future', 400, { field: 'onsetDate' });
  if (body.idempotencyKey) {
    const prior = await priorCase(ctx.db, body.idempotencyKey, body.personId);
    if (prior) return prior;
  }
  const policy = await effectivePolicyForSchool(ctx.db, body.disease, schoolId);
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    if (body.idempotencyKey) {
      // Retries sent at once (a double tap, a flaky network) all passed the look-up above: the first to
      // take the key's lock writes the case, the others wait and then answer with it instead of a 409.
      await sql`select pg_advisory_xact_lock(hashtext(${`case:${body.idempotencyKey}`}))`.execute(trx);
      const prior = await priorCase(trx, body.idempotencyKey, body.personId);
      if (prior) return prior;
    }
    let source: { id: number; outbreak_id: number | null } | undefined;
    if (body.sourceCaseId) {
      source = await trx.selectFrom('cases').select(['id', 'outbreak_id']).where('id', '=', body.sourceCaseId).where('disease', '=', body.disease).executeTakeFirst();
      if (!source) throw new AppError('case.source_unknown', 400, { field: 'sourceCaseId' });
    } else {
      source = await trx
        .selectFrom('contacts as k')
        .innerJoin('cases as c', 'c.id', 'k.case_id')
        .select(['c.id', 'c.outbreak_id'])
        .where('k.person_id', '=', body.personId)
        .where('k.status', '=', 'confirmed')
        .where('c.disease', '=', body.disease)
        .where('c.status', '<>', 'excluded')
        .orderBy('k.exposure_to', 'desc')
        .executeTakeFirst();
    }
    const row = await trx
      .insertInto('cases')
      .values({
        person_id: body.personId, school_id: schoolId, disease: body.disease, status: body.status, onset_date: body.onsetDate ?? null, found_by: body.foundBy,
        alert_id: body.alertId ?? null, outbreak_id: source ? (source.outbreak_id ?? source.id) : null, source_case_id: source?.id ?? null, policy_id: policy.id,
        note: body.note ?? '', reported_by: actor.accountId, created_at: now, updated_at: now, idempotency_key: body.idempotencyKey ?? null,
      })
      .returning(['id', 'outbreak_id'])
      .executeTakeFirstOrThrow();
    const outbreakId = row.outbreak_id ?? row.id;
    if (!row.outbreak_id) await trx.updateTable('cases').set({ outbreak_id: row.id }).where('id', '=', row.id).execute();
    await writeAudit(trx, actor, { action: 'case.create', objectType: 'case', objectId: row.id, detail: { personId: body.personId, disease: body.disease, status: body.status, policyId: policy.id, policyVersion: policy.version }, ip });
    const risk = await recomputeRisk(trx, { personIds: [body.personId] }, { now, today });
    afterCommit(async () => {
      await notifyResponse(ctx.db, [{ kind: 'case_recorded', schoolId, personId: body.personId, audience: ['school_health'], payload: { caseId: row.id, disease: body.disease, status: body.status } }]);
      await notifyRiskChanges(ctx, risk.changes);
      if (body.status === 'confirmed') await confirmedCaseTrigger(ctx, { schoolId, caseId: row.id, disease: body.disease });
    });
    return { id: row.id, outbreakId, policyId: policy.id, policyVersion: policy.version };
  });
}

/** The answer already given to a submission key; the key of another person's case is refused. */
async function priorCase(db: Kysely<Database>, key: string, personId: number) {
  const prior = await db.selectFrom('cases').innerJoin('disease_policies as dp', 'dp.id', 'cases.policy_id').select(['cases.id', 'cases.outbreak_id', 'cases.policy_id', 'dp.version', 'cases.person_id']).where('idempotency_key', '=', key).executeTakeFirst();
  if (!prior) return null;
  if (prior.person_id !== personId) throw new AppError('case.idempotency_reused', 409, { field: 'idempotencyKey' });
  return { id: prior.id, outbreakId: prior.outbreak_id ?? prior.id, policyId: prior.policy_id, policyVersion: prior.version };
}

export async function updateCase(ctx: AppContext, actor: Actor, caseId: number, body: Static<typeof UpdateCaseBody>, ip: string) {
  const current = await caseInScope(ctx, actor, caseId);
  const today = schoolToday(ctx);
  if (body.onsetDate && body.onsetDate > today) throw new AppError('case.onset_future', 400, { field: 'onsetDate' });
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    await trx
      .updateTable('cases')
      .set({ status: body.status, ...(body.onsetDate ? { onset_date: body.onsetDate } : {}), ...(body.note !== undefined ? { note: body.note } : {}), updated_at: now })
      .where('id', '=', caseId)
      .execute();
    await writeAudit(trx, actor, { action: 'case.update', objectType: 'case', objectId: caseId, detail: { from: current.status, to: body.status }, ip });
    const risk = await recomputeRisk(trx, { personIds: [current.person_id] }, { now, today });
    afterCommit(async () => {
      await notifyRiskChanges(ctx, risk.changes);
      if (body.status === 'confirmed' && current.status !== 'confirmed') await confirmedCaseTrigger(ctx, { schoolId: current.school_id, caseId, disease: current.disease });
    });
  });
  return { ok: true };
}

export async function caseDetail(ctx: AppContext, actor: Actor, caseId: number, ip: string) {
  await caseInScope(ctx, actor, caseId);
  const row = toCaseRow(await caseRowQuery(ctx.db).where('c.id', '=', caseId).executeTakeFirstOrThrow());
  await writeAudit(ctx.db, actor, { action: 'case.read', objectType: 'case', objectId: caseId, ip });
  return row;
}

/** Status changes go to the class teacher and the guardians (after commit). */
export async function notifyRiskChanges(ctx: AppContext, changes: { personId: number; schoolId: number; from: string; to: string; reasons: unknown[] }[]) {
  await notifyResponse(
    ctx.db,
    changes.map((c) => ({ kind: 'risk_status_changed' as const, schoolId: c.schoolId, personId: c.personId, audience: ['class_teacher' as const, 'guardians' as const], payload: { from: c.from, to: c.to, reasons: c.reasons } })),
  );
}
