import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { addDays } from '../../domain/calendar/dates';
import { buildChain, decide, leaveDays } from '../../domain/leave/chain';
import { returnCheck } from '../../domain/leave/return-check';
import { isolationPlan } from '../../domain/policies/decide';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';
import { notifyRiskChanges } from '../cases/service';
import { effectivePolicyForSchool } from '../policies/queries';
import { recomputeRisk } from '../risk/recompute';
import { assertPersonInScope } from '../scope-guard';
import { notifyApprover, notifyDecision } from './notify';
import { classTeacherOf, leaveRowQuery, leftTheCity, riskAreasOfLeave, schoolApprovers, toLeaveView } from './queries';
import type { CreateLeaveBody, DecisionBody, LeaveListQuery, ReturnBody } from './schema';

const MAX_DAYS = 60;
/** Leave may be registered afterwards (a sudden illness on a weekend), but not weeks later. */
const MAX_BACKDATE_DAYS = 7;

async function leaveInScope(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.selectFrom('leave_requests').select(['id', 'person_id', 'school_id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  await assertPersonInScope(ctx, actor, row.person_id);
  return row;
}

async function view(ctx: AppContext, actor: Actor, id: number) {
  return toLeaveView(await leaveRowQuery(ctx.db).where('l.id', '=', id).executeTakeFirstOrThrow(), actor);
}

/**
 * A parent (for their own child) or school staff request leave. The approval chain is built now from
 * the class teacher and the school's configured steps, each approver named, so the record shows who
 * answers for the decision. A retried submission with the same key returns the first request.
 */
export async function requestLeave(ctx: AppContext, actor: Actor, body: Static<typeof CreateLeaveBody>, ip: string) {
  const person = await assertPersonInScope(ctx, actor, body.personId);
  if (person.kind === 'co_resident') throw new AppError('leave.person_kind', 400, { field: 'personId' });
  if (actor.scope.kind === 'children' && !actor.scope.personIds.includes(body.personId)) throw new AppError('leave.not_own_child', 403, { field: 'personId' });
  if (body.toDate < body.fromDate) throw new AppError('leave.dates_order', 400, { field: 'toDate' });
  const days = leaveDays(body.fromDate, body.toDate);
  if (days > MAX_DAYS) throw new AppError('leave.too_long', 400, { field: 'toDate', limit: MAX_DAYS });
  const today = schoolToday(ctx);
  if (body.fromDate < addDays(today, -MAX_BACKDATE_DAYS)) throw new AppError('leave.too_early', 400, { field: 'fromDate', limit: MAX_BACKDATE_DAYS });
  if (body.destinationRegionCode) {
    const region = await ctx.db.selectFrom('regions').select('code').where('code', '=', body.destinationRegionCode).executeTakeFirst();
    if (!region) throw new AppError('response.region_unknown', 400, { field: 'destinationRegionCode' });
  }
  if (body.idempotencyKey) {
    const prior = await ctx.db.selectFrom('leave_requests').select(['id', 'person_id']).where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
    if (prior) {
      if (prior.person_id !== body.personId) throw new AppError('leave.idempotency_reused', 409, { field: 'idempotencyKey' });
      return view(ctx, actor, prior.id);
    }
  }
  const p = await ctx.db.selectFrom('persons').select(['class_id', 'kind', 'name']).where('id', '=', body.personId).executeTakeFirstOrThrow();
  const chain = buildChain({ days, classTeacher: p.kind === 'student' ? await classTeacherOf(ctx.db, p.class_id) : null, approvers: await schoolApprovers(ctx.db, person.schoolId) });
  if (!chain.length) throw new AppError('leave.no_approver', 409, { field: 'personId' });
  const id = await inTransaction(ctx.db, async (trx, afterCommit) => {
    // Lock the person's requests so two submissions at once cannot both pass the overlap check.
    await sql`select id from persons where id = ${body.personId} for update`.execute(trx);
    const overlap = await trx
      .selectFrom('leave_requests')
      .select('id')
      .where('person_id', '=', body.personId)
      .where('status', 'in', ['pending', 'approved'])
      .where('from_date', '<=', body.toDate)
      .where('to_date', '>=', body.fromDate)
      .executeTakeFirst();
    if (overlap) throw new AppError('leave.overlap', 409, { field: 'fromDate', id: overlap.id });
    const row = await trx
      .insertInto('leave_requests')
      .values({
        person_id: body.personId, school_id: person.schoolId, from_date: body.fromDate, to_date: body.toDate, reason: body.reason, destination: body.destination,
        destination_region_code: body.destinationRegionCode ?? null, status: 'pending', chain: JSON.stringify(chain), step: 0, requested_by: actor.accountId,
        requested_at: ctx.now(), returned_on: null, return_check: null, idempotency_key: body.idempotencyKey ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'leave.request', objectType: 'leave', objectId: row.id, detail: { personId: body.personId, days, approvers: chain.map((s) => s.accountId) }, ip });
    await notifyApprover(ctx, trx, afterCommit, { leaveId: row.id, step: 0, chain, personName: p.name, from: body.fromDate, to: body.toDate });
    return row.id;
  });
  return view(ctx, actor, id);
}

/** One approver's decision. Someone outside the chain is refused, and so is an approver whose turn has not come. */
export async function decideLeave(ctx: AppContext, actor: Actor, id: number, body: Static<typeof DecisionBody>, ip: string) {
  await leaveInScope(ctx, actor, id);
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    const row = await trx.selectFrom('leave_requests').select(['chain', 'step', 'status', 'person_id', 'school_id', 'from_date', 'to_date']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const chain = typeof row.chain === 'string' ? JSON.parse(row.chain) : row.chain;
    const out = decide(chain, row.step, row.status, actor.accountId, body.decision, ctx.now().toISOString(), body.note ?? null);
    if (out.kind === 'not_in_chain') {
      await writeAudit(trx, actor, { action: 'leave.decide', objectType: 'leave', objectId: id, result: 'denied', detail: { reason: 'not_in_chain' }, ip });
      throw new AppError('leave.not_in_chain', 403, { field: 'approver' });
    }
    if (out.kind === 'not_your_turn') throw new AppError('leave.not_your_turn', 409, { field: 'approver', name: out.expected.name });
    if (out.kind === 'already_decided') throw new AppError('leave.already_decided', 409, { field: 'decision' });
    if (out.kind === 'repeat') return;
    await trx.updateTable('leave_requests').set({ chain: JSON.stringify(out.chain), step: out.step, status: out.status }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'leave.decide', objectType: 'leave', objectId: id, detail: { decision: body.decision, step: out.step, status: out.status }, ip });
    const leave = { from: String(row.from_date), to: String(row.to_date) };
    if (out.status === 'pending') {
      const person = await trx.selectFrom('persons').select('name').where('id', '=', row.person_id).executeTakeFirstOrThrow();
      await notifyApprover(ctx, trx, afterCommit, { leaveId: id, step: out.step, chain: out.chain, personName: person.name, ...leave });
    } else {
      const status = out.status;
      afterCommit(() => notifyDecision(ctx, { schoolId: row.school_id, personId: row.person_id, status, ...leave, note: body.note ?? null }));
    }
  });
  return view(ctx, actor, id);
}

/**
 * Return from leave (销假): the stays (the destination, plus any the family adds) become travel
 * records, the person's risk status is recomputed, and the policy's proposals for re-entry (an
 * isolation or tests) are kept on the request. A repeated return changes nothing.
 */
export async function returnFromLeave(ctx: AppContext, actor: Actor, id: number, body: Static<typeof ReturnBody>, ip: string) {
  const leave = await leaveInScope(ctx, actor, id);
  if (leave.status === 'returned') return view(ctx, actor, id);
  if (leave.status !== 'approved') throw new AppError('leave.not_approved', 409, { field: 'id' });
  const today = schoolToday(ctx);
  if (body.returnedOn > today) throw new AppError('leave.return_future', 400, { field: 'returnedOn' });
  const full = await ctx.db.selectFrom('leave_requests as l').innerJoin('persons as p', 'p.id', 'l.person_id').select(['l.from_date', 'l.to_date', 'l.destination', 'l.destination_region_code', 'p.kind']).where('l.id', '=', id).executeTakeFirstOrThrow();
  if (body.returnedOn < full.from_date) throw new AppError('leave.return_before_start', 400, { field: 'returnedOn' });
  const stays = [...(body.travel ?? [])];
  for (const [i, s] of stays.entries()) {
    if (s.fromDate > s.toDate || s.fromDate > today) throw new AppError('leave.travel_dates', 400, { field: `travel.${i}.fromDate` });
    const known = await ctx.db.selectFrom('regions').select('code').where('code', '=', s.regionCode).executeTakeFirst();
    if (!known) throw new AppError('response.region_unknown', 400, { field: `travel.${i}.regionCode` });
  }
  const lastDay = body.returnedOn < full.to_date ? body.returnedOn : full.to_date;
  if (full.destination_region_code) stays.unshift({ regionCode: full.destination_region_code, place: full.destination, fromDate: full.from_date, toDate: lastDay });
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    const locked = await trx.selectFrom('leave_requests').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'approved') return;
    if (stays.length) {
      await trx
        .insertInto('travel_records')
        .values(stays.map((s) => ({ person_id: leave.person_id, region_code: s.regionCode, place: s.place, from_date: s.fromDate, to_date: s.toDate, residence: false, source: 'leave' as const, created_at: now, leave_id: id })))
        .execute();
    }
    const policy = await effectivePolicyForSchool(trx, 'covid19', leave.school_id);
    const check = returnCheck({
      riskAreas: await riskAreasOfLeave(trx, id),
      fromElsewhere: await leftTheCity(trx, id, leave.school_id),
      personKind: full.kind,
      returnedOn: body.returnedOn,
      riskAreaPlan: isolationPlan(policy.rules, 'risk_area', body.returnedOn),
      householdPlan: isolationPlan(policy.rules, 'returning_household', body.returnedOn),
      policyTests: Object.values(policy.rules.isolation).some((r) => r && r.testDays.length > 0),
    });
    const recorded = { ...check, policyId: policy.id, policyVersion: policy.version };
    await trx.updateTable('leave_requests').set({ status: 'returned', returned_on: body.returnedOn, return_check: JSON.stringify(recorded) }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'leave.return', objectType: 'leave', objectId: id, detail: { returnedOn: body.returnedOn, riskAreas: check.riskAreas.length, proposals: check.proposals.length, policyVersion: policy.version }, ip });
    const risk = await recomputeRisk(trx, { personIds: [leave.person_id] }, { now, today });
    afterCommit(() => notifyRiskChanges(ctx, risk.changes));
  });
  return view(ctx, actor, id);
}

export async function listLeave(ctx: AppContext, actor: Actor, q: Static<typeof LeaveListQuery>, ip: string) {
  let query = leaveRowQuery(ctx.db).where(personInScope(actor.scope, 'persons'));
  if (q.schoolId) query = query.where('l.school_id', '=', q.schoolId);
  if (q.classId) query = query.where('persons.class_id', '=', q.classId);
  if (q.personId) query = query.where('l.person_id', '=', q.personId);
  if (q.status) query = query.where('l.status', '=', q.status);
  // The next approver is the chain entry at index `step` (jsonb arrays count from 0).
  if (q.awaitingMe) query = query.where('l.status', '=', 'pending').where(sql<boolean>`(l.chain -> l.step ->> 'accountId')::bigint = ${actor.accountId}`);
  const rows = await query.orderBy('l.from_date', 'desc').orderBy('l.id', 'desc').limit(q.limit ?? 200).execute();
  await writeAudit(ctx.db, actor, { action: 'leave.list', objectType: 'leave', detail: { filter: q, count: rows.length }, ip });
  return { items: rows.map((r) => toLeaveView(r, actor)) };
}

export async function leaveDetail(ctx: AppContext, actor: Actor, id: number, ip: string) {
  await leaveInScope(ctx, actor, id);
  await writeAudit(ctx.db, actor, { action: 'leave.read', objectType: 'leave', objectId: id, ip });
  return view(ctx, actor, id);
}
