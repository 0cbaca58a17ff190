import type { Kysely } from 'kysely';
import { inTransaction, type Trx } from '../../db/transaction';
import type { Database } from '../../db/tables';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { forgetCachedSessions } from '../../http/session';
import { verifyPassword } from '../../security/crypto';
import { loadManaged } from '../accounts/account-service';
import { recordFailedAttempt, reserveAttempt, settleAttempt } from '../accounts/throttle';
import { writeAudit } from '../audit/write-audit';
import { roleNeedsSecondFactor } from './policy';
import { matchingStep, newRecoveryCodes, newSecret, otpauthUri } from './totp';
import { recoveryCodeHash, spendSecondFactorCode } from './verify';

export interface SecondFactorStatus {
  active: boolean;
  /** An enrolment was started and waits for its first code. */
  pending: boolean;
  /** The account must have one (the requirement is on and the role is a bureau or administrator role). */
  required: boolean;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(ctx: AppContext, actor: Actor, requireTotp: boolean): Promise<SecondFactorStatus> {
  const factor = await ctx.db.selectFrom('account_second_factors').select('confirmed_at').where('account_id', '=', actor.accountId).executeTakeFirst();
  const left = await ctx.db
    .selectFrom('account_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', actor.accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    active: !!factor?.confirmed_at,
    pending: !!factor && !factor.confirmed_at,
    required: requireTotp && roleNeedsSecondFactor(actor.role),
    recoveryCodesLeft: factor?.confirmed_at ? Number(left.n) : 0,
  };
}

/**
 * Starts (or restarts) an enrolment: a new secret, returned this once as the otpauth:// URI and in
 * base32 for typing in. It does nothing at login until confirmed with a code.
 */
export async function startEnrolment(ctx: AppContext, actor: Actor, ip: string): Promise<{ secret: string; uri: string }> {
  const secret = newSecret();
  const sealed = ctx.cipher.encrypt(secret);
  return inTransaction(ctx.db, async (trx) => {
    // One statement, so two concurrent starts cannot both insert, and an active factor is never replaced.
    const row = await trx
      .insertInto('account_second_factors')
      .values({ account_id: actor.accountId, secret_sealed: sealed, created_at: ctx.now() })
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({ secret_sealed: sealed, created_at: ctx.now(), last_used_step: null }).where('account_second_factors.confirmed_at', 'is', null),
      )
      .returning('account_id')
      .executeTakeFirst();
    if (!row) throw new AppError('auth.second_factor_already_active', 409);
    await writeAudit(trx, actor, { action: 'auth.second_factor_enrol', objectType: 'account', objectId: actor.accountId, ip });
    return { secret, uri: otpauthUri(secret, actor.username) };
  });
}

/**
 * Activates the started enrolment with a current code; returns the ten recovery codes, shown this
 * once. The account's other sessions end (whoever holds one did not prove the new factor).
 */
export async function confirmEnrolment(ctx: AppContext, actor: Actor, code: string, ip: string): Promise<{ recoveryCodes: string[] }> {
  const recoveryCodes = newRecoveryCodes();
  const now = ctx.now();
  const confirmed = await inTransaction(ctx.db, async (trx, afterCommit) => {
    const factor = await trx
      .selectFrom('account_second_factors')
      .select(['secret_sealed', 'confirmed_at'])
      .where('account_id', '=', actor.accountId)
      .forUpdate()
      .executeTakeFirst();
    if (!factor) throw new AppError('auth.second_factor_not_started', 409);
    if (factor.confirmed_at) throw new AppError('auth.second_factor_already_active', 409);
    const step = matchingStep(ctx.cipher.decrypt(factor.secret_sealed), code.trim(), now);
    if (step === null) {
      // Committed, not rolled back: the failed attempt stays on record.
      await writeAudit(trx, actor, { action: 'auth.second_factor_confirm', objectType: 'account', objectId: actor.accountId, result: 'failed', detail: { reason: 'wrong_code' }, ip });
      return false;
    }
    await trx.updateTable('account_second_factors').set({ confirmed_at: now, last_used_step: step }).where('account_id', '=', actor.accountId).execute();
    await trx.deleteFrom('account_recovery_codes').where('account_id', '=', actor.accountId).execute();
    await trx
      .insertInto('account_recovery_codes')
      .values(recoveryCodes.map((c) => ({ account_id: actor.accountId, code_hash: recoveryCodeHash(ctx.cipher, c) })))
      .execute();
    afterCommit(forgetCachedSessions);
    await endOtherSessions(trx, actor, now, false);
    await writeAudit(trx, actor, { action: 'auth.second_factor_confirm', objectType: 'account', objectId: actor.accountId, ip });
    return true;
  });
  if (!confirmed) throw new AppError('auth.second_factor_invalid', 400, { field: 'totpCode' });
  return { recoveryCodes };
}

/**
 * Turns the factor off, with the password and a current code (or a recovery code); other sessions
 * end. A wrong code counts towards the login throttle (this is one more place to guess codes); a
 * wrong password does not, as with a password change: both need the session already.
 */
export async function disableSecondFactor(ctx: AppContext, actor: Actor, password: string, code: string, ip: string, requireTotp: boolean): Promise<void> {
  const now = ctx.now();
  // Reserved before the checks, as at login, so parallel guesses cannot all pass the limit; the
  // reservation stays as the failure row of a wrong code and is removed otherwise.
  const attempt = await reserveAttempt(ctx.db, now, actor.username, ip);
  const account = await ctx.db.selectFrom('accounts').select('password_hash').where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(password, account.password_hash))) {
    await settleAttempt(ctx.db, attempt, 'void');
    await writeAudit(ctx.db, actor, { action: 'auth.second_factor_disable', objectType: 'account', objectId: actor.accountId, result: 'failed', detail: { reason: 'wrong_password' }, ip });
    throw new AppError('auth.wrong_password', 400, { field: 'password' });
  }
  const outcome = await inTransaction(ctx.db, async (trx, afterCommit) => {
    const active = await trx.selectFrom('account_second_factors').select('account_id').where('account_id', '=', actor.accountId).where('confirmed_at', 'is not', null).executeTakeFirst();
    if (!active) throw new AppError('auth.second_factor_not_active', 409);
    const check = await spendSecondFactorCode(trx, ctx.cipher, actor.accountId, code, now);
    if (!check.ok) {
      await writeAudit(trx, actor, { action: 'auth.second_factor_disable', objectType: 'account', objectId: actor.accountId, result: 'failed', detail: { reason: check.reason }, ip });
      return false;
    }
    await settleAttempt(trx, attempt, 'void');
    await removeFactor(trx, actor.accountId);
    afterCommit(forgetCachedSessions);
    // Still required for the role: this session may only enrol again from now on.
    await endOtherSessions(trx, actor, now, requireTotp && roleNeedsSecondFactor(actor.role));
    await writeAudit(trx, actor, { action: 'auth.second_factor_disable', objectType: 'account', objectId: actor.accountId, detail: { with: check.method }, ip });
    return true;
  });
  if (!outcome) throw new AppError('auth.second_factor_invalid', 400, { field: 'totpCode' });
}

/** An administrator removes another account's factor (a lost phone); all its sessions end. */
export async function resetSecondFactor(ctx: AppContext, actor: Actor, id: number, ip: string): Promise<void> {
  await loadManaged(ctx, actor, id);
  // One's own factor is turned off with the password and a code, not by one's session alone.
  if (id === actor.accountId) throw new AppError('auth.second_factor_reset_self', 400);
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    const had = await trx.selectFrom('account_second_factors').select('confirmed_at').where('account_id', '=', id).executeTakeFirst();
    await removeFactor(trx, id);
    afterCommit(forgetCachedSessions);
    await trx.updateTable('sessions').set({ revoked_at: ctx.now() }).where('account_id', '=', id).where('revoked_at', 'is', null).execute();
    await writeAudit(trx, actor, { action: 'account.second_factor_reset', objectType: 'account', objectId: id, detail: { hadActiveFactor: !!had?.confirmed_at }, ip });
  });
}

async function removeFactor(trx: Trx, accountId: number) {
  await trx.deleteFrom('account_recovery_codes').where('account_id', '=', accountId).execute();
  await trx.deleteFrom('account_second_factors').where('account_id', '=', accountId).execute();
}

async function endOtherSessions(trx: Trx, actor: Actor, now: Date, pendingHere: boolean) {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('account_id', '=', actor.accountId)
    .where('revoked_at', 'is', null)
    .$if(!!actor.sessionId, (q) => q.where('id', '!=', actor.sessionId!))
    .execute();
  if (actor.sessionId) await trx.updateTable('sessions').set({ second_factor_pending: pendingHere }).where('id', '=', actor.sessionId).execute();
}

async function failedAttempt(db: Kysely<Database>, actor: Actor, now: Date, ip: string, reason: string) {
  await recordFailedAttempt(db, now, actor.username, ip);
  await writeAudit(db, actor, { action: 'auth.second_factor_disable', objectType: 'account', objectId: actor.accountId, result: 'failed', detail: { reason }, ip });
}
