import type { FastifyRequest } from 'fastify';

/**
 * What a session may call while its account must change the password an administrator set (a new
 * account, a reset): who am I, the change itself, log out, and setting up the second factor (the web
 * app shows that page first when both are due). Every other route answers 403
 * `auth.password_change_required`, so a temporary password known to the administrator opens nothing
 * but the change. Public routes (login, health) are not gated.
 */
const OPEN_WHILE_PASSWORD_CHANGE_REQUIRED = new Set([
  'GET /api/me',
  'POST /api/me/password',
  'POST /api/auth/logout',
  'GET /api/me/second-factor',
  'POST /api/me/second-factor/enrol',
  'POST /api/me/second-factor/confirm',
]);

export function openWhilePasswordChangeRequired(request: FastifyRequest): boolean {
  return OPEN_WHILE_PASSWORD_CHANGE_REQUIRED.has(`${request.method} ${request.routeOptions.url}`);
}
