import { sql } from 'kysely';
import { classInScope, personInScope, regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { type Actor, REGION_LEVEL_OF_ROLE, ROLE_SCOPE, type Scope, scopeOf } from '../../domain/access/scope';
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

/**
 * Finds the unit and tells whether `scope` covers all of it. A class-bound scope covers only its class
 * and that class's pupils, never a whole grade or school (other classes are outside it).
 */
async function resolveUnit(ctx: AppContext, scope: Scope, unitType: UnitType, key: string): Promise<ResolvedUnit> {
  if (unitType === 'region') {
    const r = await ctx.db.selectFrom('regions').select(['code', sql<boolean>`${regionInScope(scope, 'regions.code')}`.as('covered')]).where('code', '=', key).executeTakeFirst();
    if (!r) throw new AppError('grid.unit_unknown', 400, { field: 'unitKey' });
    return { schoolId: null, regionCode: r.code, covered: r.covered };
  }
  if (!/^\d+$/.test(key)) throw new AppError('grid.unit_unknown', 400, { field: 'unitKey' });
  const table = unitType === 'school' ? 'schools' : unitType === 'grade' ? 'grades' : unitType === 'class' ? 'classes' : 'persons';
  const schoolCol = table === 'schools' ? 'id' : 'school_id';
  const covered =
    unitType === 'class'
      ? classInScope(scope, 't.id', 't.school_id')
      : unitType === 'student'
        ? personInScope(scope, 't')
        : scope.kind === 'class'
          ? sql<boolean>`false`
          : schoolInScope(scope, `t.${schoolCol}`);
  const rows = await sql<{ school_id: number; covered: boolean }>`
    select t.${sql.ref(schoolCol)} as school_id, ${covered} as covered
    from ${sql.table(table)} t where t.id = ${Number(key)}`.execute(ctx.db);
  const r = rows.rows[0];
  if (!r) throw new AppError('grid.unit_unknown', 400, { field: 'unitKey' });
  return { schoolId: r.school_id, regionCode: null, covered: r.covered };
}

/** The unit as the actor may manage it: 400 when unknown, 403 when outside the actor's scope. */
export async function unitForActor(ctx: AppContext, actor: Actor, unitType: UnitType, key: string): Promise<ResolvedUnit> {
  const unit = await resolveUnit(ctx, actor.scope, unitType, key);
  if (!unit.covered) throw new AppError('error.out_of_scope', 403, { field: 'unitKey' });
  return unit;
}

/**
 * Who may answer for a unit: an active account that can act for all of it, so that the orders routed
 * to it (rectification, reminders) are ones it can open. That is school staff (roles bound to a school
 * or class in ROLE_SCOPE) and education-bureau officers (REGION_LEVEL_OF_ROLE), whose own scope covers
 * the whole unit: staff of that school (a class teacher only for their class and its pupils), officers
 * whose region contains it. Parents, hospital liaisons, auditors and sysadmins never do.
 */
async function assertCanAnswerFor(ctx: AppContext, accountId: number, unitType: UnitType, key: string): Promise<void> {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'role', 'region_code', 'school_id', 'class_id', 'disabled_at']).where('id', '=', accountId).executeTakeFirst();
  if (!account || account.disabled_at) throw new AppError('grid.account_unknown', 400, { field: 'accountId' });
  const bound = ROLE_SCOPE[account.role];
  const eligible = bound === 'school' || bound === 'class' || REGION_LEVEL_OF_ROLE[account.role] !== undefined;
  if (!eligible || !(await resolveUnit(ctx, scopeOf(account), unitType, key)).covered) throw new AppError('grid.account_not_eligible', 400, { field: 'accountId' });
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
