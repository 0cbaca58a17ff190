import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Permission } from '../domain/access/permissions';
import type { Actor } from '../domain/access/scope';
import type { Locale } from '../i18n';

/** Who may call a route: anyone, any logged-in account, or holders of a permission. Every /api route declares it. */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
