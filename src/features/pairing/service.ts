import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Static } from 'typebox';
import { regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction, type Trx } from '../../db/transaction';
import type { Actor, Scope } from '../../domain/access/scope';
import { proposePairings } from '../../domain/pairing';
import { isValidPhone } from '../../domain/people/id-number';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { asAppError, assertRegionInScope } from '../governance-dashboard/shared';
import { assertSchoolInScope } from '../scope-guard';
import type { CreateHospitalBody, PairBody, ProposalBody, SchoolDoctorBody } from './schema';

/**
 * Hospitals an actor may see and pair with: bureaus their region's hospitals; schools and liaisons the
 * hospitals their schools are paired with. GET /api/hospitals and every write naming a hospital use it.
 */
function hospitalInScope(scope: Scope, alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${regionInScope(scope, `${alias}.region_code`)} or exists (select 1 from school_hospital_pairings p where p.hospital_id = ${sql.ref(`${alias}.id`)} and ${schoolInScope(scope, 'p.school_id')}))`;
}

/** An active hospital the actor may use: 400 when unknown or inactive, 403 (audited) when outside the actor's scope. */
async function assertHospitalForActor(ctx: AppContext, actor: Actor, hospitalId: number): Promise<void> {
  const h = await ctx.db.selectFrom('hospitals as h').select(sql<boolean>`${hospitalInScope(actor.scope, 'h')}`.as('allowed')).where('h.id', '=', hospitalId).where('h.active', '=', true).executeTakeFirst();
  if (!h) throw new AppError('pairing.hospital_unknown', 400, { field: 'hospitalId' });
  if (!h.allowed) {
    await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'hospital', objectId: hospitalId, result: 'denied' });
    throw new AppError('error.out_of_scope', 403, { field: 'hospitalId' });
  }
}

/** Contact numbers must be reachable: a mainland mobile or a landline with area code. */
function assertPhone(phone: string, field: string): string {
  const p = phone.trim();
  if (!isValidPhone(p)) throw new AppError('pairing.phone_invalid', 400, { field });
  return p;
}

export async function listHospitals(ctx: AppContext, actor: Actor, q: { regionCode?: string; kind?: string }) {
  let query = ctx.db
    .selectFrom('hospitals as h')
    .select(['h.id', 'h.name', 'h.kind', 'h.level', 'h.region_code', 'h.address', 'h.lng', 'h.lat', 'h.capacity', 'h.active',
      sql<number>`(select count(*) from school_hospital_pairings p where p.hospital_id = h.id)`.as('load'),
      sql<{ id: number; name: string; title: string; phone: string }[]>`coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'title', c.title, 'phone', c.phone) order by c.id) from hospital_contacts c where c.hospital_id = h.id and c.active), '[]')`.as('contacts')])
    .where(hospitalInScope(actor.scope, 'h'));
  if (q.regionCode) query = query.where(sql<boolean>`h.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.kind) query = query.where('h.kind', '=', q.kind as 'hospital');
  const rows = await query.orderBy('h.region_code').orderBy('h.name').limit(2000).execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, level: r.level, regionCode: r.region_code, address: r.address, lng: r.lng, lat: r.lat, capacity: r.capacity, active: r.active, load: Number(r.load), contacts: typeof r.contacts === 'string' ? JSON.parse(r.contacts) : r.contacts })) };
}

export async function createHospital(ctx: AppContext, actor: Actor, b: Static<typeof CreateHospitalBody>, ip: string) {
  await assertRegionInScope(ctx, actor, b.regionCode);
  const contacts = (b.contacts ?? []).map((c, i) => ({ ...c, phone: assertPhone(c.phone, `contacts/${i}/phone`) }));
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx.insertInto('hospitals').values({ name: b.name, kind: b.kind, level: b.level ?? '', region_code: b.regionCode, address: b.address ?? '', lng: b.lng, lat: b.lat, capacity: b.capacity, updated_at: ctx.now() }).returning('id').executeTakeFirstOrThrow();
    for (const c of contacts) await trx.insertInto('hospital_contacts').values({ hospital_id: row.id, name: c.name, title: c.title ?? '', phone: c.phone }).execute();
    await writeAudit(trx, actor, { action: 'hospital.create', objectType: 'hospital', objectId: row.id, ip });
    return { id: row.id };
  });
}

/** One school's pairing with point-to-point contacts; beyond the hospital's capacity only with a recorded reason. */
export async function pairSchool(ctx: AppContext, actor: Actor, schoolId: number, b: Static<typeof PairBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const phone = assertPhone(b.schoolContactPhone, 'schoolContactPhone');
  // The hospital's liaison gains the school's health data through the pairing, so it must be one the actor oversees.
  await assertHospitalForActor(ctx, actor, b.hospitalId);
  return inTransaction(ctx.db, async (trx) => {
    const h = await trx.selectFrom('hospitals').select(['id', 'capacity']).where('id', '=', b.hospitalId).where('active', '=', true).forUpdate().executeTakeFirst();
    if (!h) throw new AppError('pairing.hospital_unknown', 400, { field: 'hospitalId' });
    if (b.hospitalContactId) {
      const c = await trx.selectFrom('hospital_contacts').select('id').where('id', '=', b.hospitalContactId).where('hospital_id', '=', h.id).executeTakeFirst();
      if (!c) throw new AppError('pairing.contact_unknown', 400, { field: 'hospitalContactId' });
    }
    const load = Number((await trx.selectFrom('school_hospital_pairings').select((eb) => eb.fn.countAll<number>().as('n')).where('hospital_id', '=', h.id).where('school_id', '<>', schoolId).executeTakeFirstOrThrow()).n);
    if (load + 1 > h.capacity && !b.overrideReason?.trim()) throw new AppError('pairing.over_capacity', 400, { field: 'overrideReason', load, capacity: h.capacity });
    const values = { hospital_id: h.id, school_contact_name: b.schoolContactName, school_contact_phone: phone, hospital_contact_id: b.hospitalContactId ?? null, override_reason: load + 1 > h.capacity ? b.overrideReason!.trim() : null, paired_by: actor.accountId, paired_at: ctx.now() };
    await trx.insertInto('school_hospital_pairings').values({ school_id: schoolId, ...values }).onConflict((oc) => oc.column('school_id').doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'pairing.set', objectType: 'school', objectId: schoolId, detail: { hospitalId: h.id, override: values.override_reason }, ip });
    return { ok: true };
  });
}

export async function coverage(ctx: AppContext, actor: Actor, regionCode: string) {
  await assertRegionInScope(ctx, actor, regionCode);
  const schools = await sql<{ id: number; name: string; region_code: string; paired: boolean; doctor: boolean }>`
    select s.id, s.name, s.region_code, p.school_id is not null as paired, d.school_id is not null as doctor
    from schools s join region_closure rc on rc.code = s.region_code
    left join school_hospital_pairings p on p.school_id = s.id left join school_doctors d on d.school_id = s.id
    where rc.ancestor_code = ${regionCode} order by s.region_code, s.name`.execute(ctx.db);
  const hospitals = await sql<{ id: number; name: string; kind: string; region_code: string; capacity: number; load: number; contacts: number }>`
    select h.id, h.name, h.kind, h.region_code, h.capacity, (select count(*) from school_hospital_pairings p where p.hospital_id = h.id) as load,
      (select count(*) from hospital_contacts c where c.hospital_id = h.id and c.active) as contacts
    from hospitals h join region_closure rc on rc.code = h.region_code where rc.ancestor_code = ${regionCode} and h.active order by h.region_code, h.name`.execute(ctx.db);
  const hs = hospitals.rows.map((h) => ({ id: h.id, name: h.name, kind: h.kind, regionCode: h.region_code, capacity: h.capacity, load: Number(h.load), contacts: Number(h.contacts) }));
  return {
    regionCode,
    schools: schools.rows.length,
    paired: schools.rows.filter((s) => s.paired).length,
    withDoctor: schools.rows.filter((s) => s.doctor).length,
    unpaired: schools.rows.filter((s) => !s.paired).slice(0, 500).map((s) => ({ id: s.id, name: s.name, regionCode: s.region_code })),
    overCapacity: hs.filter((h) => h.load > h.capacity).map((h) => ({ id: h.id, name: h.name, capacity: h.capacity, load: h.load })),
    hospitals: hs,
  };
}

/** The region's current pairings as a hash: a proposal applies only to the state it was computed from. */
async function basisHash(trx: Trx | AppContext['db'], regionCode: string): Promise<string> {
  const rows = await sql<{ school_id: number; hospital_id: number }>`
    select p.school_id, p.hospital_id from school_hospital_pairings p join schools s on s.id = p.school_id join region_closure rc on rc.code = s.region_code
    where rc.ancestor_code = ${regionCode} order by p.school_id`.execute(trx);
  return createHash('sha256').update(rows.rows.map((r) => `${r.school_id}:${r.hospital_id}`).join(',')).digest('hex');
}

/**
 * The solver's proposal for a region: exact minimum total distance under capacities, keeping current
 * pairings unless a change saves more than the margin per school. Capacity already used by schools of
 * other regions is taken off each hospital first.
 */
export async function makeProposal(ctx: AppContext, actor: Actor, b: Static<typeof ProposalBody>, ip: string) {
  await assertRegionInScope(ctx, actor, b.regionCode);
  const schools = await sql<{ id: number; lng: number | null; lat: number | null; hospital_id: number | null }>`
    select s.id, s.lng, s.lat, p.hospital_id from schools s join region_closure rc on rc.code = s.region_code left join school_hospital_pairings p on p.school_id = s.id
    where rc.ancestor_code = ${b.regionCode} order by s.id`.execute(ctx.db);
  const hospitals = await sql<{ id: number; lng: number; lat: number; capacity: number; outside: number }>`
    select h.id, h.lng, h.lat, h.capacity, (select count(*) from school_hospital_pairings p join schools s on s.id = p.school_id
      where p.hospital_id = h.id and s.region_code not in (select code from region_closure where ancestor_code = ${b.regionCode})) as outside
    from hospitals h join region_closure rc on rc.code = h.region_code where rc.ancestor_code = ${b.regionCode} and h.active and h.lng is not null and h.lat is not null order by h.id`.execute(ctx.db);
  const located = schools.rows.filter((s) => s.lng != null && s.lat != null);
  const hospitalIds = new Set(hospitals.rows.map((h) => h.id));
  let proposal: ReturnType<typeof proposePairings>;
  try {
    proposal = proposePairings({
      schools: located.map((s) => ({ id: String(s.id), lng: s.lng!, lat: s.lat! })),
      hospitals: hospitals.rows.map((h) => ({ id: String(h.id), lng: h.lng, lat: h.lat, capacity: Math.max(0, h.capacity - Number(h.outside)) })),
      current: located.filter((s) => s.hospital_id != null && hospitalIds.has(s.hospital_id)).map((s) => ({ schoolId: String(s.id), hospitalId: String(s.hospital_id) })),
      marginMeters: b.marginMeters ?? 1000,
    });
  } catch (e) {
    throw asAppError(e);
  }
  const pairs = proposal.pairs.map((p) => ({ schoolId: Number(p.schoolId), hospitalId: Number(p.hospitalId), distanceMeters: p.distanceMeters, change: p.change, previousHospitalId: p.previousHospitalId ? Number(p.previousHospitalId) : null }));
  const currentMeters = proposal.pairs.every((p) => p.previousDistanceMeters != null) ? proposal.pairs.reduce((s, p) => s + (p.previousDistanceMeters ?? 0), 0) : null;
  const result = { pairs, kept: proposal.kept, moved: proposal.moved, added: proposal.added, certified: proposal.optimality.certified, currentMeters, skippedSchools: schools.rows.filter((s) => s.lng == null || s.lat == null).map((s) => s.id) };
  const row = await inTransaction(ctx.db, async (trx) => {
    const r = await trx.insertInto('pairing_proposals').values({ region_code: b.regionCode, margin_meters: b.marginMeters ?? 1000, basis_hash: await basisHash(trx, b.regionCode), result: JSON.stringify(result), total_meters: proposal.totalDistanceMeters, created_by: actor.accountId, created_at: ctx.now(), applied_by: null, applied_at: null }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'pairing.propose', objectType: 'pairing_proposal', objectId: r.id, detail: { regionCode: b.regionCode, moved: proposal.moved, added: proposal.added }, ip });
    return r;
  });
  return { id: row.id, regionCode: b.regionCode, marginMeters: b.marginMeters ?? 1000, totalMeters: proposal.totalDistanceMeters, appliedAt: null, ...result };
}

/** Applies a proposal in one transaction, only if the pairings are still those it was computed from. */
export async function applyProposal(ctx: AppContext, actor: Actor, id: number, ip: string) {
  const p = await ctx.db.selectFrom('pairing_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('error.not_found', 404);
  await assertRegionInScope(ctx, actor, p.region_code);
  return inTransaction(ctx.db, async (trx) => {
    const locked = await trx.selectFrom('pairing_proposals').select('applied_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.applied_at) throw new AppError('pairing.proposal_applied', 409);
    await sql`select pg_advisory_xact_lock(hashtext(${`pairing:${p.region_code}`}))`.execute(trx);
    if ((await basisHash(trx, p.region_code)) !== p.basis_hash) throw new AppError('pairing.proposal_stale', 409);
    const result = (typeof p.result === 'string' ? JSON.parse(p.result) : p.result) as { pairs: { schoolId: number; hospitalId: number; change: string }[] };
    let changed = 0;
    for (const pair of result.pairs.filter((x) => x.change !== 'kept')) {
      const values = { hospital_id: pair.hospitalId, paired_at: ctx.now(), paired_by: actor.accountId, override_reason: null, hospital_contact_id: null };
      await trx.insertInto('school_hospital_pairings').values({ school_id: pair.schoolId, ...values }).onConflict((oc) => oc.column('school_id').doUpdateSet(values)).execute();
      changed++;
    }
    await trx.updateTable('pairing_proposals').set({ applied_by: actor.accountId, applied_at: ctx.now() }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'pairing.apply', objectType: 'pairing_proposal', objectId: id, detail: { changed }, ip });
    return { changed };
  });
}

export async function setSchoolDoctor(ctx: AppContext, actor: Actor, schoolId: number, b: Static<typeof SchoolDoctorBody>, ip: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const phone = assertPhone(b.phone, 'phone');
  if (b.hospitalId) await assertHospitalForActor(ctx, actor, b.hospitalId);
  return inTransaction(ctx.db, async (trx) => {
    const values = { name: b.name, phone, kind: b.kind, hospital_id: b.hospitalId ?? null, assigned_by: actor.accountId, assigned_at: ctx.now() };
    await trx.insertInto('school_doctors').values({ school_id: schoolId, ...values }).onConflict((oc) => oc.column('school_id').doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'school_doctor.set', objectType: 'school', objectId: schoolId, ip });
    return { ok: true };
  });
}
