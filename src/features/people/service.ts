import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import { birthDateFromId, genderFromId, idNumberProblem, isValidPhone, maskIdNumber, maskPhone, normaliseIdNumber } from '../../domain/people/id-number';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import { canReadAny, HOUSEHOLD_READABLE_WITH, readablePersonFileSections } from './person-file-sections';
import { personRowQuery, toPersonRow } from './queries';
import type { CreatePersonBody, UpdatePersonBody } from './schema';

/** Encrypted value, lookup hash and masked form of an ID number, after validating it. */
export function sealIdNumber(ctx: AppContext, raw: string, field = 'idNumber') {
  const id = normaliseIdNumber(raw);
  const problem = idNumberProblem(id);
  if (problem) throw new AppError(`person.id_number_${problem}`, 400, { field });
  return { id_number_enc: ctx.cipher.encrypt(id), id_number_hash: ctx.cipher.lookupHash(id), id_number_masked: maskIdNumber(id), birth: birthDateFromId(id), gender: genderFromId(id) };
}

export function sealPhone(ctx: AppContext, raw: string, field = 'phone') {
  const phone = raw.trim();
  if (!isValidPhone(phone)) throw new AppError('person.phone_invalid', 400, { field });
  return { enc: ctx.cipher.encrypt(phone), masked: maskPhone(phone) };
}

export async function createPerson(ctx: AppContext, actor: Actor, body: Static<typeof CreatePersonBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, body.schoolId);
  const id = body.idNumber ? sealIdNumber(ctx, body.idNumber) : null;
  const phone = body.phone ? sealPhone(ctx, body.phone) : null;
  const guardians = (body.guardians ?? []).map((g, i) => ({ ...g, sealed: sealPhone(ctx, g.phone, `guardians/${i}/phone`) }));
  // Refusals that leave an audit row are checked before the transaction (a refusal rolls it back).
  if (body.kind === 'co_resident' && body.householdOf) await assertHouseholdHost(ctx, actor, body.householdOf, body.schoolId, ip);
  if (body.kind === 'student' && id) await assertIdNumberFree(ctx, actor, id.id_number_hash, ip);
  return inTransaction(ctx.db, async (trx) => {
    if (body.kind === 'student') {
      if (!body.classId) throw new AppError('validation.required', 400, { field: 'classId' });
      if (!body.studentNumber) throw new AppError('validation.required', 400, { field: 'studentNumber' });
      const cls = await trx.selectFrom('classes').select('id').where('id', '=', body.classId).where('school_id', '=', body.schoolId).executeTakeFirst();
      if (!cls) throw new AppError('person.class_not_in_school', 400, { field: 'classId' });
      if (actor.scope.kind === 'class' && body.classId !== actor.scope.classId) throw new AppError('error.out_of_scope', 403, { field: 'classId' });
      const dup = await trx.selectFrom('persons').select('id').where('school_id', '=', body.schoolId).where('kind', '=', 'student').where('student_number', '=', body.studentNumber).executeTakeFirst();
      if (dup) throw new AppError('person.student_number_taken', 409, { field: 'studentNumber' });
    } else if (actor.scope.kind === 'class' && body.kind === 'staff') {
      throw new AppError('error.forbidden', 403);
    }
    if (body.kind === 'staff' && !body.staffRole) throw new AppError('validation.required', 400, { field: 'staffRole' });
    if (body.kind === 'co_resident') {
      if (!body.householdOf) throw new AppError('validation.required', 400, { field: 'householdOf' });
      if (!body.relation) throw new AppError('validation.required', 400, { field: 'relation' });
    }
    if (body.dormId) {
      const dorm = await trx.selectFrom('dorms').select('id').where('id', '=', body.dormId).where('school_id', '=', body.schoolId).executeTakeFirst();
      if (!dorm) throw new AppError('person.dorm_not_in_school', 400, { field: 'dormId' });
    }
    const row = await trx
      .insertInto('persons')
      .values({
        school_id: body.schoolId,
        kind: body.kind,
        name: body.name.trim(),
        gender: body.gender ?? id?.gender ?? null,
        birth_date: body.birthDate ?? id?.birth ?? null,
        id_number_enc: id?.id_number_enc ?? null,
        id_number_hash: id?.id_number_hash ?? null,
        id_number_masked: id?.id_number_masked ?? null,
        phone_enc: phone?.enc ?? null,
        phone_masked: phone?.masked ?? null,
        class_id: body.kind === 'student' ? body.classId! : null,
        dorm_id: body.dormId ?? null,
        student_number: body.kind === 'student' ? body.studentNumber! : null,
        staff_role: body.kind === 'staff' ? body.staffRole! : null,
        key_position: body.kind === 'staff' ? (body.keyPosition ?? null) : null,
        household_of: body.kind === 'co_resident' ? body.householdOf! : null,
        relation: body.relation ?? null,
        occupation: body.occupation ?? null,
        high_risk_occupation: body.highRiskOccupation ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const g of guardians) {
      await trx.insertInto('guardians').values({ student_id: row.id, school_id: body.schoolId, name: g.name, relation: g.relation, phone_enc: g.sealed.enc, phone_masked: g.sealed.masked }).execute();
    }
    await writeAudit(trx, actor, { action: 'person.create', objectType: 'person', objectId: row.id, detail: { kind: body.kind }, ip });
    return { id: row.id };
  });
}

export async function updatePerson(ctx: AppContext, actor: Actor, personId: number, body: Static<typeof UpdatePersonBody>, ip: string) {
  const { schoolId } = await assertPersonInScope(ctx, actor, personId);
  const phone = body.phone ? sealPhone(ctx, body.phone) : null;
  if (body.classId !== undefined && actor.scope.kind === 'class') {
    // Moving a student between classes is the school administration's: a class teacher would move the
    // student out of their own reach (and could not move them back). The unchanged class is accepted.
    const current = await ctx.db.selectFrom('persons').select('class_id').where('id', '=', personId).executeTakeFirstOrThrow();
    if (body.classId !== current.class_id) await denyField(ctx, actor, personId, 'classId', ip);
  }
  await inTransaction(ctx.db, async (trx) => {
    if (body.classId) {
      const cls = await trx.selectFrom('classes').select('id').where('id', '=', body.classId).where('school_id', '=', schoolId).executeTakeFirst();
      if (!cls) throw new AppError('person.class_not_in_school', 400, { field: 'classId' });
    }
    if (body.dormId) {
      const dorm = await trx.selectFrom('dorms').select('id').where('id', '=', body.dormId).where('school_id', '=', schoolId).executeTakeFirst();
      if (!dorm) throw new AppError('person.dorm_not_in_school', 400, { field: 'dormId' });
    }
    await trx
      .updateTable('persons')
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.gender !== undefined ? { gender: body.gender } : {}),
        ...(phone ? { phone_enc: phone.enc, phone_masked: phone.masked } : {}),
        ...(body.classId !== undefined ? { class_id: body.classId } : {}),
        ...(body.dormId !== undefined ? { dorm_id: body.dormId } : {}),
        ...(body.staffRole !== undefined ? { staff_role: body.staffRole } : {}),
        ...(body.keyPosition !== undefined ? { key_position: body.keyPosition } : {}),
        ...(body.occupation !== undefined ? { occupation: body.occupation } : {}),
        ...(body.highRiskOccupation !== undefined ? { high_risk_occupation: body.highRiskOccupation } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        updated_at: ctx.now(),
      })
      .where('id', '=', personId)
      .execute();
    await writeAudit(trx, actor, { action: 'person.update', objectType: 'person', objectId: personId, detail: { fields: Object.keys(body) }, ip });
  });
}

/** A refused write on a person in the caller's school but outside their reach: audited, then 403 naming the field. */
async function denyField(ctx: AppContext, actor: Actor, personId: number, field: string, ip: string): Promise<never> {
  await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'person', objectId: personId, result: 'denied', detail: { field }, ip });
  throw new AppError('error.out_of_scope', 403, { field });
}

/**
 * A household member becomes part of the host's record (contact tracing, risk): only for a host of the
 * same school that the caller may see, so a class teacher attaches them to the own class's students only.
 */
async function assertHouseholdHost(ctx: AppContext, actor: Actor, hostId: number, schoolId: number, ip: string): Promise<void> {
  const host = await ctx.db
    .selectFrom('persons')
    .select(['school_id', 'kind', sql<boolean>`${personInScope(actor.scope, 'persons')}`.as('allowed')])
    .where('id', '=', hostId)
    .executeTakeFirst();
  if (!host || host.school_id !== schoolId || host.kind === 'co_resident') throw new AppError('person.household_unknown', 400, { field: 'householdOf' });
  if (!host.allowed) await denyField(ctx, actor, hostId, 'householdOf', ip);
}

/**
 * Student ID numbers are unique across the province (one enrolment per child), so a clash cannot be
 * allowed; but saying "a student with this number exists" about a child outside the caller's scope
 * would let any school account test whether a number is enrolled anywhere. So: a clash with a person
 * the caller may see says so (they can find the record); any other clash gets a neutral answer that
 * names no record or place and sends the caller to the bureau (a transfer goes through it), and the
 * attempt is audited with the existing record, for the bureau to follow up and to spot probing.
 */
async function assertIdNumberFree(ctx: AppContext, actor: Actor, hash: string, ip: string): Promise<void> {
  const same = await ctx.db
    .selectFrom('persons')
    .select(['id', sql<boolean>`${personInScope(actor.scope, 'persons')}`.as('allowed')])
    .where('kind', '=', 'student')
    .where('id_number_hash', '=', hash)
    .executeTakeFirst();
  if (!same) return;
  if (same.allowed) throw new AppError('person.id_number_taken', 409, { field: 'idNumber' });
  await writeAudit(ctx.db, actor, { action: 'person.create', objectType: 'person', objectId: same.id, result: 'denied', detail: { reason: 'id_number_registered_elsewhere' }, ip });
  throw new AppError('person.id_number_unavailable', 409, { field: 'idNumber' });
}

/**
 * The person file (一人一档): the person, and the guardians, household and capability sections the
 * actor's permissions open (the others are left out, not sent empty). Audited with what was sent.
 */
export async function personFile(ctx: AppContext, actor: Actor, personId: number, ip: string) {
  const { kind } = await assertPersonInScope(ctx, actor, personId);
  const withHousehold = canReadAny(actor, HOUSEHOLD_READABLE_WITH);
  // A co-resident's file is all household data (relation, occupation, phone).
  if (kind === 'co_resident' && !withHousehold) {
    await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'person', objectId: personId, result: 'denied', ip });
    throw new AppError('error.forbidden', 403);
  }
  const person = toPersonRow(await personRowQuery(ctx.db).where('persons.id', '=', personId).executeTakeFirstOrThrow());
  const household = withHousehold ? await householdOf(ctx, personId) : null;
  const sections = [];
  for (const s of readablePersonFileSections(actor)) sections.push({ key: s.key, title: s.title, items: await s.load(ctx, actor, personId) });
  await writeAudit(ctx.db, actor, { action: 'person.read', objectType: 'person', objectId: personId, detail: { sections: sections.map((s) => s.key), household: withHousehold }, ip });
  return {
    person,
    ...(household ?? {}),
    sections,
    can: { edit: can(actor, 'person.write'), unmask: can(actor, 'person.unmask') },
  };
}

async function householdOf(ctx: AppContext, personId: number) {
  const guardians = await ctx.db.selectFrom('guardians').select(['id', 'name', 'relation', 'phone_masked']).where('student_id', '=', personId).orderBy('id').execute();
  const household = await personRowQuery(ctx.db).where('persons.household_of', '=', personId).where('persons.active', '=', true).orderBy('persons.id').execute();
  return { guardians: guardians.map((g) => ({ id: g.id, name: g.name, relation: g.relation, phoneMasked: g.phone_masked })), household: household.map(toPersonRow) };
}

/** Shows one full identifier; needs the unmask permission and leaves an audit record. */
export async function unmask(ctx: AppContext, actor: Actor, personId: number, field: 'idNumber' | 'phone' | 'guardianPhone', ip: string, guardianId?: number) {
  await assertPersonInScope(ctx, actor, personId);
  let sealed: string | null;
  if (field === 'guardianPhone') {
    if (!guardianId) throw new AppError('validation.required', 400, { field: 'guardianId' });
    const g = await ctx.db.selectFrom('guardians').select('phone_enc').where('id', '=', guardianId).where('student_id', '=', personId).executeTakeFirst();
    if (!g) throw new AppError('error.not_found', 404, { field: 'guardianId' });
    sealed = g.phone_enc;
  } else {
    const row = await ctx.db.selectFrom('persons').select(['id_number_enc', 'phone_enc']).where('id', '=', personId).executeTakeFirstOrThrow();
    sealed = field === 'idNumber' ? row.id_number_enc : row.phone_enc;
  }
  await writeAudit(ctx.db, actor, { action: 'person.unmask', objectType: 'person', objectId: personId, detail: { field, guardianId }, ip });
  return { value: sealed ? ctx.cipher.decrypt(sealed) : null };
}
