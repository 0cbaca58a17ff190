import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>;
type AjvServerOptions = NonNullable<Parameters<ValidatorFactory>[1]>;

/**
 * Ajv options for every request part. `coerceTypes: 'array'` is right for the query string and path
 * parameters, which are always strings on the wire (`?page=2`, `/schools/:id`) and may carry one value
 * for an array parameter (`?status=open`). A JSON body is not coerced: see `buildValidator`.
 */
export const AJV_OPTIONS = {
  customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
} satisfies AjvServerOptions;

// Fastify's own Ajv compiler (the one it uses when none is given: same version, ajv-formats added,
// `plugins` and `onCreate` honoured, schemas added with `app.addSchema` resolved), loaded from Fastify's
// location so it is always the copy Fastify depends on.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const buildAjvCompiler = fastifyRequire('@fastify/ajv-compiler') as () => ValidatorFactory;

/** A content type whose parsed body is JSON (`application/json`, `application/problem+json` …). */
const isJson = (contentType: string) => /^application\/([\w.-]+\+)?json\b/i.test(contentType.trim());

/**
 * The validator factory (Fastify's `schemaController.compilersFactory.buildValidator`): a JSON body is
 * checked by an Ajv that never coerces types, so `{"name": 123}`, `true` for a string or `"5"` for an
 * integer is refused with a 400 naming the field instead of being stored as "123", "true" or 5. Every
 * other part — query string, path parameters, headers, and a body schema declared for a non-JSON
 * content type (form fields are strings too) — keeps the coercing Ajv. Both share all other options.
 *
 * A nullable scalar (`Nullable` in ./schema.ts: `type: ['integer', 'null']`) needs no coercion: JSON
 * carries null itself, and 0, false and "" stay what they are.
 */
export const buildValidator: ValidatorFactory = (externalSchemas, options) => {
  const pool = buildAjvCompiler();
  const customOptions = options?.customOptions ?? {};
  const coercing = pool(externalSchemas, options);
  const strict = pool(externalSchemas, { ...options, customOptions: { ...customOptions, coerceTypes: false } } as AjvServerOptions);
  return (route) => {
    const contentType = (route as { contentType?: string }).contentType;
    const jsonBody = route.httpPart === 'body' && (contentType === undefined || isJson(contentType));
    return jsonBody ? strict(route) : coercing(route);
  };
};
