import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { chainGraph, mergeLinks } from '../../domain/contacts/propose';
import { exposureWindow } from '../../domain/policies/decide';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';
import { caseInScope, notifyRiskChanges } from '../cases/service';
import { policyById } from '../policies/queries';
import { recomputeRisk } from '../risk/recompute';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import { contactRowQuery, structureLinks, toContactRow } from './queries';
import { contactsWithScope, denyContacts, withheldContacts } from './scope';
import type { AddContactBody, ClassTeachersBody, ExposureGroupBody } from './schema';

const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Proposes the contacts of a case from the structure (or, with `aroundContactId`, the contacts of
 * one of its confirmed contacts). Persons already listed for the case are kept as they are, so
 * proposing twice adds nothing. Returns the full list after the proposal.
 */
export async function proposeContacts(ctx: AppContext, actor: Actor, caseId: number, aroundContactId: number | null, ip: string) {
  const c = await caseInScope(ctx, actor, caseId);
  const policy = await policyById(ctx.db, c.policy_id);
  let centre = c.person_id;
  if (aroundContactId) {
    const [k] = await contactsWithScope(ctx, actor, caseId, [aroundContactId]);
    if (!k) throw new AppError('contact.unknown', 404, { field: 'id' });
    // Tracing around a contact the caller may not see would list that contact's classmates.
    if (!k.allowed) await denyContacts(ctx, actor, caseId, [aroundContactId], ip);
    if (k.status !== 'confirmed') throw new AppError('contact.not_confirmed', 409, { field: 'id' });
    centre = k.person_id;
  }
  const window = exposureWindow(policy.rules, c.onset_date, dateOf(c.created_at));
  const proposed = await inTransaction(ctx.db, async (trx) => {
    const existing = new Set((await trx.selectFrom('contacts').select('person_id').where('case_id', '=', caseId).execute()).map((r) => r.person_id));
    existing.add(c.person_id);
    const links = mergeLinks(await structureLinks(trx, centre), { casePersonId: centre, via: policy.rules.contacts.via, existing });
    // Only persons the caller may see are proposed; the others are left to whoever's scope holds them.
    const schools = links.length
      ? await trx.selectFrom('persons').select(['id', 'school_id']).where('id', 'in', links.map((p) => p.personId)).where(personInScope(actor.scope, 'persons')).execute()
      : [];
    const schoolOf = new Map(schools.map((s) => [s.id, s.school_id]));
    const proposals = links.filter((p) => schoolOf.has(p.personId));
    if (proposals.length) {
      await sql`insert into contacts (case_id, person_id, school_id, via, exposure_from, exposure_to, status, source_contact_id, created_at)
        select ${caseId}, u.person_id, u.school_id, string_to_array(u.via, ','), ${window.from}::date, ${window.to}::date, 'proposed', ${aroundContactId}, ${ctx.now()}
        from unnest(${sql.val(proposals.map((p) => p.personId))}::bigint[], ${sql.val(proposals.map((p) => schoolOf.get(p.personId)!))}::bigint[], ${sql.val(proposals.map((p) => p.via.join(',')))}::text[]) as u(person_id, school_id, via)
        on conflict (case_id, person_id) do nothing`.execute(trx);
    }
    await writeAudit(trx, actor, { action: 'contact.propose', objectType: 'case', objectId: caseId, detail: { count: proposals.length, outOfScope: links.length - proposals.length, around: aroundContactId, policyId: policy.id, policyVersion: policy.version }, ip });
    return proposals.length;
  });
  return { ...(await visibleContacts(ctx, actor, caseId)), proposed, policyVersion: policy.version };
}

/**
 * The contacts of a case whose persons are in the caller's scope. The others are left out and only
 * counted (`withheld`, no names): the school sees that the case reaches further, and that someone
 * else (the other school, the county) handles those children.
 */
async function visibleContacts(ctx: AppContext, actor: Actor, caseId: number) {
  const items = (await contactRowQuery(ctx.db).where('k.case_id', '=', caseId).where(personInScope(actor.scope, 'persons')).orderBy('k.id').execute()).map(toContactRow);
  return { items, withheld: await withheldContacts(ctx, caseId, items.length) };
}

export async function listContacts(ctx: AppContext, actor: Actor, caseId: number, ip: string) {
  await caseInScope(ctx, actor, caseId);
  const list = await visibleContacts(ctx, actor, caseId);
  await writeAudit(ctx.db, actor, { action: 'contact.list', objectType: 'case', objectId: caseId, detail: { count: list.items.length, withheld: list.withheld }, ip });
  return list;
}

/**
 * The officer confirms or dismisses proposals (one or many); confirmed contacts' risk status follows at once.
 * Named contacts outside the caller's scope refuse the whole request (403, audited) rather than being
 * skipped: the page only offers contacts the caller sees, so such an id is a crafted or stale request,
 * and a decision is all-or-nothing already (an unknown id refuses it too), so nothing is half done.
 */
export async function decideContacts(ctx: AppContext, actor: Actor, caseId: number, contactIds: number[], decision: 'confirmed' | 'dismissed', note: string | undefined, ip: string) {
  await caseInScope(ctx, actor, caseId);
  const ids = [...new Set(contactIds)];
  const rows = await contactsWithScope(ctx, actor, caseId, ids);
  if (rows.length !== ids.length) throw new AppError('contact.unknown', 400, { field: 'contactIds' });
  const denied = rows.filter((r) => !r.allowed).map((r) => r.id);
  if (denied.length) await denyContacts(ctx, actor, caseId, denied, ip);
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    await trx
      .updateTable('contacts')
      .set({ status: decision, decided_by: actor.accountId, decided_at: now, ...(note !== undefined ? { note } : {}) })
      .where('case_id', '=', caseId)
      .where('id', 'in', ids)
      .execute();
    await writeAudit(trx, actor, { action: `contact.${decision}`, objectType: 'case', objectId: caseId, detail: { contactIds: ids }, ip });
    const risk = await recomputeRisk(trx, { personIds: rows.map((r) => r.person_id) }, { now, today: schoolToday(ctx) });
    afterCommit(() => notifyRiskChanges(ctx, risk.changes));
    return { ok: true, updated: rows.length };
  });
}

export async function decideContact(ctx: AppContext, actor: Actor, contactId: number, decision: 'confirmed' | 'dismissed', note: string | undefined, ip: string) {
  const k = await ctx.db.selectFrom('contacts').select('case_id').where('id', '=', contactId).executeTakeFirst();
  if (!k) throw new AppError('error.not_found', 404);
  return decideContacts(ctx, actor, k.case_id, [contactId], decision, note, ip);
}

/** Adds a contact the structure does not show (a friend from another class, a tutor …); it is confirmed at once. */
export async function addContact(ctx: AppContext, actor: Actor, caseId: number, body: Static<typeof AddContactBody>, ip: string) {
  const c = await caseInScope(ctx, actor, caseId);
  if (c.person_id === body.personId) throw new AppError('contact.is_the_case', 400, { field: 'personId' });
  const { schoolId } = await assertPersonInScope(ctx, actor, body.personId);
  const today = schoolToday(ctx);
  if (body.exposureTo > today) throw new AppError('contact.exposure_future', 400, { field: 'exposureTo' });
  if (body.exposureFrom > body.exposureTo) throw new AppError('contact.exposure_order', 400, { field: 'exposureFrom' });
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const dup = await trx.selectFrom('contacts').select('id').where('case_id', '=', caseId).where('person_id', '=', body.personId).executeTakeFirst();
    if (dup) throw new AppError('contact.duplicate', 409, { field: 'personId' });
    const row = await trx
      .insertInto('contacts')
      .values({ case_id: caseId, person_id: body.personId, school_id: schoolId, via: ['manual'], exposure_from: body.exposureFrom, exposure_to: body.exposureTo, status: 'confirmed', source_contact_id: null, decided_by: actor.accountId, decided_at: now, note: body.note, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'contact.add', objectType: 'contact', objectId: row.id, detail: { caseId, personId: body.personId }, ip });
    const risk = await recomputeRisk(trx, { personIds: [body.personId] }, { now, today });
    afterCommit(() => notifyRiskChanges(ctx, risk.changes));
    return { id: row.id };
  });
}

/** The transmission chain of the outbreak a case belongs to (nodes: cases and confirmed contacts). */
export async function outbreakGraph(ctx: AppContext, actor: Actor, caseId: number, ip: string) {
  const c = await caseInScope(ctx, actor, caseId);
  const outbreakId = c.outbreak_id ?? c.id;
  const cases = await ctx.db.selectFrom('cases').innerJoin('persons', 'persons.id', 'cases.person_id').select(['cases.id', 'cases.person_id', 'cases.status', 'cases.source_case_id', 'persons.name']).where('outbreak_id', '=', outbreakId).execute();
  const contacts = await ctx.db.selectFrom('contacts').select(['case_id', 'person_id', 'via', 'status']).where('case_id', 'in', cases.map((x) => x.id)).execute();
  const graph = chainGraph(
    cases.map((x) => ({ caseId: x.id, personId: x.person_id, status: x.status, sourceCaseId: x.source_case_id })),
    contacts.map((k) => ({ caseId: k.case_id, personId: k.person_id, via: k.via, status: k.status })),
  );
  // The chain is drawn whole, then cut to the persons in scope: nodes of other schools or classes
  // (cases and contacts alike) and the edges touching them are left out, only counted in `withheld`.
  const names = new Map(
    (await ctx.db.selectFrom('persons').select(['id', 'name']).where('id', 'in', [0, ...graph.nodes.map((n) => n.personId)]).where(personInScope(actor.scope, 'persons')).execute()).map((p) => [p.id, p.name]),
  );
  const nodes = graph.nodes.filter((n) => names.has(n.personId)).map((n) => ({ ...n, name: names.get(n.personId)! }));
  const edges = graph.edges.filter((e) => names.has(e.from) && names.has(e.to));
  const withheld = graph.nodes.length - nodes.length;
  await writeAudit(ctx.db, actor, { action: 'outbreak.read', objectType: 'case', objectId: outbreakId, detail: { nodes: nodes.length, withheld }, ip });
  return { outbreakId, nodes, edges, withheld };
}

/** Replaces one dining slot/table group, bus route or arrival slot and its members. */
export async function saveExposureGroup(ctx: AppContext, actor: Actor, schoolId: number, body: Static<typeof ExposureGroupBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  return inTransaction(ctx.db, async (trx) => {
    const ids = [...new Set(body.personIds)];
    if (ids.length) {
      const found = await trx.selectFrom('persons').select('id').where('school_id', '=', schoolId).where('id', 'in', ids).execute();
      if (found.length !== ids.length) throw new AppError('contact.member_not_in_school', 400, { field: 'personIds' });
    }
    const group = await trx
      .insertInto('exposure_groups')
      .values({ school_id: schoolId, kind: body.kind, name: body.name })
      .onConflict((oc) => oc.columns(['school_id', 'kind', 'name']).doUpdateSet({ name: body.name }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('exposure_group_members').where('group_id', '=', group.id).execute();
    if (ids.length) await trx.insertInto('exposure_group_members').values(ids.map((person_id) => ({ group_id: group.id, person_id }))).execute();
    await writeAudit(trx, actor, { action: 'exposure_group.save', objectType: 'exposure_group', objectId: group.id, detail: { kind: body.kind, members: ids.length }, ip });
    return { id: group.id, members: ids.length };
  });
}

export async function listExposureGroups(ctx: AppContext, actor: Actor, schoolId: number) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const rows = await ctx.db
    .selectFrom('exposure_groups as g')
    .leftJoin('exposure_group_members as m', 'm.group_id', 'g.id')
    .select(['g.id', 'g.kind', 'g.name', (eb) => eb.fn.count<number>('m.person_id').as('members')])
    .where('g.school_id', '=', schoolId)
    .groupBy(['g.id', 'g.kind', 'g.name'])
    .orderBy('g.kind')
    .orderBy('g.name')
    .execute();
  return { items: rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, members: Number(r.members) })) };
}

export async function saveClassTeachers(ctx: AppContext, actor: Actor, classId: number, body: Static<typeof ClassTeachersBody>, ip: string) {
  const cls = await ctx.db.selectFrom('classes').select('school_id').where('id', '=', classId).executeTakeFirst();
  if (!cls) throw new AppError('error.not_found', 404);
  await assertSchoolInScope(ctx, actor, cls.school_id);
  return inTransaction(ctx.db, async (trx) => {
    const ids = [...new Set(body.personIds)];
    if (ids.length) {
      const found = await trx.selectFrom('persons').select('id').where('school_id', '=', cls.school_id).where('kind', '=', 'staff').where('id', 'in', ids).execute();
      if (found.length !== ids.length) throw new AppError('contact.teacher_not_staff', 400, { field: 'personIds' });
    }
    await trx.deleteFrom('class_teachers').where('class_id', '=', classId).execute();
    if (ids.length) await trx.insertInto('class_teachers').values(ids.map((person_id) => ({ class_id: classId, person_id }))).execute();
    await writeAudit(trx, actor, { action: 'class_teachers.save', objectType: 'class', objectId: classId, detail: { teachers: ids.length }, ip });
    return { ok: true };
  });
}
