import { sql } from 'kysely';
import { classInScope, personInScope, regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { type AccountScopeFields, type Actor, REGION_LEVEL_OF_ROLE, ROLE_SCOPE, type Scope, scopeOf } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';

export type UnitType = 'region' | 'school' | 'grade' | 'class' | 'student';

interface ResolvedUnit {
  schoolId: number | null;
  regionCode: string | null;
  /** Whether the whole unit lies inside the scope asked about. */
  covered: boolean;
}

/** Scopes checked in one query: each adds a column, and PostgreSQL allows at most 1664 of them. */
const SCOPES_PER_QUERY = 200;

/**
 * Finds the unit and tells, for each of `scopes`, whether it covers all of the unit. A class-bound scope
 * covers only its class and that class's pupils, never a whole grade or school (other classes are outside it).
 */
async function resolveUnitFor(ctx: AppContext, scopes: Scope[], unitType: UnitType, key: string): Promise<{ schoolId: number | null; regionCode: string | null; covered: boolean[] }> {
  if (unitType !== 'region' && !/^\d+$/.test(key)) throw new AppError('grid.unit_unknown', 400, { field: 'unitKey' });
  const table = unitType === 'region' ? 'regions' : unitType === 'school' ? 'schools' : unitType === 'grade' ? 'grades' : unitType === 'class' ? 'classes' : 'persons';
  const schoolCol = table === 'schools' ? 'id' : 'school_id';
  const coveredBy = (scope: Scope) =>
    unitType === 'region'
      ? regionInScope(scope, 't.code')
      : unitType === 'class'
        ? classInScope(scope, 't.id', 't.school_id')
        : unitType === 'student'
          ? personInScope(scope, 't')
          : scope.kind === 'class'
            ? sql<boolean>`false`
            : schoolInScope(scope, `t.${schoolCol}`);
  const place = unitType === 'region' ? sql`null::bigint as school_id, t.code as region_code` : sql`t.${sql.ref(schoolCol)} as school_id, null::text as region_code`;
  const where = unitType === 'region' ? sql`t.code = ${key}` : sql`t.id = ${Number(key)}`;
  let unit: { schoolId: number | null; regionCode: string | null } | undefined;
  const covered: boolean[] = [];
  for (let from = 0; from === 0 || from < scopes.length; from += SCOPES_PER_QUERY) {
    const columns = scopes.slice(from, from + SCOPES_PER_QUERY).map((scope, i) => sql`${coveredBy(scope)} as ${sql.ref(`c${i}`)}`);
    const rows = await sql<Record<string, unknown>>`
      select ${sql.join([place, ...columns])} from ${sql.table(table)} t where ${where}`.execute(ctx.db);
    const r = rows.rows[0];
    if (!r) throw new AppError('grid.unit_unknown', 400, { field: 'unitKey' });
    unit = { schoolId: r.school_id == null ? null : Number(r.school_id), regionCode: (r.region_code as string | null) ?? null };
    for (let i = 0; i < columns.length; i++) covered.push(r[`c${i}`] === true);
  }
  return { ...unit!, covered };
}

async function resolveUnit(ctx: AppContext, scope: Scope, unitType: UnitType, key: string): Promise<ResolvedUnit> {
  const unit = await resolveUnitFor(ctx, [scope], unitType, key);
  return { schoolId: unit.schoolId, regionCode: unit.regionCode, covered: unit.covered[0] };
}

/** The unit as the actor may manage it: 400 when unknown, 403 when outside the actor's scope. */
export async function unitForActor(ctx: AppContext, actor: Actor, unitType: UnitType, key: string): Promise<ResolvedUnit> {
  const unit = await resolveUnit(ctx, actor.scope, unitType, key);
  if (!unit.covered) throw new AppError('error.out_of_scope', 403, { field: 'unitKey' });
  return unit;
}

type CandidateAccount = AccountScopeFields & { id: number };

/**
 * Who may answer for a unit: an active account that can act for all of it, so that the orders routed
 * to it (rectification, reminders) are ones it can open. That is school staff (roles bound to a school
 * or class in ROLE_SCOPE) and education-bureau officers (REGION_LEVEL_OF_ROLE), whose own scope covers
 * the whole unit: staff of that school (a class teacher only for their class and its pupils), officers
 * whose region contains it. Parents, hospital liaisons, auditors and sysadmins never do.
 *
 * Returns the ids of those of `accounts` (taken as active) that may; one query per 200 distinct scopes.
 * The assignment and the candidate list both decide with this function.
 */
export async function accountsThatCanAnswerFor(ctx: AppContext, accounts: CandidateAccount[], unitType: UnitType, key: string): Promise<Set<number>> {
  const roleMay = (a: CandidateAccount) => {
    const bound = ROLE_SCOPE[a.role];
    return bound === 'school' || bound === 'class' || REGION_LEVEL_OF_ROLE[a.role] !== undefined;
  };
  const byScope = new Map<string, { scope: Scope; ids: number[] }>();
  for (const a of accounts.filter(roleMay)) {
    const scope = scopeOf(a);
    const k = JSON.stringify(scope);
    const entry = byScope.get(k) ?? byScope.set(k, { scope, ids: [] }).get(k)!;
    entry.ids.push(a.id);
  }
  const groups = [...byScope.values()];
  const { covered } = await resolveUnitFor(ctx, groups.map((g) => g.scope), unitType, key);
  return new Set(groups.flatMap((g, i) => (covered[i] ? g.ids : [])));
}

async function assertCanAnswerFor(ctx: AppContext, accountId: number, unitType: UnitType, key: string): Promise<void> {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'role', 'region_code', 'school_id', 'class_id', 'disabled_at']).where('id', '=', accountId).executeTakeFirst();
  if (!account || account.disabled_at) throw new AppError('grid.account_unknown', 400, { field: 'accountId' });
  if (!(await accountsThatCanAnswerFor(ctx, [account], unitType, key)).has(account.id)) throw new AppError('grid.account_not_eligible', 400, { field: 'accountId' });
}

const CANDIDATE_ROLES = ['province_officer', 'city_officer', 'county_officer', 'school_admin', 'school_doctor', 'class_teacher', 'gate_guard'] as const;
const CANDIDATE_LIMIT = 500;
/** Accounts read before the unit's check narrows them: officers of the caller's regions and one school's staff. */
const UNIT_CANDIDATES_READ = 5000;
const OFFICER_ROLES = CANDIDATE_ROLES.filter((r) => REGION_LEVEL_OF_ROLE[r] !== undefined);

export interface GridCandidate {
  id: number;
  username: string;
  displayName: string;
  role: string;
}

/**
 * Who can be made responsible: active staff and officer accounts bound inside the caller's scope,
 * matching `q` (username or display name). With a unit, only those the assignment would accept for it
 * (`accountsThatCanAnswerFor`); the unit must be one the caller may manage (400 unknown, 403 outside).
 */
export async function gridCandidates(ctx: AppContext, actor: Actor, opts: { q?: string; unit?: { unitType: UnitType; unitKey: string } }): Promise<GridCandidate[]> {
  const scope = actor.scope;
  const place = opts.unit ? await unitForActor(ctx, actor, opts.unit.unitType, opts.unit.unitKey) : null;
  let q = ctx.db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.username', 'a.display_name', 'a.role', 'a.region_code', 'a.school_id', 'a.class_id'])
    .where('a.disabled_at', 'is', null)
    .where('a.role', 'in', CANDIDATE_ROLES)
    .where((eb) => eb.or([eb.and([eb('a.school_id', 'is not', null), schoolInScope(scope, 'a.school_id')]), eb.and([eb('a.region_code', 'is not', null), regionInScope(scope, 'a.region_code')])]));
  if (opts.q) q = q.where((eb) => eb.or([eb('a.username', 'ilike', `%${opts.q}%`), eb('a.display_name', 'ilike', `%${opts.q}%`)]));
  // Only the check below decides; this just skips staff bound to another school (or, for a region, to any
  // school), whose scope (scopeOf: their school) never reaches the unit.
  if (place) q = q.where((eb) => (place.schoolId === null ? eb('a.role', 'in', OFFICER_ROLES) : eb.or([eb('a.role', 'in', OFFICER_ROLES), eb('a.school_id', '=', place.schoolId)])));
  let rows = await q.orderBy('a.role').orderBy('a.display_name').orderBy('a.id').limit(place ? UNIT_CANDIDATES_READ : CANDIDATE_LIMIT).execute();
  if (opts.unit) {
    const eligible = await accountsThatCanAnswerFor(ctx, rows, opts.unit.unitType, opts.unit.unitKey);
    rows = rows.filter((r) => eligible.has(r.id)).slice(0, CANDIDATE_LIMIT);
  }
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role }));
}

export async function assignGrid(ctx: AppContext, actor: Actor, body: { unitType: UnitType; unitKey: string; accountId: number }, ip: string): Promise<{ id: number }> {
  const place = await unitForActor(ctx, actor, body.unitType, body.unitKey);
  await assertCanAnswerFor(ctx, body.accountId, body.unitType, body.unitKey);
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('grid_responsibilities')
      .values({ unit_type: body.unitType, unit_key: body.unitKey, school_id: place.schoolId, region_code: place.regionCode, account_id: body.accountId, assigned_by: actor.accountId })
      .onConflict((oc) => oc.columns(['unit_type', 'unit_key']).doUpdateSet({ account_id: body.accountId, assigned_by: actor.accountId, assigned_at: ctx.now() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'grid.assign', objectType: body.unitType, objectId: body.unitKey, detail: { accountId: body.accountId }, ip });
    return row;
  });
}
