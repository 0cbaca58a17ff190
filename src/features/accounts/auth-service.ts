import { inTransaction } from '../../db/transaction';
import { passwordProblem } from '../../domain/accounts/password-policy';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { ABSOLUTE_LIFETIME_SECONDS, actorFor, forgetCachedSessions, hashToken, idleTimeoutSeconds } from '../../http/session';
import { hashPassword, randomToken, verifyPassword } from '../../security/crypto';
import { writeAudit } from '../audit/write-audit';
import { roleNeedsSecondFactor } from '../second-factor/policy';
import { hasActiveSecondFactor, spendSecondFactorCode } from '../second-factor/verify';
import { reserveAttempt, settleAttempt } from './throttle';

// A fixed hash to verify against when the username does not exist, so both paths take as long.
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

export interface LoginOptions {
  userAgent?: string;
  /** A TOTP code or a recovery code; needed when the account has a second factor. */
  totpCode?: string;
  /** The requirement is on (buildApp's requireTotp): bureau and administrator accounts without a factor get a session that may only enrol. */
  requireTotp?: boolean;
}

/**
 * Password login, then the second factor if the account has one, with throttling per account and
 * per IP (a wrong code counts like a wrong password); a new session (rotation) on every success.
 */
export async function login(ctx: AppContext, username: string, password: string, ip: string, options: LoginOptions = {}): Promise<LoginResult> {
  const now = ctx.now();
  // Counted before the slow hash, so parallel guesses cannot all slip under the limit (throttle.ts).
  const attempt = await reserveAttempt(ctx.db, now, username, ip);

  const account = await ctx.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  dummyHash ??= hashPassword('not-a-real-password-000');
  const ok = await verifyPassword(password, account?.password_hash ?? (await dummyHash));
  if (!account || !ok) {
    // The reservation stays as the failure row.
    await writeAudit(ctx.db, null, { action: 'auth.login', objectType: 'account', objectId: username, result: 'failed', ip });
    throw new AppError('auth.invalid_credentials', 401);
  }
  if (account.disabled_at) {
    await settleAttempt(ctx.db, attempt, 'void');
    await writeAudit(ctx.db, null, { action: 'auth.login', objectType: 'account', objectId: account.id, result: 'denied', detail: { reason: 'disabled' }, ip });
    throw new AppError('auth.account_disabled', 403);
  }

  let secondFactor: 'totp' | 'recovery_code' | null = null;
  if (await hasActiveSecondFactor(ctx.db, account.id)) {
    // The password was right: the answer asks for the code, and no session exists yet.
    if (!options.totpCode) {
      await settleAttempt(ctx.db, attempt, 'void');
      throw new AppError('auth.second_factor_required', 401, { field: 'totpCode' });
    }
    const check = await inTransaction(ctx.db, async (trx) => {
      const result = await spendSecondFactorCode(trx, ctx.cipher, account.id, options.totpCode!, now);
      if (!result.ok) {
        // The reservation stays as the failure: it counts towards the throttle like a wrong password.
        await writeAudit(trx, null, { action: 'auth.login', objectType: 'account', objectId: account.id, result: 'failed', detail: { reason: `second_factor_${result.reason}` }, ip });
      }
      return result;
    });
    if (!check.ok) throw new AppError('auth.second_factor_invalid', 401, { field: 'totpCode' });
    secondFactor = check.method;
  }
  const pending = !secondFactor && !!options.requireTotp && roleNeedsSecondFactor(account.role);

  const token = randomToken();
  const csrfToken = randomToken(24);
  const actor = await actorFor(ctx.db, account, hashToken(token), pending);
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        account_id: account.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + ABSOLUTE_LIFETIME_SECONDS * 1000),
        idle_timeout_seconds: idleTimeoutSeconds(account.role),
        ip,
        user_agent: options.userAgent?.slice(0, 300) ?? null,
        second_factor_pending: pending,
      })
      .execute();
    await settleAttempt(trx, attempt, 'success');
    const detail = secondFactor || pending ? { ...(secondFactor ? { secondFactor } : {}), ...(pending ? { secondFactorEnrolmentRequired: true } : {}) } : undefined;
    await writeAudit(trx, actor, { action: 'auth.login', objectType: 'account', objectId: account.id, detail, ip });
  });
  return { token, csrfToken, actor, mustChangePassword: account.must_change_password };
}

export async function logout(ctx: AppContext, actor: Actor, ip: string): Promise<void> {
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    // A cached session must not outlive its revocation on this instance (src/http/session.ts).
    afterCommit(forgetCachedSessions);
    if (actor.sessionId) await trx.updateTable('sessions').set({ revoked_at: ctx.now() }).where('id', '=', actor.sessionId).execute();
    await writeAudit(trx, actor, { action: 'auth.logout', objectType: 'account', objectId: actor.accountId, ip });
  });
}

/** Changing a password revokes every other session of the account. */
export async function changePassword(ctx: AppContext, actor: Actor, current: string, next: string, ip: string): Promise<void> {
  const account = await ctx.db.selectFrom('accounts').select(['password_hash', 'username']).where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, account.password_hash))) throw new AppError('auth.wrong_password', 400, { field: 'currentPassword' });
  const problem = passwordProblem(next, account.username);
  if (problem) throw new AppError(problem, 400, { field: 'newPassword' });
  const hash = await hashPassword(next);
  await inTransaction(ctx.db, async (trx, afterCommit) => {
    // A cached session must not outlive its revocation on this instance (src/http/session.ts).
    afterCommit(forgetCachedSessions);
    await trx.updateTable('accounts').set({ password_hash: hash, password_changed_at: ctx.now(), must_change_password: false }).where('id', '=', actor.accountId).execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: ctx.now() })
      .where('account_id', '=', actor.accountId)
      .where('revoked_at', 'is', null)
      .$if(!!actor.sessionId, (q) => q.where('id', '!=', actor.sessionId!))
      .execute();
    await writeAudit(trx, actor, { action: 'account.password_change', objectType: 'account', objectId: actor.accountId, ip });
  });
}
