import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest } from 'fastify';
import { can } from '../domain/access/permissions';
import { registerFeatures } from '../features';
import { openWhilePasswordChangeRequired } from '../features/accounts/password-gate';
import { wireCapabilities } from '../features/wiring';
import { writeAudit } from '../features/audit/write-audit';
import { localeFromHeader } from '../i18n';
import type { AppContext } from './context';
import { AppError, errorBody, handleError, handleFrameworkError } from './errors';
import { securityHeaders } from './security-headers';
import { LOCALE_COOKIE, SESSION_COOKIE, loadSessionCached } from './session';
import type { Access, App } from './types';
import { AJV_OPTIONS, buildValidator } from './validator';

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export interface BuildOptions {
  logger?: boolean;
  webDist?: string | null;
  /** Milliseconds a resolved session may be reused without reading it (see loadSessionCached); 0 reads it on every request. */
  sessionCacheMs?: number;
  /**
   * Bureau and administrator accounts must have a TOTP second factor: without one, their sessions may
   * only enrol (src/features/second-factor). Off unless asked for; src/server.ts reads REQUIRE_TOTP.
   */
  requireTotp?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = path.resolve(here, '../../web/dist');

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App & { routeTable: RouteInfo[] }> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: 25 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    // Query strings and path parameters are coerced (they are strings on the wire); a JSON body is not.
    ajv: AJV_OPTIONS,
    schemaController: { compilersFactory: { buildValidator } },
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const sessionCacheMs = options.sessionCacheMs ?? 0;
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.decorate('requireTotp', options.requireTotp ?? false);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('csrfToken', null);

  // Every API route must say who may call it: the access-control matrix test is generated from this table.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
    // A route that takes no query parameters refuses any, as unknown body fields are refused.
    if (!route.schema?.querystring) route.schema = { ...route.schema, querystring: { type: 'object', properties: {}, additionalProperties: false } };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
    }
  });

  await app.register(cookie);
  app.setErrorHandler(handleError);
  app.addHook('onSend', securityHeaders);

  app.addHook('onRequest', async (request, reply) => {
    request.locale = localeFromHeader(request.headers['accept-language'], request.cookies[LOCALE_COOKIE]);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    let expired = false;
    let mustChangePassword = false;
    if (token) {
      const state = await loadSessionCached(ctx.db, token, ctx.now(), sessionCacheMs);
      if (state && 'actor' in state) {
        // A copy per request (the session cache shares the actor), carrying the client address for audit rows.
        request.actor = { ...state.actor, ip: request.ip };
        request.csrfToken = state.csrfToken;
        mustChangePassword = state.mustChangePassword;
      } else if (state) expired = true;
    }
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (!request.actor) {
      throw new AppError(expired ? 'auth.session_expired' : 'error.unauthenticated', 401);
    }
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
      throw new AppError('error.csrf', 403);
    }
    // A password an administrator set opens only the change page's calls (src/features/accounts/password-gate.ts).
    if (mustChangePassword && !openWhilePasswordChangeRequired(request)) throw new AppError('auth.password_change_required', 403);
    if (access !== 'authenticated' && !can(request.actor, access)) {
      await auditDenied(ctx, request, access);
      return reply.status(403).send(errorBody(request.locale, new AppError('error.forbidden', 403)));
    }
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'CampusGuard API', description: '校园防护墙 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'] },
  }, async () => ({ status: 'ok', db: ctx.dbKind }));

  await registerFeatures(app, ctx);
  wireCapabilities(ctx);

  const webDist = options.webDist === undefined ? DEFAULT_WEB_DIST : options.webDist;
  const serveWeb = !!webDist && existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/people/12, /schools/3 …) get the web app; unknown API paths get a JSON 404.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(errorBody(request.locale, new AppError('error.route_not_found', 404)));
  });

  return Object.assign(app, { routeTable });
}

async function auditDenied(ctx: AppContext, request: FastifyRequest, access: string) {
  await writeAudit(ctx.db, request.actor, {
    action: 'access.denied',
    objectType: 'route',
    objectId: `${request.method} ${request.routeOptions.url}`,
    result: 'denied',
    detail: { permission: access },
    ip: request.ip,
  });
}
