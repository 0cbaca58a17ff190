import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, localeFromHeader, t } from '../i18n';

/**
 * The one error type. `code` is an i18n key; the response is `{ error: { code, message, field?, details? } }`
 * with `message` in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status = 400,
    readonly params: Record<string, unknown> & { field?: string } = {},
    readonly details?: unknown,
  ) {
    super(code);
  }
}

export const notFound = (what = 'error.not_found') => new AppError(what, 404);
export const forbidden = () => new AppError('error.forbidden', 403);

export interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, any>;
  message?: string;
}

/**
 * The error that says most about a refused value. A value that fails every branch of a union (a
 * nullable number above its maximum) yields one error per branch and then the union's own; the first
 * is often "should be null", which tells the user nothing. A branch's real rule (maximum, pattern …)
 * at or below the union's place is preferred. A union of literals (a status) or of types (a nullable
 * number) is one error naming every allowed value or type, not the first branch's.
 */
export function mostTellingError(errors: AjvError[]): AjvError {
  const union = errors.find((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (!union) return errors[0];
  const shallow = (e: AjvError) => e.keyword === 'type' || e.keyword === 'const' || e.keyword === union.keyword;
  const rule = errors.find((e) => e !== union && !shallow(e) && e.instancePath.startsWith(union.instancePath));
  if (rule) return rule;
  const branches = errors.filter((e) => e !== union && e.instancePath === union.instancePath);
  const allowed = branches.filter((e) => e.keyword === 'const').map((e) => e.params.allowedValue);
  if (allowed.length) return { keyword: 'enum', instancePath: union.instancePath, params: { allowedValues: allowed } };
  const types = [...new Set(branches.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
  if (types.length) return { keyword: 'type', instancePath: union.instancePath, params: { type: types.join(', ') } };
  return errors[0];
}

/** Turns Ajv's first error into our code, naming the field by its JSON path (e.g. `rows/3/idNumber`). */
export function validationError(error: AjvError, context: string | undefined): AppError {
  const base = error.instancePath.replace(/^\//, '');
  const join = (leaf: string) => (base ? `${base}/${leaf}` : leaf);
  const where = base || context || 'body';
  switch (error.keyword) {
    case 'required':
      return new AppError('validation.required', 400, { field: join(error.params.missingProperty) });
    case 'additionalProperties':
      return new AppError('validation.unknown_field', 400, { field: join(error.params.additionalProperty) });
    case 'type':
      return new AppError('validation.type', 400, { field: where, type: String(error.params.type).split(',').join(', ') });
    case 'minLength':
      return new AppError('validation.min_length', 400, { field: where, limit: error.params.limit });
    case 'maxLength':
      return new AppError('validation.max_length', 400, { field: where, limit: error.params.limit });
    case 'pattern':
      return new AppError('validation.pattern', 400, { field: where });
    case 'format':
      return new AppError('validation.format', 400, { field: where, format: error.params.format });
    case 'enum':
      return new AppError('validation.enum', 400, { field: where, allowed: (error.params.allowedValues ?? []).join(', ') });
    case 'const':
      return new AppError('validation.enum', 400, { field: where, allowed: String(error.params.allowedValue) });
    case 'anyOf':
    case 'oneOf':
      return new AppError('validation.invalid', 400, { field: where });
    case 'minimum':
    case 'exclusiveMinimum':
      return new AppError('validation.minimum', 400, { field: where, limit: error.params.limit });
    case 'maximum':
    case 'exclusiveMaximum':
      return new AppError('validation.maximum', 400, { field: where, limit: error.params.limit });
    case 'minItems':
      return new AppError('validation.min_items', 400, { field: where, limit: error.params.limit });
    case 'maxItems':
      return new AppError('validation.max_items', 400, { field: where, limit: error.params.limit });
    default:
      return new AppError('validation.invalid', 400, { field: where });
  }
}

export function errorBody(locale: Locale, err: AppError) {
  const field = err.params.field;
  return {
    error: {
      code: err.code,
      message: t(locale, err.code, err.params),
      ...(field ? { field } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}

/**
 * Errors Fastify raises before routing (Fastify's `frameworkErrors`): a path parameter longer than the
 * router allows (414) or a URL that does not decode (400). Without this they get Fastify's own body.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  reply.status(status).send(errorBody(localeFromHeader(request.headers['accept-language'], undefined), new AppError('error.url_invalid', status)));
}

export function handleError(this: unknown, error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? 'zh-CN';
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if ('validation' in error && Array.isArray((error as FastifyError).validation)) {
    const v = mostTellingError((error as FastifyError).validation as unknown as AjvError[]);
    appError = validationError(v, (error as FastifyError).validationContext);
  } else if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    appError = new AppError('validation.body_invalid_json', 400, { field: 'body' });
  } else if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    appError = new AppError('error.payload_too_large', 413);
  } else if ((error as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    appError = new AppError('error.unsupported_media', 415);
  } else if ((error as { code?: string }).code === '23505') {
    // A unique constraint caught a race the service's own check could not see (two requests at once).
    appError = new AppError('error.duplicate', 409);
  } else if (/^22[0-9A-Z]{3}$/.test((error as { code?: string }).code ?? '')) {
    // SQLSTATE class 22 (data exception): a value the schema let through that the column cannot hold
    // (an integer beyond int4, an impossible date, a NUL byte in text). The transaction rolled back; it is
    // the caller's input, not a server fault. Logged, so the schema can be tightened to name the field.
    request.log.warn({ err: error }, 'data exception from request input');
    appError = new AppError('validation.out_of_range', 400);
  } else if ((error as { code?: string }).code === '40001' || (error as { code?: string }).code === '40P01') {
    appError = new AppError('error.conflict', 409);
  } else if ((error as FastifyError).statusCode === 429) {
    appError = new AppError('auth.throttled', 429);
  } else {
    request.log.error({ err: error }, 'unhandled error');
    appError = new AppError('error.internal', 500);
  }
  reply.status(appError.status).send(errorBody(locale, appError));
}
