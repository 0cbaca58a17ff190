import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import type { Trx } from '../../db/transaction';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { addDays } from '../../domain/calendar/dates';
import { isolationPlan, releaseCheck } from '../../domain/policies/decide';
import type { IsolationKind, IsolationRole } from '../../domain/policies/types';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { notifyResponse } from '../cases/notify';
import { schoolToday } from '../cases/school-date';
import { caseInScope, notifyRiskChanges } from '../cases/service';
import { effectivePolicyForSchool, policyById } from '../policies/queries';
import { recomputeRisk } from '../risk/recompute';
import { assertPersonInScope } from '../scope-guard';
import { isolationRowQuery, toIsolationRow } from './queries';
import type { CheckinBody, CreateIsolationBody, IsolateContactsBody } from './schema';

export interface OrderInput {
  personId: number;
  schoolId: number;
  disease: string;
  role: IsolationRole;
  kind?: IsolationKind;
  siteId?: number;
  startsOn: string;
  caseId?: number | null;
  contactId?: number | null;
  reason: string;
  logistics?: string;
}

/** Why a person cannot take a new order: an isolation still active, or a released one that ran into the new period. */
export type OverlapReason = 'already_isolated' | 'overlapping_isolation';

export interface OverlapFound {
  overlap: { isolationId: number; reason: OverlapReason };
}

export type OrderWritten = Awaited<ReturnType<typeof insertOrder>>;

/**
 * Writes one isolation order inside the caller's transaction: the plan (end, monitoring, test days)
 * comes from the policy in force, a site must have room, and a person never holds two overlapping
 * orders. Throws (nothing written) when any of that fails.
 */
export async function writeOrder(ctx: AppContext, trx: Trx, actor: Actor, o: OrderInput): Promise<OrderWritten> {
  const r = await tryWriteOrder(ctx, trx, actor, o);
  if ('overlap' in r) throw new AppError('isolation.overlap', 409, { field: 'startsOn', id: r.overlap.isolationId });
  return r;
}

/** As writeOrder, but an overlap is returned instead of thrown (checked before anything is written). */
export async function tryWriteOrder(ctx: AppContext, trx: Trx, actor: Actor, o: OrderInput): Promise<OrderWritten | OverlapFound> {
  const policy = await effectivePolicyForSchool(trx, o.disease, o.schoolId);
  const plan = isolationPlan(policy.rules, o.role, o.startsOn);
  if (!plan || plan.plannedEnd < plan.startsOn) throw new AppError('isolation.policy_no_plan', 400, { field: 'role' });
  // A released isolation ends on its release day, so an order may start that same day.
  const overlap = await trx
    .selectFrom('isolations')
    .select(['id', 'status'])
    .where('person_id', '=', o.personId)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('released_on', '>', plan.startsOn)]))
    .where('starts_on', '<=', plan.plannedEnd)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (overlap) return { overlap: { isolationId: overlap.id, reason: overlap.status === 'active' ? 'already_isolated' : 'overlapping_isolation' } };
  return insertOrder(ctx, trx, actor, o, policy, plan);
}

async function insertOrder(
  ctx: AppContext, trx: Trx, actor: Actor, o: OrderInput,
  policy: Awaited<ReturnType<typeof effectivePolicyForSchool>>, plan: NonNullable<ReturnType<typeof isolationPlan>>,
) {
  const kind = o.kind ?? plan.kind;
  if (kind === 'site') {
    if (!o.siteId) throw new AppError('validation.required', 400, { field: 'siteId' });
    const site = await trx.selectFrom('isolation_sites').select(['capacity']).where('id', '=', o.siteId).forUpdate().executeTakeFirst();
    if (!site) throw new AppError('isolation.site_unknown', 400, { field: 'siteId' });
    const used = await trx.selectFrom('isolations').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', o.siteId).where('status', '=', 'active').executeTakeFirstOrThrow();
    if (Number(used.n) >= site.capacity) throw new AppError('isolation.site_full', 409, { field: 'siteId' });
  } else if (o.siteId) throw new AppError('isolation.site_not_for_kind', 400, { field: 'siteId' });
  const row = await trx
    .insertInto('isolations')
    .values({
      person_id: o.personId, school_id: o.schoolId, kind, site_id: kind === 'site' ? o.siteId! : null, case_id: o.caseId ?? null, contact_id: o.contactId ?? null, reason: o.reason,
      policy_id: policy.id, starts_on: plan.startsOn, planned_end: plan.plannedEnd, monitoring_end: plan.monitoringEnd, test_days: plan.testDays, status: 'active',
      released_on: null, release_override: null, logistics: o.logistics ?? '', created_by: actor.accountId, created_at: ctx.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, kind, plannedEnd: plan.plannedEnd, monitoringEnd: plan.monitoringEnd, testDates: plan.testDates, policyVersion: policy.version };
}

export async function createIsolation(ctx: AppContext, actor: Actor, body: Static<typeof CreateIsolationBody>, ip: string) {
  const { schoolId } = await assertPersonInScope(ctx, actor, body.personId);
  if (body.contactId) {
    // The order may name the contact record it follows, but only the person's own: never another child's.
    const k = await ctx.db.selectFrom('contacts').select('case_id').where('id', '=', body.contactId).where('person_id', '=', body.personId).executeTakeFirst();
    if (!k || (body.caseId && body.caseId !== k.case_id)) throw new AppError('contact.unknown', 400, { field: 'contactId' });
  }
  const today = schoolToday(ctx);
  if (body.startsOn > addDays(today, 1)) throw new AppError('isolation.start_future', 400, { field: 'startsOn' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const order = await writeOrder(ctx, trx, actor, { ...body, schoolId });
    await writeAudit(trx, actor, { action: 'isolation.create', objectType: 'isolation', objectId: order.id, detail: { personId: body.personId, kind: order.kind, role: body.role, policyVersion: order.policyVersion }, ip });
    const risk = await recomputeRisk(trx, { personIds: [body.personId] }, { now, today });
    afterCommit(async () => {
      await notifyResponse(ctx.db, [{ kind: 'isolation_ordered', schoolId, personId: body.personId, audience: ['class_teacher', 'guardians'], payload: order }]);
      await notifyRiskChanges(ctx, risk.changes);
    });
    return order;
  });
}

/**
 * Orders isolation for every confirmed contact of a case (the policy's close-contact plan) in one
 * transaction. Contacts whose isolation overlaps the new period are skipped and listed with the
 * reason, so one of thirty never blocks the other twenty-nine; any other failure (a full site) still
 * stops the whole order. Each new order notifies like a single one: class teacher and guardians.
 * Only contacts in the caller's scope are ordered (see below).
 */
export async function isolateContacts(ctx: AppContext, actor: Actor, caseId: number, body: Static<typeof IsolateContactsBody>, ip: string) {
  const c = await caseInScope(ctx, actor, caseId);
  const today = schoolToday(ctx);
  if (body.startsOn > addDays(today, 1)) throw new AppError('isolation.start_future', 400, { field: 'startsOn' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const confirmed = await trx
      .selectFrom('contacts as k')
      .innerJoin('persons as p', 'p.id', 'k.person_id')
      .select(['k.id', 'k.person_id', 'k.school_id', 'p.name', sql<boolean>`${personInScope(actor.scope, 'p')}`.as('allowed')])
      .where('k.case_id', '=', caseId)
      .where('k.status', '=', 'confirmed')
      .orderBy('k.id')
      .execute();
    // Contacts outside the caller's scope (another school's child an officer added, another class)
    // are not ordered and only counted, never named. Refusing the whole order instead would stop a
    // school from isolating its own pupils whenever a case reaches beyond it; those others are
    // ordered by whoever's scope holds them (their school, the county), who sees them on the case.
    const contacts = confirmed.filter((k) => k.allowed);
    const outOfScope = confirmed.length - contacts.length;
    const created: { personId: number; schoolId: number; order: OrderWritten }[] = [];
    const skipped: { personId: number; personName: string; isolationId: number; reason: OverlapReason }[] = [];
    for (const k of contacts) {
      const r = await tryWriteOrder(ctx, trx, actor, { personId: k.person_id, schoolId: k.school_id, disease: c.disease, role: 'close_contact', kind: body.kind, siteId: body.siteId, startsOn: body.startsOn, caseId, contactId: k.id, reason: `密切接触者（病例 #${caseId}）`, logistics: body.logistics });
      if ('overlap' in r) skipped.push({ personId: k.person_id, personName: k.name, ...r.overlap });
      else created.push({ personId: k.person_id, schoolId: k.school_id, order: r });
    }
    await writeAudit(trx, actor, { action: 'isolation.create_for_contacts', objectType: 'case', objectId: caseId, detail: { created: created.length, skipped: skipped.map((x) => ({ personId: x.personId, isolationId: x.isolationId, reason: x.reason })), outOfScope }, ip });
    const risk = await recomputeRisk(trx, { personIds: created.map((x) => x.personId) }, { now, today });
    afterCommit(async () => {
      await notifyResponse(ctx.db, created.map((x) => ({ kind: 'isolation_ordered' as const, schoolId: x.schoolId, personId: x.personId, audience: ['class_teacher' as const, 'guardians' as const], payload: x.order })));
      await notifyRiskChanges(ctx, risk.changes);
    });
    // `created` and `skipped` stay counts for existing clients; the lists say who and why; `outOfScope` is a count only.
    return { created: created.length, skipped: skipped.length, isolationIds: created.map((x) => x.order.id), skippedPersons: skipped, outOfScope };
  });
}

async function isolationInScope(ctx: AppContext, actor: Actor, id: number) {
  const row = await ctx.db.selectFrom('isolations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  await assertPersonInScope(ctx, actor, row.person_id);
  return row;
}

async function releaseFacts(ctx: AppContext, iso: { person_id: number; starts_on: string; planned_end: string; test_days: number[]; id: number }) {
  const results = await ctx.db.selectFrom('test_results').select(['sampled_on', 'result']).where('person_id', '=', iso.person_id).where('sampled_on', '>=', iso.starts_on).execute();
  const checkins = await ctx.db.selectFrom('isolation_checkins').select(['day', 'temperature', 'symptoms']).where('isolation_id', '=', iso.id).orderBy('day').execute();
  return {
    startsOn: iso.starts_on, plannedEnd: iso.planned_end, testDays: iso.test_days.map(Number),
    results: results.map((r) => ({ sampledOn: r.sampled_on, result: r.result })),
    checkins: checkins.map((k) => ({ day: k.day, symptomatic: k.symptoms.length > 0 || (k.temperature != null && Number(k.temperature) >= 37.3), temperature: k.temperature == null ? null : Number(k.temperature), symptoms: k.symptoms })),
  };
}

/** One isolation with its check-ins, the tests due (and which have results) and whether release is allowed today. */
export async function isolationDetail(ctx: AppContext, actor: Actor, id: number, ip: string) {
  const iso = await isolationInScope(ctx, actor, id);
  const row = toIsolationRow(await isolationRowQuery(ctx.db).where('i.id', '=', id).executeTakeFirstOrThrow());
  const facts = await releaseFacts(ctx, iso);
  const policy = await policyById(ctx.db, iso.policy_id);
  const today = schoolToday(ctx);
  const tests = facts.testDays.map((d) => {
    const date = addDays(iso.starts_on, d - 1);
    const r = facts.results.find((x) => x.sampledOn === date);
    return { day: d, date, result: r?.result ?? null, due: date <= today && !r };
  });
  await writeAudit(ctx.db, actor, { action: 'isolation.read', objectType: 'isolation', objectId: id, ip });
  return { ...row, checkins: facts.checkins, tests, release: releaseCheck(policy.rules, facts, today) };
}

/** A daily health check-in during isolation; the same day again replaces it (a retry never counts twice). */
export async function checkin(ctx: AppContext, actor: Actor, id: number, body: Static<typeof CheckinBody>, ip: string) {
  const iso = await isolationInScope(ctx, actor, id);
  if (iso.status !== 'active') throw new AppError('isolation.not_active', 409, { field: 'id' });
  if (body.day > schoolToday(ctx)) throw new AppError('isolation.checkin_future', 400, { field: 'day' });
  if (body.day < iso.starts_on || body.day > (iso.monitoring_end ?? iso.planned_end)) throw new AppError('isolation.checkin_outside', 400, { field: 'day' });
  const values = { temperature: body.temperature ?? null, symptoms: body.symptoms ?? [], note: body.note ?? '', by_account: actor.accountId, at: ctx.now() };
  await inTransaction(ctx.db, async (trx) => {
    await trx.insertInto('isolation_checkins').values({ isolation_id: id, day: body.day, ...values }).onConflict((oc) => oc.columns(['isolation_id', 'day']).doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'isolation.checkin', objectType: 'isolation', objectId: id, detail: { day: body.day }, ip });
  });
  return { ok: true };
}

/** Ends an isolation when the policy's criteria are met, or with an override reason on record. */
export async function release(ctx: AppContext, actor: Actor, id: number, overrideReason: string | undefined, ip: string) {
  const iso = await isolationInScope(ctx, actor, id);
  if (iso.status !== 'active') throw new AppError('isolation.not_active', 409, { field: 'id' });
  const today = schoolToday(ctx);
  const policy = await policyById(ctx.db, iso.policy_id);
  const check = releaseCheck(policy.rules, await releaseFacts(ctx, iso), today);
  if (!check.met && !overrideReason) throw new AppError('isolation.criteria_not_met', 409, { field: 'overrideReason' }, { problems: check.problems });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    await trx.updateTable('isolations').set({ status: 'released', released_on: today, release_override: check.met ? null : overrideReason! }).where('id', '=', id).where('status', '=', 'active').execute();
    await writeAudit(trx, actor, { action: 'isolation.release', objectType: 'isolation', objectId: id, detail: { met: check.met, problems: check.problems, overrideReason: overrideReason ?? null, policyVersion: policy.version }, ip });
    const risk = await recomputeRisk(trx, { personIds: [iso.person_id] }, { now, today });
    afterCommit(async () => {
      await notifyResponse(ctx.db, [{ kind: 'isolation_released', schoolId: iso.school_id, personId: iso.person_id, audience: ['class_teacher', 'guardians'], payload: { isolationId: id } }]);
      await notifyRiskChanges(ctx, risk.changes);
    });
    return { ok: true, criteriaMet: check.met };
  });
}

export async function updateLogistics(ctx: AppContext, actor: Actor, id: number, logistics: string, ip: string) {
  await isolationInScope(ctx, actor, id);
  await inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('isolations').set({ logistics }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'isolation.logistics', objectType: 'isolation', objectId: id, ip });
  });
  return { ok: true };
}
