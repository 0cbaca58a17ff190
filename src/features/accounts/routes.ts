import { Type } from 'typebox';
import { assignableRoles, can, permissionsOf } from '../../domain/access/permissions';
import { describeScope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import { SESSION_COOKIE } from '../../http/session';
import type { App } from '../../http/types';
import { createAccount, listAccounts, resetPassword, setDisabled } from './account-service';
import { hasActiveSecondFactor } from '../second-factor/verify';
import { registerSecondFactorRoutes } from '../second-factor/routes';
import { changePassword, login, logout } from './auth-service';
import { AccountList, AccountQuery, ChangePasswordBody, CreateAccountBody, LoginBody, MeResponse, ResetPasswordBody } from './schema';

export function registerAccountRoutes(app: App, ctx: AppContext) {
  const tags = ['accounts'];
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.secureCookies };

  app.post('/api/auth/login', { config: { access: 'public' }, schema: { tags, body: LoginBody, response: { 200: MeResponse } } }, async (req, reply) => {
    const result = await login(ctx, req.body.username, req.body.password, req.ip, { userAgent: req.headers['user-agent'], totpCode: req.body.totpCode, requireTotp: app.requireTotp });
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: 12 * 3600 });
    return meBody(ctx, result.actor, result.csrfToken, result.mustChangePassword);
  });

  app.post('/api/auth/logout', { config: { access: 'authenticated' }, schema: { tags, response: { 200: OkResponse } } }, async (req, reply) => {
    await logout(ctx, req.actor!, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { config: { access: 'authenticated' }, schema: { tags, response: { 200: MeResponse } } }, async (req) => {
    const row = await ctx.db.selectFrom('accounts').select('must_change_password').where('id', '=', req.actor!.accountId).executeTakeFirstOrThrow();
    return meBody(ctx, req.actor!, req.csrfToken!, row.must_change_password);
  });

  app.post('/api/me/password', { config: { access: 'authenticated' }, schema: { tags, body: ChangePasswordBody, response: { 200: OkResponse } } }, async (req) => {
    await changePassword(ctx, req.actor!, req.body.currentPassword, req.body.newPassword, req.ip);
    return { ok: true };
  });

  app.get('/api/accounts', { config: { access: 'account.read' }, schema: { tags, querystring: AccountQuery, response: { 200: AccountList } } }, async (req) => {
    const list = await listAccounts(ctx, req.actor!, req.query);
    return { ...list, can: { create: can(req.actor, 'account.manage'), assignableRoles: assignableRoles(req.actor!.role) } };
  });

  app.post('/api/accounts', { config: { access: 'account.manage' }, schema: { tags, body: CreateAccountBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
    createAccount(ctx, req.actor!, req.body, req.ip),
  );

  app.post('/api/accounts/:id/reset-password', { config: { access: 'account.manage' }, schema: { tags, params: IdParams, body: ResetPasswordBody, response: { 200: OkResponse } } }, async (req) => {
    await resetPassword(ctx, req.actor!, req.params.id, req.body.newPassword, req.ip);
    return { ok: true };
  });

  app.post('/api/accounts/:id/disable', { config: { access: 'account.manage' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, async (req) => {
    await setDisabled(ctx, req.actor!, req.params.id, true, req.ip);
    return { ok: true };
  });

  app.post('/api/accounts/:id/enable', { config: { access: 'account.manage' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, async (req) => {
    await setDisabled(ctx, req.actor!, req.params.id, false, req.ip);
    return { ok: true };
  });

  registerSecondFactorRoutes(app, ctx);
}

async function meBody(ctx: AppContext, actor: NonNullable<import('fastify').FastifyRequest['actor']>, csrfToken: string, mustChangePassword: boolean) {
  return {
    account: {
      id: actor.accountId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      mustChangePassword,
      scope: actor.scope as Record<string, unknown> as never,
      scopeLabel: await scopeLabel(ctx, actor.scope, actor.accountId),
      // enrolmentRequired: this session may only enrol (the web app shows the enrolment page).
      secondFactor: { active: await hasActiveSecondFactor(ctx.db, actor.accountId), enrolmentRequired: !!actor.secondFactorPending },
    },
    permissions: permissionsOf(actor),
    csrfToken,
  };
}

async function scopeLabel(ctx: AppContext, scope: NonNullable<import('fastify').FastifyRequest['actor']>['scope'], accountId: number): Promise<string> {
  if (scope.kind === 'region') {
    const r = await ctx.db.selectFrom('regions').select('name').where('code', '=', scope.regionCode).executeTakeFirst();
    return r?.name ?? scope.regionCode;
  }
  if (scope.kind === 'school' || scope.kind === 'class') {
    const s = await ctx.db.selectFrom('schools').select('name').where('id', '=', scope.schoolId).executeTakeFirst();
    if (scope.kind === 'school') return s?.name ?? '';
    const c = await ctx.db
      .selectFrom('classes')
      .innerJoin('grades', 'grades.id', 'classes.grade_id')
      .select(['classes.name', 'grades.name as grade'])
      .where('classes.id', '=', scope.classId)
      .executeTakeFirst();
    return `${s?.name ?? ''} ${c?.grade ?? ''}${c?.name ?? ''}`;
  }
  if (scope.kind === 'children') {
    if (!scope.personIds.length) return '';
    const kids = await ctx.db.selectFrom('persons').select('name').where('id', 'in', scope.personIds).orderBy('id').execute();
    return kids.map((k) => k.name).join('、');
  }
  if (scope.kind === 'schools') {
    const h = await ctx.db.selectFrom('accounts').innerJoin('hospitals', 'hospitals.id', 'accounts.hospital_id').select('hospitals.name').where('accounts.id', '=', accountId).executeTakeFirst();
    return `${h?.name ?? ''}（${scope.schoolIds.length}）`;
  }
  return describeScope(scope);
}
