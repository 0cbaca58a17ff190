import { type TProperties, Type } from 'typebox';

/** An object schema that rejects unknown fields (Fastify would otherwise strip them silently). */
export const Strict = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Strict({ id: Type.Integer({ minimum: 1 }) });
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()), details: Type.Optional(Type.Unknown()) }),
});
export const OkResponse = Strict({ ok: Type.Boolean() });
// Null first: with type coercion on, Ajv would otherwise turn a null into 0 or "" before trying null.
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);
