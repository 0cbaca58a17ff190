import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { ConfirmBody, DisableBody, EnrolmentView, RecoveryCodesView, SecondFactorStatusView } from './schema';
import { confirmEnrolment, disableSecondFactor, resetSecondFactor, secondFactorStatus, startEnrolment } from './service';

/**
 * What a session that must still enrol a second factor may call: who am I, log out, change the
 * password, and the enrolment itself. Every other route answers 403 until a factor is confirmed.
 */
const OPEN_WHILE_ENROLLING = new Set([
  'GET /api/me',
  'POST /api/auth/logout',
  'POST /api/me/password',
  'GET /api/me/second-factor',
  'POST /api/me/second-factor/enrol',
  'POST /api/me/second-factor/confirm',
]);

/** Runs after the session and access checks of src/http/app.ts (hooks run in the order added). */
async function enrolmentGate(request: FastifyRequest) {
  if (!request.actor?.secondFactorPending) return;
  const access = request.routeOptions.config?.access;
  if (!access || access === 'public') return;
  if (OPEN_WHILE_ENROLLING.has(`${request.method} ${request.routeOptions.url}`)) return;
  throw new AppError('auth.second_factor_enrolment_required', 403);
}

export function registerSecondFactorRoutes(app: App, ctx: AppContext) {
  const tags = ['accounts'];
  app.addHook('onRequest', enrolmentGate);

  app.get('/api/me/second-factor', { config: { access: 'authenticated' }, schema: { tags, response: { 200: SecondFactorStatusView } } }, (req) =>
    secondFactorStatus(ctx, req.actor!, app.requireTotp),
  );

  app.post('/api/me/second-factor/enrol', { config: { access: 'authenticated' }, schema: { tags, response: { 200: EnrolmentView } } }, (req) =>
    startEnrolment(ctx, req.actor!, req.ip),
  );

  app.post('/api/me/second-factor/confirm', { config: { access: 'authenticated' }, schema: { tags, body: ConfirmBody, response: { 200: RecoveryCodesView } } }, (req) =>
    confirmEnrolment(ctx, req.actor!, req.body.totpCode, req.ip),
  );

  app.post('/api/me/second-factor/disable', { config: { access: 'authenticated' }, schema: { tags, body: DisableBody, response: { 200: OkResponse } } }, async (req) => {
    await disableSecondFactor(ctx, req.actor!, req.body.password, req.body.totpCode, req.ip, app.requireTotp);
    return { ok: true };
  });

  app.post('/api/accounts/:id/second-factor/reset', { config: { access: 'account.manage' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, async (req) => {
    await resetSecondFactor(ctx, req.actor!, req.params.id, req.ip);
    return { ok: true };
  });
}
