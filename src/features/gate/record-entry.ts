import type { Static } from 'typebox';
import { inTransaction, type Trx } from '../../db/transaction';
import { type Actor, describeScope } from '../../domain/access/scope';
import { CLEAR_STATE, decideEntry, type GateDecision, temperatureProblem } from '../../domain/gate/decide';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { sealIdNumber, sealPhone } from '../people/service';
import { verifyVenue } from '../venue-codes/service';
import { entryBatcher } from './entry-batch';
import { type GatePersonRef, identifyVisitor, memberQuery, subjectWay } from './identify';
import { memberReader } from './member-batch';
import type { LookupBody, RecordEntryBody } from './schema';

/** The venue must be a school gate or site inside the caller's scope. */
export async function gateOf(ctx: AppContext, actor: Actor, venueToken: string) {
  const venue = await verifyVenue(ctx, actor, venueToken);
  if (venue.schoolId === null) throw new AppError('gate.venue_not_school', 400, { field: 'venueToken' });
  return { ...venue, schoolId: venue.schoolId, schoolName: venue.schoolName ?? '' };
}


/** Finds the member with their state, in one statement shared with the other entries in flight. */
const memberWithState = (ctx: AppContext, schoolId: number, subject: Static<typeof LookupBody>['subject']) => memberReader(ctx.db).read(memberQuery(ctx, schoolId, subject));

const subjectKey = (ref: GatePersonRef) => (ref.personId !== null ? `p:${ref.personId}` : `v:${ref.visitorId}`);
const publicRef = (r: GatePersonRef) => ({ personId: r.personId, visitorId: r.visitorId, kind: r.kind, name: r.name, className: r.className, idNumberMasked: r.idNumberMasked });

/** What the guard sees before taking the temperature: who this is and what their record says. Audited. */
export async function lookupAtGate(ctx: AppContext, actor: Actor, body: Static<typeof LookupBody>, ip: string) {
  const gate = await gateOf(ctx, actor, body.venueToken);
  const way = subjectWay(body.subject);
  if (way === 'visitor') throw new AppError('gate.subject_required', 400, { field: 'subject/visitor' });
  const { ref, state } = way === 'visitorId' ? { ref: await identifyVisitor(ctx.db, gate.schoolId, body.subject.visitorId!), state: { ...CLEAR_STATE } } : await memberWithState(ctx, gate.schoolId, body.subject);
  const presence = await ctx.db.selectFrom('gate_presence').select('inside').where('school_id', '=', gate.schoolId).where('subject', '=', subjectKey(ref)).executeTakeFirst();
  await writeAudit(ctx.db, actor, { action: 'gate.lookup', objectType: ref.personId ? 'person' : 'visitor', objectId: ref.personId ?? ref.visitorId, detail: { by: ref.identifiedBy, gate: gate.codeId }, ip });
  const stateReasons = decideEntry({ realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true, temperature: 36.5 }, state).reasons;
  return { person: publicRef(ref), state, stateReasons, insideNow: presence?.inside ?? false, gate: { codeId: gate.codeId, name: gate.name, schoolId: gate.schoolId, schoolName: gate.schoolName } };
}

async function registerVisitor(ctx: AppContext, trx: Trx, actor: Actor, schoolId: number, v: NonNullable<Static<typeof RecordEntryBody>['subject']['visitor']>, sealed: { id: ReturnType<typeof sealIdNumber>; phone: ReturnType<typeof sealPhone> }): Promise<GatePersonRef> {
  const row = await trx
    .insertInto('visitors')
    .values({
      school_id: schoolId, name: v.name.trim(), id_number_enc: sealed.id.id_number_enc, id_number_hash: sealed.id.id_number_hash, id_number_masked: sealed.id.id_number_masked,
      phone_enc: sealed.phone.enc, phone_masked: sealed.phone.masked, organisation: v.organisation?.trim() ?? '', host: v.host.trim(), purpose: v.purpose.trim(),
      registered_by: actor.accountId, registered_at: ctx.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personId: null, visitorId: row.id, kind: 'visitor', name: v.name.trim(), className: null, idNumberMasked: sealed.id.id_number_masked, identifiedBy: 'visitor' };
}

/**
 * Records one entry or exit with the five checks and the decision, in one transaction with its
 * audit row, the presence update and (for fever) the school doctor's notice. A retry with the same
 * idempotency key returns the first answer and writes nothing.
 */
export async function recordEntry(ctx: AppContext, actor: Actor, body: Static<typeof RecordEntryBody>, ip: string) {
  const gate = await gateOf(ctx, actor, body.venueToken);
  const way = subjectWay(body.subject);
  const entering = body.direction === 'in';
  if (entering) {
    if (!body.checks) throw new AppError('gate.checks_required', 400, { field: 'checks' });
    if (body.temperature === undefined) throw new AppError('gate.temperature_required', 400, { field: 'temperature' });
    if (temperatureProblem(body.temperature)) throw new AppError('gate.temperature_out_of_range', 400, { field: 'temperature', value: body.temperature });
  }
  // No separate look-up of the idempotency key: the insert below is the check (a unique key), and a
  // retry rolls back whatever it wrote and answers with the first record.
  // Validate a visitor's identifiers before the transaction: a bad ID number writes nothing.
  const sealedVisitor = way === 'visitor' ? { id: sealIdNumber(ctx, body.subject.visitor!.idNumber, 'subject/visitor/idNumber'), phone: sealPhone(ctx, body.subject.visitor!.phone, 'subject/visitor/phone') } : null;
  const found = way === 'visitor' ? null : way === 'visitorId' ? { ref: await identifyVisitor(ctx.db, gate.schoolId, body.subject.visitorId!), state: { ...CLEAR_STATE } } : await memberWithState(ctx, gate.schoolId, body.subject);
  const member = found?.ref ?? null;
  const state = found?.state ?? { ...CLEAR_STATE };
  const temperature = entering ? Math.round(body.temperature! * 10) / 10 : null;
  const decision: GateDecision = entering ? decideEntry({ ...body.checks!, temperature: temperature! }, state) : { decision: 'allow', reasons: [], notifyDoctor: false };
  const now = ctx.now();
  const entry = (ref: GatePersonRef) => ({
    school_id: gate.schoolId, venue_code_id: gate.codeId, gate_name: gate.name, direction: body.direction, person_id: ref.personId, visitor_id: ref.visitorId,
    identified_by: ref.identifiedBy, at: now, real_name_verified: body.checks?.realNameVerified ?? null, mask_worn: body.checks?.maskWorn ?? null,
    venue_code_scanned: body.checks?.venueCodeScanned ?? null, travel_record_shown: body.checks?.travelRecordShown ?? null, temperature,
    risk_status: ref.personId !== null ? state.riskStatus : null, decision: decision.decision, reasons: decision.reasons, guard_id: actor.accountId,
    idempotency_key: body.idempotencyKey,
  });
  const auditOf = (ref: GatePersonRef) => ({
    action: entering ? 'gate.entry' : 'gate.exit', objectType: ref.personId !== null ? 'person' : 'visitor', objectId: String(ref.personId ?? ref.visitorId),
    detail: { decision: decision.decision, reasons: decision.reasons }, ip,
  });
  const answer = (entryId: number, ref: GatePersonRef) => ({ entryId, ...decision, direction: body.direction, at: now.toISOString(), person: publicRef(ref), duplicate: false });
  if (member) {
    // Known people go through the group commit (the rush-hour path); see entry-batch.ts.
    const a = auditOf(member);
    const id = await entryBatcher(ctx.db).submit({
      entry: entry(member), subject: subjectKey(member), notifyDoctor: decision.notifyDoctor,
      audit: { ...a, actorId: actor.accountId, actorName: actor.username, actorRole: actor.role, scope: describeScope(actor.scope) },
    });
    return id === null ? (await findByKey(ctx.db, gate.schoolId, body.idempotencyKey))! : answer(id, member);
  }
  // A new visitor: the registration and the entry commit together.
  const result = await inTransaction(ctx.db, async (trx) => {
    const ref = await registerVisitor(ctx, trx, actor, gate.schoolId, body.subject.visitor!, sealedVisitor!);
    const inserted = await trx.insertInto('gate_entries').values(entry(ref)).onConflict((oc) => oc.columns(['school_id', 'idempotency_key']).doNothing()).returning('id').executeTakeFirst();
    // A concurrent retry won the race: roll back the visitor row this attempt wrote.
    if (!inserted) throw new RetryLost();
    if (decision.decision === 'allow') {
      await trx
        .insertInto('gate_presence')
        .values({ school_id: gate.schoolId, subject: subjectKey(ref), inside: entering, since: now })
        .onConflict((oc) => oc.columns(['school_id', 'subject']).doUpdateSet({ inside: entering, since: now }))
        .execute();
    }
    if (decision.notifyDoctor) {
      await trx.insertInto('gate_doctor_notices').values({ school_id: gate.schoolId, entry_id: inserted.id, reason: 'fever', created_at: now }).execute();
    }
    const a = auditOf(ref);
    await writeAudit(trx, actor, { ...a, detail: { entry: inserted.id, ...a.detail } });
    return { entryId: inserted.id, ref };
  }).catch(async (err) => {
    if (err instanceof RetryLost) return null;
    throw err;
  });
  if (!result) return (await findByKey(ctx.db, gate.schoolId, body.idempotencyKey))!;
  return answer(result.entryId, result.ref);
}

class RetryLost extends Error {}

async function findByKey(db: AppContext['db'], schoolId: number, key: string) {
  const e = await db
    .selectFrom('gate_entries')
    .leftJoin('persons', 'persons.id', 'gate_entries.person_id')
    .leftJoin('visitors', 'visitors.id', 'gate_entries.visitor_id')
    .leftJoin('classes', 'classes.id', 'persons.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .select(['grades.name as grade_name', 'classes.name as class_name'])
    .select(['gate_entries.id', 'gate_entries.decision', 'gate_entries.reasons', 'gate_entries.direction', 'gate_entries.at', 'gate_entries.person_id', 'gate_entries.visitor_id',
      'persons.kind', 'persons.name as person_name', 'persons.id_number_masked as person_masked', 'visitors.name as visitor_name', 'visitors.id_number_masked as visitor_masked'])
    .where('gate_entries.school_id', '=', schoolId)
    .where('gate_entries.idempotency_key', '=', key)
    .executeTakeFirst();
  if (!e) return null;
  return {
    entryId: e.id, decision: e.decision, reasons: e.reasons, notifyDoctor: e.reasons.includes('fever'), direction: e.direction, at: new Date(e.at).toISOString(),
    person: { personId: e.person_id, visitorId: e.visitor_id, kind: e.kind ?? 'visitor', name: e.person_name ?? e.visitor_name ?? '',
      // The same class as the first answer gave (member-batch.ts): a retry answers what the first did.
      className: e.grade_name && e.class_name ? `${e.grade_name}${e.class_name}` : null, idNumberMasked: e.person_masked ?? e.visitor_masked },
    duplicate: true,
  };
}
