import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction';
import { passwordProblem } from '../../domain/accounts/password-policy';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { ABSOLUTE_LIFETIME_SECONDS, actorFor, forgetCachedSessions, hashToken, idleTimeoutSeconds } from '../../http/session';
import { hashPassword, randomToken, verifyPassword } from '../../security/crypto';
import { writeAudit } from '../audit/write-audit';

const WINDOW_MINUTES = 15;
const MAX_FAILURES = 5;
// A fixed hash to verify against when the username does not exist, so both paths take as long.
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

/** Password login with throttling per account and per IP; a new session (rotation) on every success. */
export async function login(ctx: AppContext, username: string, password: string, ip: string, userAgent?: string): Promise<LoginResult> {
  const now = ctx.now();
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const failures = await ctx.db
    .selectFrom('login_attempts')
    .select([
      sql<number>`count(*) filter (where username = ${username})`.as('by_user'),
      sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip'),
    ])
    .where('success', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  if (failures.by_user >= MAX_FAILURES || failures.by_ip >= MAX_FAILURES * 4) {
    await writeAudit(ctx.db, null, { action: 'auth.login', objectType: 'account', objectId: username, result: 'denied', detail: { reason: 'throttled' }, ip });
    throw new AppError('auth.throttled', 429);
  }

  const account = await ctx.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  dummyHash ??= hashPassword('not-a-real-password-000');
  const ok = await verifyPassword(password, account?.password_hash ?? (await dummyHash));
  if (!account || !ok) {
    await inTransaction(ctx.db, async (trx) => {
      await trx.insertInto('login_attempts').values({ username, ip, success: false, at: now }).execute();
      await writeAudit(trx, null, { action: 'auth.login', objectType: 'account', objectId: username, result: 'failed', ip });
    });
    throw new AppError('auth.invalid_credentials', 401);
  }
  if (account.disabled_at) {
    await writeAudit(ctx.db, null, { action: 'auth.login', objectType: 'account', objectId: account.id, result: 'denied', detail: { reason: 'disabled' }, ip });
    throw new AppError('auth.account_disabled', 403);
  }

  const token = randomToken();
  const csrfToken = randomToken(24);
  const actor = await actorFor(ctx.db, account, hashToken(token));
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
        user_agent: userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await trx.insertInto('login_attempts').values({ username, ip, success: true, at: now }).execute();
    await writeAudit(trx, actor, { action: 'auth.login', objectType: 'account', objectId: account.id, ip });
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
