import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import type { Role } from '../../db/tables';
import { passwordProblem } from '../../domain/accounts/password-policy';
import { assignableRoles, can } from '../../domain/access/permissions';
import { REGION_LEVEL_OF_ROLE, ROLE_SCOPE, type Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { forgetCachedSessions } from '../../http/session';
import { hashPassword } from '../../security/crypto';
import { writeAudit } from '../audit/write-audit';
import type { AccountQuery, CreateAccountBody } from './schema';

function managedSchool(actor: Actor): number | null {
  return actor.role === 'school_admin' && actor.scope.kind === 'school' ? actor.scope.schoolId : null;
}

export async function listAccounts(ctx: AppContext, actor: Actor, query: Static<typeof AccountQuery>) {
  const school = managedSchool(actor);
  let q = ctx.db
    .selectFrom('accounts')
    .leftJoin('schools', 'schools.id', 'accounts.school_id')
    .leftJoin('account_second_factors', 'account_second_factors.account_id', 'accounts.id');
  if (actor.role !== 'sysadmin') q = q.where('accounts.school_id', '=', school ?? -1);
  if (query.role) q = q.where('accounts.role', '=', query.role);
  if (query.q) q = q.where((eb) => eb.or([eb('accounts.username', 'ilike', `%${query.q}%`), eb('accounts.display_name', 'ilike', `%${query.q}%`)]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'accounts.id', 'accounts.username', 'accounts.display_name', 'accounts.role', 'accounts.region_code', 'accounts.school_id',
      'schools.name as school_name', 'accounts.class_id', 'accounts.hospital_id', 'accounts.can_unmask', 'accounts.disabled_at', 'accounts.created_at',
      'account_second_factors.confirmed_at as second_factor_confirmed_at',
    ])
    .orderBy('accounts.id')
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      regionCode: r.region_code,
      schoolId: r.school_id,
      schoolName: r.school_name,
      classId: r.class_id,
      hospitalId: r.hospital_id,
      canUnmask: r.can_unmask,
      disabled: r.disabled_at != null,
      secondFactor: r.second_factor_confirmed_at != null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/**
 * Whether the manager may hand out the unmask right: only one who holds it (a manager cannot grant what
 * they lack), or the system administrator, who configures accounts without reading personal data.
 */
function mayGrantUnmask(actor: Actor): boolean {
  return actor.role === 'sysadmin' || can(actor, 'person.unmask');
}

/** A refused account change: audited as denied, then a 403 naming the field. */
async function refuse(ctx: AppContext, actor: Actor, code: string, field: string, entry: { action: string; objectId: string | number; detail?: Record<string, unknown> }, ip: string): Promise<never> {
  await writeAudit(ctx.db, actor, { action: entry.action, objectType: 'account', objectId: entry.objectId, result: 'denied', detail: { ...entry.detail, field }, ip });
  throw new AppError(code, 403, { field });
}

/** Creates an account bound to exactly the node its role needs; a school administrator only inside their school. */
export async function createAccount(ctx: AppContext, actor: Actor, body: Static<typeof CreateAccountBody>, ip: string) {
  const denied = { action: 'account.create', objectId: body.username, detail: { role: body.role } };
  if (!assignableRoles(actor.role).includes(body.role)) await refuse(ctx, actor, 'account.role_not_assignable', 'role', denied, ip);
  if (body.canUnmask && !mayGrantUnmask(actor)) await refuse(ctx, actor, 'account.right_not_held', 'canUnmask', denied, ip);
  const problem = passwordProblem(body.password, body.username);
  if (problem) throw new AppError(problem, 400, { field: 'password' });
  const school = managedSchool(actor);
  // Anyone but the system administrator manages one school: without it, nothing is within reach.
  if (actor.role !== 'sysadmin' && school == null) await refuse(ctx, actor, 'error.out_of_scope', 'schoolId', denied, ip);
  const binding = await resolveBinding(ctx, body, school);
  const passwordHash = await hashPassword(body.password);
  return inTransaction(ctx.db, async (trx) => {
    const existing = await trx.selectFrom('accounts').select('id').where('username', '=', body.username).executeTakeFirst();
    if (existing) throw new AppError('account.username_taken', 409, { field: 'username' });
    const row = await trx
      .insertInto('accounts')
      .values({
        username: body.username,
        display_name: body.displayName,
        password_hash: passwordHash,
        role: body.role,
        ...binding,
        can_unmask: body.canUnmask ?? false,
        email: body.email ?? null,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const personId of body.childPersonIds ?? []) {
      await trx.insertInto('account_children').values({ account_id: row.id, person_id: personId }).execute();
    }
    await writeAudit(trx, actor, { action: 'account.create', objectType: 'account', objectId: row.id, detail: { role: body.role, ...binding }, ip });
    return { id: row.id };
  });
}

async function resolveBinding(ctx: AppContext, body: Static<typeof CreateAccountBody>, managerSchool: number | null) {
  const kind = ROLE_SCOPE[body.role as Role];
  const empty = { region_code: null as string | null, school_id: null as number | null, class_id: null as number | null, hospital_id: null as number | null };
  if (kind === 'region') {
    if (!body.regionCode) throw new AppError('validation.required', 400, { field: 'regionCode' });
    const region = await ctx.db.selectFrom('regions').select(['code', 'level']).where('code', '=', body.regionCode).executeTakeFirst();
    if (!region) throw new AppError('account.region_unknown', 400, { field: 'regionCode' });
    const level = REGION_LEVEL_OF_ROLE[body.role as Role];
    if (level && region.level !== level) throw new AppError('account.region_level_mismatch', 400, { field: 'regionCode', level });
    return { ...empty, region_code: region.code };
  }
  if (kind === 'school' || kind === 'class') {
    const schoolId = body.schoolId ?? managerSchool ?? undefined;
    if (!schoolId) throw new AppError('validation.required', 400, { field: 'schoolId' });
    if (managerSchool && schoolId !== managerSchool) throw new AppError('error.out_of_scope', 403, { field: 'schoolId' });
    const school = await ctx.db.selectFrom('schools').select('id').where('id', '=', schoolId).executeTakeFirst();
    if (!school) throw new AppError('account.school_unknown', 400, { field: 'schoolId' });
    if (kind === 'school') return { ...empty, school_id: schoolId };
    if (!body.classId) throw new AppError('validation.required', 400, { field: 'classId' });
    const cls = await ctx.db.selectFrom('classes').select('id').where('id', '=', body.classId).where('school_id', '=', schoolId).executeTakeFirst();
    if (!cls) throw new AppError('account.class_unknown', 400, { field: 'classId' });
    return { ...empty, school_id: schoolId, class_id: cls.id };
  }
  if (kind === 'hospital') {
    if (!body.hospitalId) throw new AppError('validation.required', 400, { field: 'hospitalId' });
    const h = await ctx.db.selectFrom('hospitals').select('id').where('id', '=', body.hospitalId).executeTakeFirst();
    if (!h) throw new AppError('account.hospital_unknown', 400, { field: 'hospitalId' });
    return { ...empty, hospital_id: h.id };
  }
  if (kind === 'children') {
    const ids = body.childPersonIds ?? [];
    if (!ids.length) throw new AppError('validation.required', 400, { field: 'childPersonIds' });
    const rows = await ctx.db.selectFrom('persons').select(['id', 'school_id']).where('id', 'in', ids).where('kind', '=', 'student').execute();
    if (rows.length !== new Set(ids).size) throw new AppError('account.child_unknown', 400, { field: 'childPersonIds' });
    if (managerSchool && rows.some((r) => r.school_id !== managerSchool)) throw new AppError('error.out_of_scope', 403, { field: 'childPersonIds' });
    return empty;
  }
  return empty;
}

/** An account the actor manages (any for a system administrator, the school's own roles for a school administrator). */
export async function loadManaged(ctx: AppContext, actor: Actor, id: number) {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'school_id', 'role', 'username', 'can_unmask']).where('id', '=', id).executeTakeFirst();
  if (!account) throw new AppError('error.not_found', 404);
  const school = managedSchool(actor);
  if (actor.role !== 'sysadmin' && (account.school_id !== school || !assignableRoles(actor.role).includes(account.role))) {
    throw new AppError('error.out_of_scope', 403);
  }
  return account;
}

/** An administrator sets a temporary password; the user must change it at next login; sessions are revoked. */
export async function resetPassword(ctx: AppContext, actor: Actor, id: number, newPassword: string, ip: string) {
  const account = await loadManaged(ctx, actor, id);
  // Setting the password of an account is becoming it: not for one that holds a right the manager lacks.
  if (account.can_unmask && !mayGrantUnmask(actor)) {
    await refuse(ctx, actor, 'account.holds_right_not_held', 'canUnmask', { action: 'account.reset_password', objectId: id }, ip);
  }
  const problem = passwordProblem(newPassword, account.username);
  if (problem) throw new AppError(problem, 400, { field: 'newPassword' });
  const hash = await hashPassword(newPassword);
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    // A cached session must not outlive its revocation on this instance (src/http/session.ts).
    afterCommit(forgetCachedSessions);
    await trx.updateTable('accounts').set({ password_hash: hash, must_change_password: true, password_changed_at: ctx.now() }).where('id', '=', id).execute();
    await trx.updateTable('sessions').set({ revoked_at: ctx.now() }).where('account_id', '=', id).where('revoked_at', 'is', null).execute();
    await writeAudit(trx, actor, { action: 'account.reset_password', objectType: 'account', objectId: id, ip });
  });
}

export async function setDisabled(ctx: AppContext, actor: Actor, id: number, disabled: boolean, ip: string) {
  await loadManaged(ctx, actor, id);
  if (id === actor.accountId) throw new AppError('account.cannot_disable_self', 400);
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    // A cached session must not outlive its revocation on this instance (src/http/session.ts).
    afterCommit(forgetCachedSessions);
    await trx.updateTable('accounts').set({ disabled_at: disabled ? ctx.now() : null }).where('id', '=', id).execute();
    if (disabled) await trx.updateTable('sessions').set({ revoked_at: ctx.now() }).where('account_id', '=', id).where('revoked_at', 'is', null).execute();
    await writeAudit(trx, actor, { action: disabled ? 'account.disable' : 'account.enable', objectType: 'account', objectId: id, ip });
  });
}
