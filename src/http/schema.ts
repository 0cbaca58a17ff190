import { type Static, type TProperties, type TSchema, Type } from 'typebox';

/** An object schema that rejects unknown fields (Fastify would otherwise strip them silently). */
export const Strict = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

// Ids are int4 columns: without a maximum, 2147483648 or "1e309" (coerced to Infinity, which Ajv counts
// as an integer) would pass and fail in the database.
export const INT4_MAX = 2_147_483_647;
export const Id = Type.Integer({ minimum: 1, maximum: INT4_MAX });
export const IdParams = Strict({ id: Id });
// format 'date' (ajv-formats, full mode) refuses dates that do not exist, such as 2026-02-30.
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description: 'YYYY-MM-DD' });
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()), details: Type.Optional(Type.Unknown()) }),
});
export const OkResponse = Strict({ ok: Type.Boolean() });
/**
 * A value or null. A scalar becomes one schema with two types (`type: ['integer', 'null']`). A JSON
 * body is not coerced (./validator.ts), so there a value of neither type is refused; in a query string,
 * which is coerced, Ajv then coerces only a value that matches neither. As a union under coercion, the
 * branch tried first won: null first turned `false`, `0` and `""` into null; the value first turned null into 0.
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const type = (schema as { type?: unknown }).type;
  if (typeof type === 'string' && type !== 'object' && type !== 'array' && type !== 'null') return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
  return Type.Union([Type.Null(), schema]);
};
